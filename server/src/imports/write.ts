/**
 * Third pass (commitImport): the valid rows written, one batch at a time. Applications are created
 * as drafts the way createApplication makes them (pinned version, initial state, a CREATE history
 * row; the household of a linked programme, the data prefilled from it), in three statements per
 * batch, each carrying the row's idempotency key so a repeated run creates nothing twice. Register rows become new entries through createEntries, or changes of
 * the existing entry with the same key through writeEntry, logged as kind "import" with the file's
 * name. Each batch marks its rows written in the same statement sequence, on the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../core/errors.js';
import type { Actor } from '../core/actor.js';
import type { SqlExec } from '../registers/sql.js';
import { createEntries, writeEntry } from '../registers/index.js';
import { findEntryForWrite } from '../registers/entry.row.js';
import { entryVisibility } from '../registers/register.policy.js';
import { applicantName } from '../applications/commit.js';
import { creatingGrant, type ImportTarget } from './import-target.js';
import type { ImportJob } from './import-job.js';
import { rowIdempotencyKey } from './validate.js';
import { linkRows } from './entry-match.js';

export const IMPORT_KIND = 'import';

export interface RowToWrite {
  rowNo: number;
  rowKey: string;
  regionCode: string | null;
  data: Record<string, unknown>;
  entityId: string | null;
  /** Where each member was typed (read when a refusal at submit must be located). */
  memberLines?: Record<string, number[]>;
}

interface Region { code: string; path: string }

async function regionsOf(exec: SqlExec, job: ImportJob, rows: RowToWrite[]): Promise<Map<string, Region>> {
  const { rows: found } = await exec('select code, path from region where code = any($1::text[])', [[...new Set(rows.map((r) => r.regionCode ?? job.regionCode))]]);
  return new Map(found.map((r) => [r.code, r]));
}

/** Writes one batch; returns each row's entity id and whether it was new. */
export async function writeBatch(exec: SqlExec, job: ImportJob, target: ImportTarget, actor: Actor, rows: RowToWrite[], now: Date): Promise<{ rowNo: number; entityId: string; written: boolean }[]> {
  const regions = await regionsOf(exec, job, rows);
  const placed = rows.map((r) => {
    const region = regions.get(r.regionCode ?? job.regionCode)!;
    const grant = creatingGrant(actor, target, region.path);
    // Validation checked this; grants may have changed since (then the row cannot be written).
    if (!grant) throw new Error(`row ${r.rowNo}: the importer no longer may create in ${region.code}`);
    return { ...r, region, grant };
  });
  return target.kind === 'programme' ? writeApplications(exec, job, target, actor, placed, now) : writeEntries(exec, job, target, actor, placed, now);
}

type Placed = RowToWrite & { region: Region; grant: { role: string; regionCode: string } };

