/**
 * Second pass: every staged row checked as the web form would check it, plus what only a file
 * can get wrong. Per batch of rows:
 * - the version's compiled validator (a register's also derives its key, status and persons);
 * - the row's village: inside the import's region, a village, and covered by one of the
 *   importer's grants with a role that may create there (otherwise an error on that row);
 * - uniqueness within the file (x-unique fields, a register's key and every ID number; whole
 *   duplicate rows) and against the database (active applications' claims; ID numbers held by
 *   another register entry);
 * - idempotency: a row this importer already wrote from the same file (same row key), or a
 *   register entry whose data would not change, is "unchanged" and will not be written again;
 * - a programme linked to a register: the row's household, checked and prefilled from it
 *   (entry-match.ts), before the form is checked.
 * Problems are located at the sheet, line and column the person typed them in.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../core/actor.js';
import { DomainError } from '../core/errors.js';
import { readPointer } from '../programmes/form-pointer.js';
import type { SqlExec } from '../registers/sql.js';
import { derive, maskKey } from '../registers/entry-write.js';
import type { FormSheet } from '../programmes/form-columns.js';
import { creatingGrant, type ImportTarget } from './import-target.js';
import type { ImportJob, RowProblem } from './import-job.js';
import { REGION_TITLE } from './template.js';
import { linkRows, type LinkedRow } from './entry-match.js';

export interface StagedRow {
  rowNo: number;
  rowKey: string;
  regionCode: string | null;
  data: Record<string, unknown>;
  memberLines: Record<string, number[]>;
  problems: RowProblem[] | null;
}

export interface Verdict {
  rowNo: number;
  status: 'valid' | 'invalid' | 'unchanged';
  problems: RowProblem[] | null;
  entityId: string | null;
  /** The household the row's case will belong to (a programme linked to a register). */
  entryId?: string | null;
}

/** State carried from batch to batch: what the file has shown so far. */
export interface FileMemory {
  unique: Map<string, number>;
  rows: Map<string, number>;
}

export const newMemory = (): FileMemory => ({ unique: new Map(), rows: new Map() });

/** The idempotency key of a row written by an import: the file's content and the row key. */
export const rowIdempotencyKey = (job: Pick<ImportJob, 'fileSha256'>, rowKey: string) => `import:${job.fileSha256.slice(0, 24)}:${rowKey}`.slice(0, 100);

/** Where a data pointer was typed: its sheet, line and column title. */
export function locate(target: ImportTarget, row: StagedRow, pointer: string): Pick<RowProblem, 'sheet' | 'line' | 'column'> {
  const main = target.layout.main;
  for (const m of target.layout.members) {
    if (pointer === m.pointer || pointer.startsWith(`${m.pointer}/`)) {
      const rest = pointer.slice(m.pointer.length);
      const match = /^\/(\d+)(\/.*)?$/.exec(rest);
      // The array as a whole (required, too few members): on the record's own line.
      if (!match) return { sheet: main.name, line: row.rowNo, column: m.name };
      const line = row.memberLines[m.pointer]?.[Number(match[1])] ?? row.rowNo;
      return { sheet: m.name, line, column: columnAt(m, match[2] ?? '') };
    }
  }
  return { sheet: main.name, line: row.rowNo, column: columnAt(main, pointer) };
}

function columnAt(sheet: FormSheet, pointer: string): string | null {
  let best: string | null = null;
  let bestLen = -1;
  for (const c of sheet.columns) {
    if ((pointer === c.pointer || pointer.startsWith(`${c.pointer}/`)) && c.pointer.length > bestLen) {
      best = c.titleZh;
      bestLen = c.pointer.length;
    }
  }
  return best;
}

/**
 * JSON with object keys sorted, so equal data gives equal text whatever the key order. Written
 * out by hand: a JSON.stringify replacer rebuilt every object of every row, a tenth of the CPU
 * of checking a large file.
 */
