/**
 * Measurement 7: the household register at 300,000 households / 1,000,000 persons (issue 12).
 * One request at a time, as a township's village committee of the demo county:
 *  - `registerEntries` of one village, first page (the register list page's document, with totalCount);
 *  - `person(idNumber)` for persons drawn over the whole register;
 *  - the household page: RegisterEntryPage's document (`RegisterEntry` with its fragment) and the
 *    page's list of the household's applications (`EntryApplications`);
 *  - a transition with effects on the household vs one without: the change-request programme
 *    (`household_change`), filed and submitted for a household, then approved by the township
 *    (final state `recorded`: appends the member, copies the size, logs the change with the case's
 *    reference) or rejected (final state without effects), alternately, so both see the same load.
 */
import { medianRatioInterval, summarize } from './stats.mjs';
import { codeOf } from './http.mjs';
import { DEMO_PASSWORD } from './measure-writes.mjs';
import { nextCounter } from './db.mjs';
import { IdCards, personName } from './model.mjs';

const LIST = `query RegisterEntryList(
    $registerKey: String!, $regionCode: String, $status: String, $search: String, $fields: [RegisterFieldFilter!],
    $incomplete: Boolean, $first: Int!, $after: String
  ) {
    registerEntries(
      filter: { registerKey: $registerKey, regionCode: $regionCode, status: $status, search: $search, fields: $fields, incomplete: $incomplete }
      first: $first
      after: $after
    ) {
      totalCount
      edges {
        node {
          id key name status statusTitle statusTitleEn statusColor regionCode region { name } updatedAt version
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`;
const ENTRY = `query RegisterEntry($id: ID!) {
    registerEntry(id: $id) { ...RegisterEntryFull }
  }
  fragment RegisterEntryFull on RegisterEntry {
    id key name status statusTitle statusTitleEn statusColor regionCode region { name } data version canEdit createdAt updatedAt
    register {
      key name nameEn status
      currentVersion {
        id number schema uiSchema statusField membersField memberIdField memberNameField
        statuses { value zh en color }
        changeKinds { key zh en }
      }
    }
    persons { idNumber role name pointer }
    checklist { key title titleEn programme done applicationReference }
    changes(last: 30) {
      id seq at actorName role regionCode kind kindTitle kindTitleEn comment applicationReference sourceFile
      changes { path before after }
    }
  }`;
const ENTRY_APPS = `query EntryApplications($entryId: ID!) {
    applications(filter: { entryId: $entryId }, first: 50) {
      edges { node { id reference status stateTitle stateTitleEn createdAt programme { name nameEn } } }
    }
  }`;
const PERSON = 'query($id: String!) { person(idNumber: $id, registerKey: "household") { idNumber role name entryId entry { id name status } } }';
const CREATE = 'mutation($r: String!, $e: ID!, $d: JSON) { createApplication(programmeKey: "household_change", regionCode: $r, entryId: $e, data: $d) { id version } }';
const SUBMIT = 'mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { id version state } }';
const MOVE = 'mutation($id: ID!, $e: String!, $c: String, $v: Int!) { transitionApplication(id: $id, event: $e, comment: $c, expectedVersion: $v) { id version state } }';

/** Server CPU seconds spent while `work` runs (the machine is shared: latency alone says little). */
async function serverSeconds(ctx, work) {
  const meter = ctx.cpuMeter();
  const t0 = performance.now();
  meter.start();
  await work();
  const cpu = meter.stop();
  return cpu.server * ((performance.now() - t0) / 1000);
}

async function timed(ctx, samples, query, vars, token) {
  const ms = [];
  const errors = {};
  const cpu = await serverSeconds(ctx, async () => {
    for (const v of samples) {
      const r = await ctx.api.gql(query, vars(v), token);
      if (r.errors) errors[codeOf(r)] = (errors[codeOf(r)] ?? 0) + 1;
      ms.push(r.ms);
    }
  });
  return { ...summarize(ms), samples: samples.length, errors, serverCpuMs: (cpu * 1000) / samples.length };
}

