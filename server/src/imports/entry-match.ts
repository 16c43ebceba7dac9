/**
 * Imported cases of a programme linked to a register belong to households as filed ones do
 * (docs/registers.md, "Programmes act on registers"): a row is matched to the household whose key
 * it holds in the form fields the link prefills from the register's key fields (the head's ID
 * number ← /head/idNumber), among the households the importer may read. A matched row is checked
 * as createApplication checks a picked household (its village, the link's statuses), prefilled
 * where it left fields empty, and written with the household. A row no household matches is filed
 * without one, unless the link is "existing": then it is refused, on the key's cell.
 *
 * Run when the file is checked (so a prefilled field is not reported missing) and again when it is
 * written (the household may have changed in between).
 */
import { DomainError } from '../core/errors.js';
import { readPointer } from '../programmes/form-pointer.js';
import type { SqlExec } from '../registers/sql.js';
import { registerByKey } from '../registers/register-row.js';
import { normaliseId } from '../registers/entry-persons.js';
import { entryFromRow, ENTRY_COLUMNS } from '../registers/entry.row.js';
import { canReadEntryAt } from '../registers/register.policy.js';
import { versionById } from '../registers/register-versions.js';
import { assertEntryFits, prefill, registerLinkOf } from '../registers/programme-link.js';
import { prefillFrom, type RegisterLink } from '../workflow/effects.js';
import type { Actor } from '../core/actor.js';
import type { ImportTarget } from './import-target.js';

export interface RowToLink {
  rowNo: number;
  /** The row's village path; null when the row's region is unknown (nothing to match in). */
  regionPath: string | null;
  data: Record<string, unknown>;
}

export interface LinkedRow {
  entryId: string | null;
  data: Record<string, unknown>;
  problem?: { pointer: string | null; message: string; messageEn: string };
}

interface KeyedLink {
  link: RegisterLink & { link: 'existing' | 'optional' };
  register: { id: string; key: string; name: string };
  /** The form fields that hold the register's key (those prefilled from its key fields), or null. */
  pointers: string[] | null;
}

/** The programme's link to a register for imports (none for an unlinked programme or one that creates households). */
async function keyedLink(exec: SqlExec, target: ImportTarget): Promise<KeyedLink | null> {
  const link = target.programme ? registerLinkOf(target.programme.workflow.definition.meta) : null;
  if (!link || link.link === 'create') return null;
  const register = await registerByKey(exec, link.key);
  if (!register) return null;
  const version = register.versionId ? await versionById(exec, register.versionId) : undefined;
  const keyPointers = version?.settings.keyFields.map((k) => Object.entries(link.prefill).find(([, source]) => prefillFrom(source).from === k)?.[0]);
  const pointers = keyPointers?.every((p): p is string => p !== undefined) ? keyPointers : null;
  return { link: link as KeyedLink['link'], register, pointers };
}

/**
 * What the template's header notes add for a linked programme: on the key columns, that a
 * registered household's key links the row (and, for link "existing", that it must); on the
 * other prefilled columns, that they may be left empty for such a row.
 */
export async function linkColumnNotes(exec: SqlExec, target: ImportTarget): Promise<Map<string, string>> {
  const keyed = await keyedLink(exec, target);
  const notes = new Map<string, string>();
  if (!keyed?.pointers) return notes;
  const name = keyed.register.name;
  for (const p of keyed.pointers) {
    notes.set(p, keyed.link.link === 'existing'
      ? `须为${name}中已登记的农户：本行关联该户档案，其他列空白处按档案填写`
      : `填写${name}中已登记农户时，本行关联该户档案，其他列空白处按档案填写；未登记的家庭照常导入`);
  }
  for (const to of Object.keys(keyed.link.prefill)) if (!notes.has(to)) notes.set(to, `关联${name}中的农户时可不填（按档案填写）`);
  return notes;
}

/** Each row's household (or none), its data prefilled, or the problem that refuses it. */
export async function linkRows(exec: SqlExec, target: ImportTarget, actor: Actor, rows: RowToLink[]): Promise<Map<number, LinkedRow>> {
  const out = new Map<number, LinkedRow>(rows.map((r) => [r.rowNo, { entryId: null, data: r.data }]));
  const keyed = rows.length ? await keyedLink(exec, target) : null;
  if (!keyed) return out;
  const { link, register, pointers } = keyed;
  const keyOf = (data: Record<string, unknown>) => {
    if (!pointers) return null;
    const parts = pointers.map((p) => normaliseId(readPointer(data, p)));
    return parts.every((p) => p !== null) ? parts.join('|') : null;
  };
  const keys = new Map(rows.map((r) => [r.rowNo, r.regionPath ? keyOf(r.data) : null]));
  const wanted = [...new Set([...keys.values()].filter((k): k is string => k !== null))];
  const { rows: found } = wanted.length
    ? await exec(`select ${ENTRY_COLUMNS} from register_entry e where e.register_id = $1::uuid and e.key = any($2::text[])`, [register.id, wanted])
    : { rows: [] };
  const byKey = new Map(found.map(entryFromRow).filter((e) => canReadEntryAt(actor, e.regionPath, e.registerId)).map((e) => [e.key, e]));
  const at = pointers?.[0] ?? null;

  for (const r of rows) {
    const key = keys.get(r.rowNo);
    const entry = key ? byKey.get(key) : undefined;
    if (!entry) {
      if (link.link === 'existing' && r.regionPath) {
        // Without the key among the prefilled fields no row can name its household: say so, not "no such household".
        out.set(r.rowNo, { entryId: null, data: r.data, problem: pointers ? {
          pointer: at,
          message: `${register.name}中没有该户：本项目只受理已登记的农户，请先登记或核对身份证号`,
          messageEn: `no household of register "${link.key}" has this key: this programme files only for registered households`,
        } : {
          pointer: null,
          message: `本项目只受理${register.name}中已登记的农户，但它不从档案预填户主身份证号等关键字段，表格中的行对应不到农户：请在系统中逐户申报，或请项目设计员把关键字段加入预填`,
          messageEn: `this programme files only for registered households of register "${link.key}" but prefills none of its key fields, so a row cannot be matched to a household: file these cases one by one, or have the designer prefill the key fields`,
        } });
      }
      continue;
    }
    try {
      assertEntryFits(link, register.key, entry, r.regionPath!);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      out.set(r.rowNo, { entryId: null, data: r.data, problem: { pointer: at, message: e.details.messageZh, messageEn: e.message } });
      continue;
    }
    out.set(r.rowNo, { entryId: entry.id, data: prefill(link, r.data, entry.data) });
  }
  return out;
}