async function writeApplications(exec: SqlExec, job: ImportJob, target: ImportTarget, actor: Actor, rows: Placed[], now: Date) {
  const wf = target.programme!.workflow;
  const initial = wf.initialState();
  const draftRoles = wf.stateInfo(initial.state).roles;
  // Each row's household again (it may have changed since the file was checked).
  const linked = await linkRows(exec, target, actor, rows.map((r) => ({ rowNo: r.rowNo, regionPath: r.region.path, data: r.data })));
  const prefix = `${target.regionCode.slice(0, 6)}-${target.key.toUpperCase().replace(/[^A-Z0-9]/g, '')}-${now.getUTCFullYear()}`;
  const { rows: counter } = await exec(
    `insert into reference_counter (prefix, n) values ($1, $2::int) on conflict (prefix) do update set n = reference_counter.n + $2::int returning n`,
    [prefix, rows.length],
  );
  const last = Number(counter[0]!.n);
  const apps = rows.map((r, i) => {
    const household = linked.get(r.rowNo)!;
    // The household changed after the file was checked (its status, its village): the batch is
    // not written, and the importer is told which line to check again.
    if (household.problem) {
      throw new DomainError('BAD_USER_INPUT', {
        en: `Line ${r.rowNo}: ${household.problem.messageEn} (the household changed after the file was checked; check the file again)`,
        zh: `第 ${r.rowNo} 行：${household.problem.message}（该户档案在校验后有变动，请重新校验后导入）`,
      });
    }
    return {
      id: randomUUID(), reference: `${prefix}-${String(last - rows.length + 1 + i).padStart(6, '0')}`, region_code: r.region.code, region_path: r.region.path,
      data: household.data, entry_id: household.entryId, applicant_name: applicantName(household.data), idempotency_key: rowIdempotencyKey(job, r.rowKey),
      role: r.grant.role, grant_region: r.grant.regionCode, row_no: r.rowNo,
    };
  });
  const { rows: inserted } = await exec(
    `insert into application (id, reference, programme_id, programme_key, version_id, region_code, region_path, data, entry_id, state, snapshot, status, actor_roles,
                              applicant_name, created_by, created_at, updated_at, state_entered_at, idempotency_key)
     select t.id, t.reference, $1::uuid, $2, $3::uuid, t.region_code, t.region_path, t.data, t.entry_id, $4, $5::jsonb, 'DRAFT', $6::text[],
            t.applicant_name, $7::uuid, $8::timestamptz, $8::timestamptz, $8::timestamptz, t.idempotency_key
       from jsonb_to_recordset($9::jsonb) as t(id uuid, reference text, region_code varchar, region_path text, data jsonb, entry_id uuid, applicant_name text, idempotency_key text)
     on conflict (created_by, idempotency_key) where idempotency_key is not null do nothing
     returning id`,
    [target.id, target.key, target.versionId, initial.state, JSON.stringify(initial.snapshot), draftRoles, actor.id, now,
      JSON.stringify(apps.map(({ id, reference, region_code, region_path, data, entry_id, applicant_name, idempotency_key }) => ({ id, reference, region_code, region_path, data, entry_id, applicant_name, idempotency_key })))],
  );
  const created = new Set(inserted.map((r) => r.id as string));
  const fresh = apps.filter((a) => created.has(a.id));
  if (fresh.length) {
    await exec(
      `insert into application_event (application_id, seq, at, actor_id, actor_name, role, region_code, event, from_state, to_state, comment)
       select t.id, 1, $1::timestamptz, $2::uuid, $3, t.role, t.grant_region, 'CREATE', null, $4, $5
         from jsonb_to_recordset($6::jsonb) as t(id uuid, role text, grant_region varchar)`,
      [now, actor.id, actor.displayName, initial.state, `批量导入：${job.fileName}`.slice(0, 2000), JSON.stringify(fresh.map(({ id, role, grant_region }) => ({ id, role, grant_region })))],
    );
  }
  // Rows another run of this file already wrote: their applications, found by idempotency key.
  const missing = apps.filter((a) => !created.has(a.id));
  const earlier = new Map<string, string>();
  if (missing.length) {
    const { rows: found } = await exec('select id, idempotency_key from application where created_by = $1::uuid and idempotency_key = any($2::text[])', [actor.id, missing.map((a) => a.idempotency_key)]);
    for (const f of found) earlier.set(f.idempotency_key, f.id);
  }
  return apps.map((a) => ({ rowNo: a.row_no, entityId: created.has(a.id) ? a.id : earlier.get(a.idempotency_key) ?? a.id, written: created.has(a.id) }));
}

async function writeEntries(exec: SqlExec, job: ImportJob, target: ImportTarget, actor: Actor, rows: Placed[], now: Date) {
  const version = target.register!;
  const register = { id: target.id, key: target.key, status: target.registerStatus ?? 'active' };
  const entryActor = { id: actor.id, name: actor.displayName, role: null, regionCode: null };
  const canSee = entryVisibility(actor);
  const out: { rowNo: number; entityId: string; written: boolean }[] = [];
  const fresh = rows.filter((r) => !r.entityId);
  if (fresh.length) {
    const created = await createEntries(exec, {
      register, version, actor: entryActor, at: now, sourceFile: job.fileName, canSee,
      entries: fresh.map((r) => ({ region: r.region, data: r.data, kind: IMPORT_KIND, grant: { role: r.grant.role, regionCode: r.grant.regionCode } })),
    });
    created.forEach((e, i) => out.push({ rowNo: fresh[i]!.rowNo, entityId: e.id, written: true }));
  }
  for (const r of rows.filter((x) => x.entityId)) {
    const found = await findEntryForWrite(exec, r.entityId!, true);
    if (!found) throw new Error(`row ${r.rowNo}: entry ${r.entityId} disappeared`);
    await writeEntry(exec, {
      register, version, before: found.entry, data: r.data, kind: IMPORT_KIND, at: now, sourceFile: job.fileName, canSee,
      actor: { id: actor.id, name: actor.displayName, role: r.grant.role, regionCode: r.grant.regionCode },
    });
    out.push({ rowNo: r.rowNo, entityId: r.entityId!, written: true });
  }
  return out;
}
