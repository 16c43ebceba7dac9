/**
 * 低保 and 危房改造 cases filed for households already in the register (一户一档): in 东街村, a
 * household on the edge of poverty applies for 低保 and one living in a C- or D-grade house for
 * renovation. Both programmes link the register as "optional", so the head and village group (for
 * 低保 also the household size and each member's name, relation and health; for housing the
 * household's category, through a value map) come from the household's file (prefill), and each
 * case shows on the household's page and in its dossier.
 */
import type { Services } from '../core/services.js';
import { createApplication, submitApplication } from '../applications/application.service.js';
import { loadExample } from '../programmes/examples.js';
import { sqlExecutor } from '../core/sql.js';
import { contextAs } from './seed-domain.js';

const DONGJIE = '130636100201';
const CADRE = 'dongjie_cadre';

interface Household {
  id: string;
  data: { head: { phone?: string }; perCapitaIncome?: number };
}

export async function seedLinkedCases(services: Services): Promise<number> {
  const exec = sqlExecutor(services.orm.em.fork());
  const first = async (where: string): Promise<Household | undefined> => (await exec(
    `select e.id, e.data from register_entry e join register r on r.id = e.register_id
      where r.key = 'household' and e.region_code = $1 and ${where} order by e.key limit 1`, [DONGJIE],
  )).rows[0];
  const edge = await first(`e.status in ('边缘户', '监测户')`);
  // Renovation aid is for the groups the housing form names (its 家庭类别 comes from the file's status).
  const unsafe = await first(`e.data->>'housingGrade' in ('C', 'D') and e.status in ('建档立卡户', '监测户', '边缘户', '低保户', '特困供养')`);
  // A cadre types a phone number where the file has none (both forms require one).
  const phone = (h: Household) => (h.data.head.phone ? {} : { head: { phone: '13831260017' } });
  let filed = 0;
  if (edge) {
    const { head: _h, householdSize: _s, members: _m, ...own } = loadExample('dibao').example!;
    const perCapitaIncome = Math.round((edge.data.perCapitaIncome ?? 4800) / 12);
    const app = await createApplication(await contextAs(services, CADRE), 'dibao', DONGJIE, { ...own, ...phone(edge), perCapitaIncome }, { entryId: edge.id });
    await submitApplication(await contextAs(services, CADRE), app.id, app.version);
    filed += 1;
  }
  if (unsafe) {
    const { head: _h, householdStatus: _c, ...own } = loadExample('housing').example!;
    const app = await createApplication(await contextAs(services, CADRE), 'housing', DONGJIE, { ...own, ...phone(unsafe) }, { entryId: unsafe.id });
    await submitApplication(await contextAs(services, CADRE), app.id, app.version);
    filed += 1;
  }
  services.log.info({ linked: filed }, 'seeded demo cases for registered households');
  return filed;
}