export async function measureRegister(ctx, o) {
  // The demo county's township (the register's own county) with the most generated households
  // and a village committee and a township reviewer account.
  const rows = [];
  const pick = async (sql, params) => (await ctx.db.query(sql, params)).rows;
  const staffOf = (code, role) => ctx.staff.find((s) => s.role === role && s.region.code === code);
  const candidates = (await pick(`select split_part(region_path, '/', 4) as path_part, count(*)::int as n from register_entry
      where created_by is null and split_part(region_path, '/', 3) = '130636000000' group by 1 order by 2 desc, 1`)).map((x) => x.path_part);
  const code = candidates.find((c) => staffOf(c, 'village_committee') && staffOf(c, 'township_reviewer'));
  if (!code) return { available: true, skipped: 'no generated households in a township of the demo county with staff accounts' };
  const township = ctx.regions.find((x) => x.code === code);
  const vc = staffOf(code, 'village_committee');
  const tr = staffOf(code, 'township_reviewer');
  const vcToken = await ctx.api.login(vc.username, DEMO_PASSWORD);
  const trToken = await ctx.api.login(tr.username, DEMO_PASSWORD);
  const villages = (await pick(`select distinct region_code from register_entry where split_part(region_path, '/', 4) = $1 order by 1`, [township.code])).map((x) => x.region_code);
  if (!villages.length) return { available: true, skipped: 'no households in the township' };
  const n = o.registerSamples ?? 100;
  const cycle = (list) => Array.from({ length: n }, (_, i) => list[i % list.length]);

  const probe = await ctx.api.gql(LIST, { registerKey: 'household', regionCode: villages[0], first: 20 }, vcToken);
  if (probe.errors) return { available: !probe.errors.some((e) => /Cannot query field/.test(e.message)), error: `${codeOf(probe)}: ${probe.errors[0].message}` };
  rows.push({ name: 'registerEntries, one village, first page of 20 (with totalCount)', target: 30, ...(await timed(ctx, cycle(villages), LIST, (v) => ({ registerKey: 'household', regionCode: v, first: 20 }), vcToken)) });

  // Persons of the township's households (a village committee reads its township only), drawn at random.
  const persons = (await pick(`select p.id_number from register_person p join register_entry e on e.id = p.entry_id
      where split_part(e.region_path, '/', 4) = $1 order by md5(p.id_number) limit $2`, [township.code, n])).map((x) => x.id_number);
  rows.push({ name: 'person(idNumber)', target: 30, ...(await timed(ctx, persons, PERSON, (id) => ({ id }), vcToken)) });

  // Households with a linked application and a few members: the household page as it opens.
  const entries = (await pick(`select e.id from register_entry e where split_part(e.region_path, '/', 4) = $1
      and exists (select 1 from application a where a.entry_id = e.id) order by md5(e.id::text) limit $2`, [township.code, n])).map((x) => x.id);
  rows.push({ name: 'household page: RegisterEntry (the page\'s document)', target: 50, ...(await timed(ctx, entries, ENTRY, (id) => ({ id }), vcToken)) });
  rows.push({ name: 'household page: EntryApplications', target: 50, ...(await timed(ctx, entries, ENTRY_APPS, (entryId) => ({ entryId }), vcToken)) });

  // Change requests: filed and submitted first (not timed), then decided alternately.
  const pairs = o.registerTransitions ?? 100;
  // A range of ID numbers per run (sequences 300–449): a new member is unique in the register.
  const run = await nextCounter(ctx.db, 'register_run');
  // Other households each run (the order is salted with the run): the same ones would gain a
  // member every run and, run after run, grow past the schema's limits and cost more to write.
  const households = (await pick(`select e.id, e.region_code, e.data from register_entry e where split_part(e.region_path, '/', 4) = $1
      and e.created_by is null order by md5(e.id::text || 'change' || $3::text) limit $2`, [township.code, pairs * 2, run])).map((x) => x);
  const ids = new IdCards(300 + (run % 150), 1);
  const cases = [];
  const fileErrors = {};
  for (const h of households) {
    const memberId = ids.next(h.region_code.slice(0, 6), 'child');
    const member = {
      name: h.data.head.name[0] + personName({ pick: (l) => l[(cases.length * 7) % l.length] }).slice(1), idNumber: memberId, relation: '孙女',
      sex: Number(memberId[16]) % 2 ? '男' : '女', birthDate: `${memberId.slice(6, 10)}-${memberId.slice(10, 12)}-${memberId.slice(12, 14)}`,
      schooling: '高中', health: '健康', insured: true,
    };
    const data = { head: { name: h.data.head.name, idNumber: h.data.head.idNumber }, reason: '户口迁入', newMember: member, householdSize: h.data.householdSize + 1, proof: '户口迁移证 P130000001' };
    const c = await ctx.api.gql(CREATE, { r: h.region_code, e: h.id, d: data }, vcToken);
    if (c.errors) { fileErrors[`${codeOf(c)}: ${c.errors[0].message.slice(0, 80)}`] = 1; continue; }
    const s = await ctx.api.gql(SUBMIT, { id: c.data.createApplication.id, v: c.data.createApplication.version }, vcToken);
    if (s.errors) { fileErrors[`${codeOf(s)}: ${s.errors[0].message.slice(0, 80)}`] = 1; continue; }
    cases.push(s.data.submitApplication);
  }
  const approve = [];
  const reject = [];
  const moveErrors = {};
  const cpu = { APPROVE: 0, REJECT: 0 };
  // Each request's own server CPU too (nanosecond run times, bench/server.mjs): its median is
  // steadier than the blocks' mean when other work shares the machine.
  const cpuEach = { APPROVE: [], REJECT: [] };
  const decide = async (c, event, into) => {
    const before = ctx.serverCpuSeconds?.();
    const r = await ctx.api.gql(MOVE, { id: c.id, e: event, c: event === 'REJECT' ? '材料不全，不予通过' : null, v: c.version }, trToken);
    if (r.errors) {
      const k = `${event} ${codeOf(r)}: ${r.errors[0].message.slice(0, 80)}`;
      moveErrors[k] = (moveErrors[k] ?? 0) + 1;
    } else {
      into.push(r.ms);
      if (before !== undefined) cpuEach[event].push((ctx.serverCpuSeconds() - before) * 1000);
    }
  };
  // Blocks of ten of each kind, alternating which goes first, with the server's CPU metered per
  // block (and per request, above).
  // And the WAL each kind writes (the insert position before and after each block; one request at
  // a time, so nearly all of it is the transitions'): a commit flushes it before it answers.
  const wal = { APPROVE: 0, REJECT: 0 };
  const walNow = async () => Number((await ctx.db.query(`select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::float8 as b`)).rows[0].b);
  const half = Math.floor(cases.length / 2);
  for (let i = 0; i < half; i += 10) {
    const a = cases.slice(i, Math.min(half, i + 10));
    const b = cases.slice(half + i, half + Math.min(half, i + 10));
    const blocks = [['APPROVE', a, approve], ['REJECT', b, reject]];
    for (const [event, list, into] of (i / 10) % 2 ? blocks.reverse() : blocks) {
      const w0 = await walNow();
      cpu[event] += await serverSeconds(ctx, async () => { for (const c of list) await decide(c, event, into); });
      const w1 = await walNow();
      wal[event] += w1 - w0;
    }
  }
  const cpuP50 = (list) => (list.length ? summarize(list).p50 : null);
  const per = (event, list) => ({
    ...summarize(list),
    serverCpuMs: list.length ? (cpu[event] * 1000) / list.length : null,
    serverCpuP50Ms: cpuP50(cpuEach[event]),
    walKb: list.length ? wal[event] / 1024 / list.length : null,
  });
  const withEffects = per('APPROVE', approve);
  const without = per('REJECT', reject);
  return {
    available: true, township: township.code, villages: villages.length, rows,
    transitions: {
      withEffects: { ...withEffects, samples: approve.length }, without: { ...without, samples: reject.length },
      ratioInterval: medianRatioInterval(approve, reject), fileErrors, moveErrors,
    },
  };
}
