/**
 * The household register at bench scale (issue 12): 300,000 households with 1,000,000 persons in
 * the demo seed's published `household` register, spread evenly over the slice's villages, beside
 * the applications and linked to a share of them. Generated once on top of the applications (its
 * own marker row, `bench_meta` key `register`), so a dataset of applications is reused as it is.
 *
 * Each household: a head and members with valid, unique ID numbers (`IdCards` from a sequence
 * range of its own), relations, birth dates and sex read from the ID number, schooling by age,
 * labour capacity, health, insurance; a status in plausible proportions (监测户 with a risk level);
 * its person index rows exactly as the server derives them (`personsOf`); one `import` change in
 * the append-only log. A sample is checked with the register version's compiled validator.
 * Rows are streamed with COPY; the change log is append-only, so a different size needs `--fresh`.
 */
import { getCompiledForm } from '../dist/server/programmes/form-schema.js';
import { personsOf } from '../dist/server/registers/entry-persons.js';
import { rng } from './rng.mjs';
import { copyRows } from './copy.mjs';
import { IdCards, personName } from './model.mjs';

export const REGISTER_GENERATOR_VERSION = 1;
const DAY = 86400000;

const STATUS_WEIGHTS = { 一般户: 38, 已脱贫: 30, 建档立卡户: 6, 低保户: 11, 监测户: 6, 边缘户: 7, 特困供养: 2 };
/** Household sizes 1–7; the total is then nudged to the exact number of persons. */
const SIZE_WEIGHTS = { 1: 9, 2: 20, 3: 22, 4: 25, 5: 14, 6: 7, 7: 3 };
const CAUSES = ['因病', '因残', '因学', '因灾', '缺土地', '缺水', '缺技术', '缺劳力', '缺资金', '自身发展动力不足', '其他'];
const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const phone = (r) => `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999999999)).padStart(9, '0')}`;
const birthOf = (id) => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
const sexOf = (id) => (Number(id[16]) % 2 === 1 ? '男' : '女');

function schoolingAt(age) {
  if (age < 3) return '非在校';
  if (age < 6) return '学前';
  if (age < 12) return '小学';
  if (age < 15) return '初中';
  if (age < 18) return '高中';
  if (age < 22) return '专科';
  return '非在校';
}

/** Sizes for `households` households adding up to exactly `persons`. */
function householdSizes(r, households, persons) {
  const sizes = Array.from({ length: households }, () => Number(r.weighted(SIZE_WEIGHTS)));
  let diff = persons - sizes.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    const i = r.int(0, households - 1);
    if (diff > 0 && sizes[i] < 8) { sizes[i]++; diff--; }
    else if (diff < 0 && sizes[i] > 1) { sizes[i]--; diff++; }
  }
  return sizes;
}

function makeHousehold(r, ids, county6, size, year) {
  const headId = ids.next(county6, 'adult');
  const head = { name: personName(r), idNumber: headId, phone: phone(r) };
  const member = (name, idNumber, relation) => {
    const age = year - Number(idNumber.slice(6, 10));
    return {
      name, idNumber, relation, sex: sexOf(idNumber), birthDate: birthOf(idNumber), schooling: schoolingAt(age),
      labourCapacity: age < 16 ? '无劳动力' : age > 65 ? r.weighted({ 部分丧失: 5, 完全丧失: 2, 无劳动力: 3 }) : r.weighted({ 有: 85, 部分丧失: 10, 完全丧失: 5 }),
      health: r.weighted({ 健康: 78, 长期慢性病: 14, 大病: 4, 残疾: 4 }),
      insured: r.next() < 0.97,
    };
  };
  const members = [member(head.name, headId, '户主')];
  const surname = head.name[0];
  const kinds = ['配偶', '之子', '之女', '母亲', '父亲', '孙子', '孙女', '儿媳'];
  for (let k = 1; k < size; k++) {
    const relation = kinds[(k - 1) % kinds.length];
    const child = ['之子', '之女', '孙子', '孙女'].includes(relation);
    members.push(member(child ? surname + personName(r).slice(1) : personName(r), ids.next(county6, child ? 'child' : 'adult'), relation));
  }
  const status = r.weighted(STATUS_WEIGHTS);
  const data = {
    head, group: `第${r.pick(CN_NUM)}村民小组`, status, householdSize: size,
    perCapitaIncome: status === '一般户' || status === '已脱贫' ? r.int(6000, 30000) : r.int(2500, 9000),
    housingGrade: r.weighted({ A: 45, B: 40, C: 12, D: 3 }),
    ...(status === '一般户' ? {} : { povertyCause: r.pick(CAUSES) }),
    ...(status === '监测户' ? { riskLevel: r.weighted({ 红: 2, 黄: 3, 蓝: 5 }) } : {}),
    members,
  };
  return data;
}

async function readRegisterMarker(db) {
  return (await db.query(`select value from bench_meta where key = 'register'`)).rows[0]?.value ?? null;
}

/** Generates the register unless its marker says it is there (`pool`: a pg Pool). Returns the marker. */
export async function ensureRegister(pool, options = {}) {
  const db = await pool.connect();
  try {
    return await generateRegister(db, options);
  } finally {
    db.release();
  }
}

