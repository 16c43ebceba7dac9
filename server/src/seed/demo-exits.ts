/**
 * Exit cases (脱贫退出) for some of the demo county's registered poor households (建档立卡户): one
 * still a draft, one at the village's democratic appraisal, one under the village notice. The
 * others have no case yet, so a newcomer can file one from the household's page and follow it to
 * the county's approval, which marks the household 已脱贫 in its file.
 */
import type { Services } from '../core/services.js';
import type { Context } from '../core/context.js';
import { createApplication, submitApplication, transitionApplication } from '../applications/application.service.js';
import { loadExample } from '../programmes/examples.js';
import { sqlExecutor } from '../core/sql.js';
import { cadreOf } from './demo-users.js';
import { contextAs } from './seed-domain.js';

/** How many of the registered poor households get a case; the rest are left to file. */
const WITH_CASES = 6;

export async function seedExits(services: Services): Promise<number> {
  const { rows } = await sqlExecutor(services.orm.em.fork())(
    `select e.id, e.region_code from register_entry e join register r on r.id = e.register_id
      where r.key = 'household' and e.status = '建档立卡户' order by e.key limit ${WITH_CASES}`,
  );
  const ex = loadExample('exit').example!;
  const contexts = new Map<string, Context>();
  const as = async (user: string) => {
    if (!contexts.has(user)) contexts.set(user, await contextAs(services, user));
    const ctx = contexts.get(user)!;
    ctx.em.clear();
    return ctx;
  };
  for (const [i, row] of rows.entries()) {
    const cadre = cadreOf(row.region_code);
    // The head, village group and household size come from the household's file (prefill).
    const { head: _head, householdSize: _size, ...own } = ex;
    let app = await createApplication(await as(cadre), 'exit', row.region_code, { ...own, perCapitaIncome: 5200 + i * 350 }, { entryId: row.id });
    if (i % 3 === 0) continue;
    app = await submitApplication(await as(cadre), app.id, app.version);
    if (i % 3 === 1) continue;
    await transitionApplication(await as(cadre), app.id, {
      event: 'APPROVE', expectedVersion: app.version, comment: '经村民代表大会民主评议同意退出',
      data: { appraisal: { meetingDate: '2026-11-20', attendees: 32, votesFor: 31, votesAgainst: 1 } },
    });
  }
  services.log.info({ exits: rows.length }, 'seeded demo exit cases');
  return rows.length;
}
