/**
 * What publishing a register version must not break.
 *
 * The programmes acting on it. Every programme whose current
 * (published) version links this register is checked against the draft exactly as publishing that
 * programme checks it against the register (programme-link.ts, linkProblemsAgainst): a change kind
 * its effects record, a field its prefill or effects name, a status it files for or sets must still
 * exist. Otherwise the county's approvals would fail on the next case ("未知的变更类型 …"); the
 * designer is told which programme needs what, and nothing is published.
 *
 * Retiring it while programmes act on it: their approvals that change households would be refused.
 *
 * The households holding a status. A status value the draft drops, while households still hold it,
 * would make each of them fail its next write (every write validates with the current version):
 * the designer is told how many hold which, to change them first or keep the value.
 */
import { DomainError } from '../core/errors.js';
import type { WorkflowDefinition } from '../workflow/definition.js';
import { registerLinkOf } from '../workflow/effects.js';
import { linkProblemsAgainst } from './programme-link.js';
import type { LoadedVersion } from './register-versions.js';
import type { SqlExec } from './sql.js';

/** The active programmes whose current version acts on the register, with that version. */
async function linkedProgrammes(exec: SqlExec, registerKey: string) {
  const { rows } = await exec(
    `select p.key, p.name, v.workflow, v.form_schema from programme p
       join programme_version v on v.programme_id = p.id and v.status = 'published'
      where p.status = 'active' and v.workflow #>> '{meta,register,key}' = $1 order by p.key`,
    [registerKey],
  );
  return rows as { key: string; name: string; workflow: unknown; form_schema: unknown }[];
}

export async function assertLinkedProgrammesFit(exec: SqlExec, registerKey: string, draft: LoadedVersion): Promise<void> {
  const rows = await linkedProgrammes(exec, registerKey);
  const problems = rows.flatMap((r) => {
    const workflow = r.workflow as WorkflowDefinition;
    const link = registerLinkOf(workflow.meta);
    if (!link) return [];
    return linkProblemsAgainst(link, draft, workflow, r.form_schema).map((p) => ({
      path: `/programmes/${r.key}${p.path}`, message: `项目「${r.name}」：${p.message}`, messageEn: `programme "${r.key}": ${p.messageEn}`,
    }));
  });
  if (problems.length) {
    const first = problems[0]!;
    throw new DomainError('BAD_USER_INPUT', `Publishing would break programmes acting on register "${registerKey}": ${first.messageEn}` + (problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''), {
      subCode: 'BREAKS_PROGRAMMES',
      messageZh: `发布后正在受理的项目将无法使用本登记簿：${first.message}` + (problems.length > 1 ? `（另有 ${problems.length - 1} 处）` : '') + '。请保留这些字段、户类别和变更类型，或先修改并发布相关项目',
      problems,
    });
  }
}

/** `everStatuses`: every status value of the register's versions; those the draft drops must be held by no entry. */
export async function assertStatusesStillHeld(exec: SqlExec, registerId: string, everStatuses: readonly string[], draft: LoadedVersion): Promise<void> {
  const dropped = [...new Set(everStatuses)].filter((v) => !draft.statusByValue.has(v));
  if (!dropped.length) return;
  // One probe of the (register_id, status, …) index per dropped value.
  const { rows } = await exec(
    `select d.status, (select count(*) from register_entry e where e.register_id = $1 and e.status = d.status)::int as n
       from unnest($2::text[]) as d(status)`,
    [registerId, dropped],
  );
  const held = rows.filter((r) => r.n > 0);
  if (!held.length) return;
  const problems = held.map((r) => ({
    path: '/statuses',
    message: `还有 ${r.n} 户的户类别为“${r.status}”，新版本没有这一户类别：请先把这些农户改为其他户类别，或在新版本中保留它`,
    messageEn: `${r.n} entries still have the status "${r.status}", which the new version drops: change them first, or keep the status`,
  }));
  throw new DomainError('BAD_USER_INPUT', `Publishing would leave entries with a status the version does not have: ${problems[0]!.messageEn}`, {
    subCode: 'STATUS_IN_USE', messageZh: problems[0]!.message, problems,
  });
}

/** A register is retired only once no active programme acts on it (its effects would be refused). */
export async function assertNoLinkedProgrammes(exec: SqlExec, registerKey: string): Promise<void> {
  const rows = await linkedProgrammes(exec, registerKey);
  if (!rows.length) return;
  const names = rows.map((r) => `「${r.name}」`).join('、');
  throw new DomainError('BAD_USER_INPUT', `Programmes still act on register "${registerKey}": ${rows.map((r) => r.key).join(', ')}; retire them first`, {
    subCode: 'REGISTER_IN_USE',
    messageZh: `仍有项目使用本登记簿：${names}。请先停用这些项目`,
    problems: rows.map((r) => ({ path: `/programmes/${r.key}`, message: `项目「${r.name}」仍在使用本登记簿`, messageEn: `programme "${r.key}" still acts on the register` })),
  });
}
