/**
 * Cross-record checks built into the platform (no county writes them): plain SQL over indexes,
 * each answering the records at fault in a region, at most `limit` of them.
 *
 * - `household_mismatch`: an application filed for household A (its `entry_id`) whose x-unique ID
 *   number (the applicant's) is indexed in the same register under household B: the same person
 *   in two households. Joins application_unique → register_person on the ID number index.
 * - `person_in_two_registers`: one ID number held by entries of two registers (the register's own
 *   primary key already makes one person one household *within* a register).
 * - `dead_alive`: a person recorded as dead — removed from a household by a change whose kind the
 *   register marks `death` (自然减少·死亡) — whom a household still lists (the same or another, in
 *   any register). The finding lies on the household that lists them, for its region's staff.
 *   Reads the change log by kind (register_change_kind_index, migration 031), then the person index.
 * - `dead_applicant`: a case for a person recorded as dead (the same deaths) that is still open, or
 *   was approved on a submission made after the death: aid for the deceased. Found through the
 *   cases' x-unique claims by ID number (application_unique_value_index, migration 033).
 *
 * What the data model already forbids is not re-checked: one household drawing two benefits of an
 * exclusive group, and the same person paid twice in a term, are `x-unique` claims (group, scope)
 * that PostgreSQL refuses at submit (docs/programme-authoring.md).
 */
import type { SqlExec } from '../registers/sql.js';

export interface BuiltinFinding {
  recordKind: 'application' | 'entry';
  recordKey: string;
  label: string;
  sourceKey: string;
  regionCode: string;
  regionPath: string;
  detail: Record<string, unknown>;
}

export interface BuiltinCheck {
  key: string;
  severity: 'error' | 'warning';
  messageZh: string;
  messageEn: string;
  fields: string[];
  find(exec: SqlExec, regionPath: string, limit: number): Promise<BuiltinFinding[]>;
}

const ID_NUMBER = '^[0-9]{17}[0-9X]$';

/**
 * The persons recorded as dead, as a CTE body reading `$3` (the death kinds): a member object
 * removed from the members array by a change of a kind the register marks `death`, with the
 * member's ID number (upper case), name, household, time and case. Read by change kind
 * (register_change_kind_index, migration 031): a few rows among millions.
 */
const DIED_SQL = `
           select c.entry_id, c.at, c.application_id, c.application_reference,
                  upper(btrim(x.value->'before' #>> string_to_array(substr(v.settings->>'memberIdField', 2), '/'))) as id_number,
                  x.value->'before' #>> string_to_array(substr(coalesce(v.settings->>'memberNameField', '/name'), 2), '/') as person_name
             from register_change c
             join register_version v on v.id = c.version_id
             cross join lateral jsonb_array_elements(c.changes) x
            where c.kind = any($3::text[])
              and exists (select 1 from jsonb_array_elements(v.settings->'changeKinds') k where k->>'key' = c.kind and k->>'death' = 'true')
              and x.value->'after' = 'null'::jsonb and jsonb_typeof(x.value->'before') = 'object'
              and left(x.value->>'path', length(v.settings->>'membersField') + 1) = (v.settings->>'membersField') || '/'
              and substr(x.value->>'path', length(v.settings->>'membersField') + 2) ~ '^[0-9]+$'
`;

/** The dead person's columns, read beside `died d join register_entry de on de.id = d.entry_id`. */
const DIED_COLUMNS = 'd.id_number, d.person_name, d.entry_id as died_in_id, de.key as died_in_key, de.name as died_in_name, d.at as died_at, d.application_reference';

/** What a finding about a dead person says of the death (masked ID numbers). */
function deathDetail(r: Record<string, any>) {
  return {
    idNumber: mask(r.id_number), personName: r.person_name ?? null, diedInEntryId: r.died_in_id, diedInHousehold: mask(r.died_in_key), diedInName: r.died_in_name,
    recordedAt: new Date(r.died_at).toISOString(), applicationReference: r.application_reference ?? null,
  };
}

/** The death kinds of every register version: few rows, and none means nothing to read. */
async function deathKinds(exec: SqlExec): Promise<string[]> {
  const { rows } = await exec(
    `select distinct k->>'key' as kind from register_version v, jsonb_array_elements(v.settings->'changeKinds') k where k->>'death' = 'true'`,
  );
  return rows.map((r) => r.kind as string);
}

