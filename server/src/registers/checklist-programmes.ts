/**
 * Checks a register's completeness checklist against the programmes it names, when a draft is
 * saved and when it is published: the state, event or form field an item names must exist in the
 * programme's current published version. Programmes not defined yet are accepted (checklist.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../core/errors.js';
import { Programme } from '../programmes/programme.entity.js';
import { currentVersion } from '../programmes/programme.service.js';
import { workflowOf } from '../programmes/compiled.js';
import { schemaFields } from './register-fields.js';
import { checkChecklistAgainst, type ProgrammeFacts } from './checklist.js';
import type { RegisterSettings } from './register-definition.js';

export async function assertChecklistProgrammes(em: EntityManager, settings: RegisterSettings): Promise<void> {
  const list = settings.dossier?.checklist ?? [];
  if (!list.length) return;
  const programmes = await em.find(Programme, { key: { $in: [...new Set(list.map((i) => i.programme))] } }, { populate: ['versions'] });
  const facts = new Map<string, ProgrammeFacts>();
  for (const p of programmes) {
    const v = currentVersion(p);
    if (!v) continue;
    const wf = workflowOf(v);
    const fields = schemaFields(v.formSchema);
    facts.set(p.key, {
      states: new Set(Object.keys(wf.definition.states ?? {})),
      events: new Set(wf.diagram().edges.map((e) => e.event)),
      hasField: (pointer) => fields.has(pointer),
    });
  }
  const problems = checkChecklistAgainst(list, facts);
  if (problems.length) {
    const first = problems[0]!;
    throw new DomainError('SCHEMA_INVALID', `The register definition is invalid: ${first.path} ${first.messageEn}` + (problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''), {
      messageZh: `登记簿定义有误：${first.path} ${first.message}` + (problems.length > 1 ? `（另有 ${problems.length - 1} 处）` : ''),
      problems,
    });
  }
}