export function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonical(x))).join(',')}]`;
  const o = v as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(o).sort()) if (o[k] !== undefined) parts.push(`${JSON.stringify(k)}:${canonical(o[k])}`);
  return `{${parts.join(',')}}`;
}
const claimKey = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : String(v).trim().toUpperCase());

interface Region { code: string; path: string; level: string; name: string }

/** Checks one batch of staged rows. */
export async function validateBatch(exec: SqlExec, job: ImportJob, target: ImportTarget, actor: Actor, rows: StagedRow[], memory: FileMemory): Promise<Verdict[]> {
  const codes = [...new Set(rows.map((r) => r.regionCode ?? job.regionCode))];
  const { rows: regionRows } = await exec('select code, path, level, name from region where code = any($1::text[])', [codes]);
  const regions = new Map<string, Region>(regionRows.map((r) => [r.code, r]));
  const verdicts: (Verdict & { problemsList: RowProblem[]; key?: string; persons?: { id: string; pointer: string }[]; uniques?: { pointer: string; value: string }[] })[] = [];
  // A programme linked to a register: each row's household, and the row prefilled from it.
  const pathOf = (row: StagedRow) => {
    const region = regions.get(row.regionCode ?? job.regionCode);
    return region && region.path.startsWith(job.regionPath) ? region.path : null;
  };
  const linked = target.kind === 'programme'
    ? await linkRows(exec, target, actor, rows.filter((r) => r.rowNo > 0).map((r) => ({ rowNo: r.rowNo, regionPath: pathOf(r), data: r.data })))
    : new Map<number, LinkedRow>();

  for (const row of rows) {
    const problems: RowProblem[] = [...(row.problems ?? [])];
    const v = { rowNo: row.rowNo, status: 'valid' as Verdict['status'], problems: null, entityId: null, problemsList: problems } as (typeof verdicts)[number];
    verdicts.push(v);
    if (row.rowNo < 0) continue; // orphan members: their problem is already recorded
    const main = target.layout.main.name;
    const at = (pointer: string, message: string, messageEn: string) => {
      // A cell that could not be read already has its problem: the validator's "required" would repeat it.
      if (problems.some((p) => p.pointer !== null && (pointer === p.pointer || pointer.startsWith(`${p.pointer}/`)) && locate(target, row, pointer).line === p.line)) return;
      problems.push({ ...locate(target, row, pointer), pointer, message, messageEn });
    };

    // The village.
    const code = row.regionCode ?? job.regionCode;
    const region = regions.get(code);
    if (!region) problems.push({ sheet: main, line: row.rowNo, column: REGION_TITLE, pointer: null, message: `区划代码 ${code.slice(0, 20)} 不存在`, messageEn: `no region ${code.slice(0, 20)}` });
    else if (!region.path.startsWith(job.regionPath)) problems.push({ sheet: main, line: row.rowNo, column: REGION_TITLE, pointer: null, message: `${region.name}不在本次导入的地区内`, messageEn: `${region.code} is outside the import's region` });
    else if (target.kind === 'register' && region.level !== 'village') problems.push({ sheet: main, line: row.rowNo, column: REGION_TITLE, pointer: null, message: `登记须属于某个村，${region.name}不是村`, messageEn: `${region.code} is not a village` });
    else if (!creatingGrant(actor, target, region.path)) problems.push({ sheet: main, line: row.rowNo, column: REGION_TITLE, pointer: null, message: `您在${region.name}没有导入权限（需要 ${target.roles.join(' 或 ')} 角色）`, messageEn: `you may not create records in ${region.code} (needs ${target.roles.join(' or ')})` });

    // The form.
    if (target.kind === 'programme') {
      const household = linked.get(row.rowNo);
      const data = household?.data ?? row.data;
      v.entryId = household?.entryId ?? null;
      if (household?.problem) {
        const { pointer, message, messageEn } = household.problem;
        if (pointer) at(pointer, message, messageEn);
        else problems.push({ sheet: main, line: row.rowNo, column: null, pointer: null, message, messageEn });
      }
      for (const p of target.programme!.form.validate(data)) at(p.path, p.message, p.messageEn ?? p.message);
      v.uniques = target.programme!.form.uniqueFields
        .filter((f) => !f.pointer.includes('*'))
        .flatMap((f) => { const value = claimKey(readPointer(data, f.pointer)); return value ? [{ pointer: f.pointer, value }] : []; });
    } else {
      try {
        const d = derive(target.register!, row.data);
        v.key = d.key;
        v.persons = d.persons.map((p) => ({ id: p.idNumber, pointer: p.pointer }));
      } catch (e) {
        if (!(e instanceof DomainError) || e.code !== 'BAD_USER_INPUT') throw e;
        for (const p of e.details.problems ?? []) at(p.path, p.message, p.messageEn ?? p.message);
      }
    }

    // Within the file: whole rows, then unique values.
    const fingerprint = createHash('sha1').update(`${code}|${canonical(row.data)}`).digest('base64');
    const twin = memory.rows.get(fingerprint);
    if (twin !== undefined) problems.push({ sheet: main, line: row.rowNo, column: null, pointer: null, message: `与第 ${twin} 行完全相同`, messageEn: `the same as line ${twin}` });
    else memory.rows.set(fingerprint, row.rowNo);
    const claims: { pointer: string; value: string }[] = [...(v.uniques ?? []), ...(v.persons ?? []).map((p) => ({ pointer: p.pointer, value: p.id }))];
    if (v.key !== undefined) {
      const first = memory.unique.get(`key|${v.key}`);
      if (first !== undefined && twin === undefined) {
        for (const k of target.register!.settings.keyFields) at(k, `与第 ${first} 行的关键字段相同`, `same key as line ${first}`);
      } else memory.unique.set(`key|${v.key}`, row.rowNo);
    }
    for (const c of claims) {
      // ID numbers are one namespace across head and members (one person, one household).
      const k = target.kind === 'register' ? `id|${c.value}` : `${c.pointer}|${c.value}`;
      const first = memory.unique.get(k);
      if (first !== undefined && first !== row.rowNo && twin === undefined) at(c.pointer, `与第 ${first} 行重复`, `repeats line ${first}`);
      else memory.unique.set(k, row.rowNo);
    }
  }

  // Against the database.
  const live = verdicts.filter((v) => v.rowNo > 0);
  if (target.kind === 'programme') {
    const claims = live.flatMap((v) => (v.uniques ?? []).map((u) => ({ ...u, rowNo: v.rowNo })));
    if (claims.length) {
      const { rows: held } = await exec(
        `select u.pointer, u.value, a.reference from application_unique u join application a on a.id = u.application_id
          where u.programme_id = $1::uuid and (u.pointer, u.value) in (select * from unnest($2::text[], $3::text[]))`,
        [target.id, claims.map((c) => c.pointer), claims.map((c) => c.value)],
      );
      const by = new Map(held.map((h) => [`${h.pointer}|${h.value}`, h.reference as string]));
      for (const c of claims) {
        const ref = by.get(`${c.pointer}|${c.value}`);
        const v = verdicts.find((x) => x.rowNo === c.rowNo)!;
        const row = rows.find((r) => r.rowNo === c.rowNo)!;
        if (ref) v.problemsList.push({ ...locate(target, row, c.pointer), pointer: c.pointer, message: `已有在办申请 ${ref}`, messageEn: `already claimed by application ${ref}` });
      }
    }
    const idem = live.map((v) => rowIdempotencyKey(job, rows.find((r) => r.rowNo === v.rowNo)!.rowKey));
    const { rows: done } = await exec('select id, idempotency_key from application where created_by = $1::uuid and idempotency_key = any($2::text[])', [job.ownerId, idem]);
    const doneBy = new Map(done.map((d) => [d.idempotency_key as string, d.id as string]));
    live.forEach((v, i) => { const id = doneBy.get(idem[i]!); if (id) { v.entityId = id; v.status = 'unchanged'; } });
  } else {
    const reg = target.register!;
    const keys = live.filter((v) => v.key !== undefined).map((v) => v.key!);
    const { rows: existing } = keys.length
      ? await exec('select id, key, region_path, data from register_entry where register_id = $1::uuid and key = any($2::text[])', [target.id, keys])
      : { rows: [] };
    const byKey = new Map(existing.map((e) => [e.key as string, e]));
    const ids = live.flatMap((v) => (v.persons ?? []).map((p) => p.id));
    const { rows: holders } = ids.length
      ? await exec(`select p.id_number, e.key, e.name, e.region_path, g.name as region_name from register_person p join register_entry e on e.id = p.entry_id join region g on g.code = e.region_code
                     where p.register_id = $1::uuid and p.id_number = any($2::text[])`, [target.id, ids])
      : { rows: [] };
    const holderOf = new Map(holders.map((h) => [h.id_number as string, h]));
    for (const v of live) {
      if (v.key === undefined) continue;
      const row = rows.find((r) => r.rowNo === v.rowNo)!;
      const e = byKey.get(v.key);
      if (e) {
        v.entityId = e.id;
        if (!creatingGrant(actor, target, e.region_path)) {
          for (const k of reg.settings.keyFields) v.problemsList.push({ ...locate(target, row, k), pointer: k, message: '该户已登记在您辖区以外', messageEn: 'this entry exists outside your regions' });
        } else if (canonical(e.data) === canonical(row.data)) v.status = 'unchanged';
      }
      for (const p of v.persons ?? []) {
        const h = holderOf.get(p.id);
        if (h && h.key !== v.key) {
          const visible = !!creatingGrant(actor, target, h.region_path);
          v.problemsList.push({ ...locate(target, row, p.pointer), pointer: p.pointer,
            message: visible ? `该身份证号已登记在「${h.name}」户（${maskKey(h.key)}，${h.region_name}）` : `该身份证号已登记在${h.region_name}的另一户`,
            messageEn: visible ? `already registered in "${h.name}" (${maskKey(h.key)}, ${h.region_name})` : `already registered in another entry in ${h.region_name}` });
        }
      }
    }
  }

  return verdicts.map((v) => {
    const problems = v.problemsList.length ? v.problemsList : null;
    return { rowNo: v.rowNo, status: problems ? 'invalid' : v.status, problems, entityId: v.entityId, entryId: v.entryId ?? null };
  });
}