export const BUILTIN_CHECKS: BuiltinCheck[] = [
  {
    key: 'builtin:household_mismatch',
    severity: 'error',
    messageZh: '申请人身份证号在户籍档案中属于另一户',
    messageEn: "The applicant's ID number belongs to another household in the register",
    fields: [],
    async find(exec, regionPath, limit) {
      const { rows } = await exec(
        `select distinct on (a.id) a.id, a.reference, a.applicant_name, a.programme_key, a.region_code, a.region_path, u.pointer, u.value,
                own.key as own_key, other.id as other_id, other.key as other_key, other.name as other_name
           from application a
           join register_entry own on own.id = a.entry_id
           join application_unique u on u.application_id = a.id
           join register_person p on p.register_id = own.register_id and p.id_number = u.value
           join register_entry other on other.id = p.entry_id
          where a.entry_id is not null and a.region_path like $1 and u.value ~ '${ID_NUMBER}' and p.entry_id <> a.entry_id
          order by a.id limit $2`,
        [`${regionPath}%`, limit],
      );
      return rows.map((r) => ({
        recordKind: 'application' as const, recordKey: r.id, label: `${r.reference}${r.applicant_name ? ` ${r.applicant_name}` : ''}`,
        sourceKey: r.programme_key, regionCode: r.region_code, regionPath: r.region_path,
        detail: { pointer: r.pointer, idNumber: mask(r.value), household: mask(r.own_key), otherHousehold: mask(r.other_key), otherEntryId: r.other_id, otherName: r.other_name },
      }));
    },
  },
  {
    key: 'builtin:person_in_two_registers',
    severity: 'warning',
    messageZh: '同一身份证号登记在两个登记簿的不同户中',
    messageEn: 'The same ID number is held by entries of two registers',
    fields: [],
    async find(exec, regionPath, limit) {
      const { rows } = await exec(
        `select e.id, e.name, e.key, r.key as register_key, e.region_code, e.region_path, p.id_number, o.entry_id as other_id
           from register_person p
           join register_entry e on e.id = p.entry_id
           join register r on r.id = e.register_id
           join register_person o on o.id_number = p.id_number and o.register_id <> p.register_id
          where e.region_path like $1
          order by e.id limit $2`,
        [`${regionPath}%`, limit],
      );
      return rows.map((r) => ({
        recordKind: "entry" as const, recordKey: r.id, label: `${r.name} (${mask(r.key)})`, sourceKey: r.register_key,
        regionCode: r.region_code, regionPath: r.region_path, detail: { idNumber: mask(r.id_number), otherEntryId: r.other_id },
      }));
    },
  },
  {
    key: 'builtin:dead_alive',
    severity: 'error',
    messageZh: '已登记死亡的人员仍在户籍档案中作为在世成员',
    messageEn: 'A person recorded as dead is still listed as a living member of a household',
    fields: [],
    async find(exec, regionPath, limit) {
      const kinds = await deathKinds(exec);
      if (kinds.length === 0) return [];
      const { rows } = await exec(
        `with died as (${DIED_SQL})
         -- One finding per household (findings are keyed by record): its latest such person.
         select distinct on (e.id) e.id, e.name, e.key, r.key as register_key, e.region_code, e.region_path,
                ${DIED_COLUMNS}
           from died d
           join register_person p on p.id_number = d.id_number
           join register_entry e on e.id = p.entry_id
           join register r on r.id = e.register_id
           join register_entry de on de.id = d.entry_id
          where e.region_path like $1
          order by e.id, d.at desc
          limit $2`,
        [`${regionPath}%`, limit, kinds],
      );
      return rows.map((r) => ({
        recordKind: 'entry' as const, recordKey: r.id, label: `${r.name} (${mask(r.key)})`, sourceKey: r.register_key,
        regionCode: r.region_code, regionPath: r.region_path,
        detail: { ...deathDetail(r), sameHousehold: r.died_in_id === r.id },
      }));
    },
  },
  {
    key: 'builtin:dead_applicant',
    severity: 'error',
    messageZh: '已登记死亡的人员仍有在办申请，或在登记死亡后提出申请',
    messageEn: 'A case for a person recorded as dead is still open, or was filed after the death',
    fields: [],
    async find(exec, regionPath, limit) {
      const kinds = await deathKinds(exec);
      if (kinds.length === 0) return [];
      // The person is found by the case's x-unique claims (held while a case is active: in review,
      // under notice or approved; index application_unique_value_index, migration 033). An open
      // case is flagged; an approved one only when it was submitted after the death was recorded
      // (an approval before the death is history, not a fault). The case that recorded the death
      // claims the person too and is never flagged.
      const { rows } = await exec(
        `with died as (${DIED_SQL})
         select distinct on (a.id) a.id, a.reference, a.applicant_name, a.programme_key, a.region_code, a.region_path, a.status, u.pointer,
                ${DIED_COLUMNS}
           from died d
           join application_unique u on u.value = d.id_number
           join application a on a.id = u.application_id
           join register_entry de on de.id = d.entry_id
          where a.region_path like $1
            and a.id is distinct from d.application_id
            and (a.status in ('IN_REVIEW', 'UNDER_NOTICE') or (a.status = 'APPROVED' and a.submitted_at > d.at))
          order by a.id, d.at desc
          limit $2`,
        [`${regionPath}%`, limit, kinds],
      );
      return rows.map((r) => ({
        recordKind: 'application' as const, recordKey: r.id, label: `${r.reference}${r.applicant_name ? ` ${r.applicant_name}` : ''}`,
        sourceKey: r.programme_key, regionCode: r.region_code, regionPath: r.region_path,
        detail: { pointer: r.pointer, status: r.status, ...deathDetail(r), sameHousehold: false },
      }));
    },
  },
];

/** Findings are read by staff of the region; the ID number still never travels whole. */
function mask(id: string): string {
  return id.length === 18 ? `${id.slice(0, 4)}**********${id.slice(14)}` : id;
}