async function generateRegister(db, { households = 300_000, persons = 1_000_000, seed = 1, log = console.log } = {}) {
  const wanted = { generator: REGISTER_GENERATOR_VERSION, households, persons, seed };
  const marker = await readRegisterMarker(db);
  if (marker && Object.entries(wanted).every(([k, v]) => marker[k] === v)) {
    log(`register: reusing ${marker.households.toLocaleString('en')} households, ${marker.persons.toLocaleString('en')} persons`);
    return marker;
  }
  if (marker) throw new Error('the bench register was generated with other settings; the change log is append-only: run with --fresh');
  const started = Date.now();
  const reg = (await db.query(
    `select r.id, v.id as version_id, v.schema, v.settings from register r join register_version v on v.register_id = r.id and v.status = 'published' where r.key = 'household'`)).rows[0];
  if (!reg) throw new Error('no published household register: is the demo seed off?');
  const villages = (await db.query(`select code, path from region where level = 'village' and code like '1306%' order by code`)).rows;
  const taken = new Set((await db.query('select id_number from register_person where register_id = $1', [reg.id])).rows.map((x) => x.id_number));
  const form = getCompiledForm(`bench-register-${reg.version_id}`, reg.schema);
  const r = rng(seed * 7919 + 17);
  const ids = new IdCards(500, 400); // the applications use sequences below 100 and 950–959
  const sizes = householdSizes(r, households, persons);
  const now = Date.now();
  const span = 3 * 365 * DAY;
  const year = new Date(now).getUTCFullYear();
  const batch = 10_000;
  let personRows = 0;
  log(`register: ${households.toLocaleString('en')} households, ${persons.toLocaleString('en')} persons over ${villages.length} villages`);
  for (let start = 0; start < households; start += batch) {
    const entries = [];
    const people = [];
    const changes = [];
    for (let i = start; i < Math.min(households, start + batch); i++) {
      // A prime stride: consecutive households land in different villages and counties.
      const village = villages[(i * 7919) % villages.length];
      let data = makeHousehold(r, ids, village.code.slice(0, 6), sizes[i], year);
      // An ID number the demo seed already holds is skipped (the next one is drawn).
      while (data.members.some((m) => taken.has(m.idNumber))) data = makeHousehold(r, ids, village.code.slice(0, 6), sizes[i], year);
      if (i % 5000 === 0) {
        const problems = form.validate(data);
        if (problems.length) throw new Error(`generated household is invalid: ${JSON.stringify(problems)}`);
      }
      const id = r.uuid();
      const at = new Date(now - span + ((i + r.next()) * span) / households);
      const updated = r.next() < 0.3 ? new Date(Math.min(now, at.getTime() + r.int(1, 300) * DAY)) : at;
      entries.push([id, reg.id, reg.version_id, village.code, village.path, data.head.idNumber, data.head.name, data.status, JSON.stringify(data), 1, null, at, null, updated]);
      for (const p of personsOf(reg.settings, data).persons) people.push([reg.id, p.idNumber, id, p.role, p.name, p.pointer]);
      changes.push([id, 1, at, null, '批量导入', null, village.code, 'import', '[]', '建档立卡数据导入', reg.version_id, 'bench']);
    }
    await copyRows(db, 'register_entry', ['id', 'register_id', 'version_id', 'region_code', 'region_path', 'key', 'name', 'status', 'data', 'version', 'created_by', 'created_at', 'updated_by', 'updated_at'], entries);
    await copyRows(db, 'register_person', ['register_id', 'id_number', 'entry_id', 'role', 'name', 'pointer'], people);
    await copyRows(db, 'register_change', ['entry_id', 'seq', 'at', 'actor_id', 'actor_name', 'role', 'region_code', 'kind', 'changes', 'comment', 'version_id', 'source_file'], changes);
    personRows += people.length;
    if ((start / batch) % 5 === 4) log(`  ${(start + batch).toLocaleString('en')} / ${households.toLocaleString('en')} households (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  // A share of the applications belongs to a household of their village: each household its
  // village's n-th case (about 30 % of the cases), as filing from the household links them.
  const linked = (await db.query(`
    with h as (select id, region_path, row_number() over (partition by region_path order by created_at, id) as n
                 from register_entry where register_id = $1 and created_by is null),
         a as (select id, region_path, row_number() over (partition by region_path order by created_at, id) as n
                 from application where entry_id is null and programme_key <> 'household_change')
    update application set entry_id = h.id from a join h on h.region_path = a.region_path and h.n = a.n
     where application.id = a.id`, [reg.id])).rowCount;
  await db.query('analyze register_entry');
  await db.query('analyze register_person');
  await db.query('analyze register_change');
  await db.query('analyze application');
  const done = { ...wanted, personRows, linkedApplications: linked, seconds: (Date.now() - started) / 1000, generatedAt: new Date().toISOString() };
  await db.query(`insert into bench_meta (key, value) values ('register', $1) on conflict (key) do update set value = excluded.value`, [done]);
  log(`register: done in ${Math.round(done.seconds)} s (${personRows.toLocaleString('en')} persons, ${linked.toLocaleString('en')} applications linked)`);
  return done;
}
