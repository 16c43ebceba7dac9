/**
 * What a generated application looks like: the published example programmes (loaded from the
 * database, compiled with the server's own engine and validator), the path each workflow takes,
 * and form data in the shape of schemas/*.json with varied names, ID numbers and incomes.
 */
import { compileWorkflow } from '../dist/server/workflow/engine.js';
import { getCompiledForm, changedPointers, readPointer } from '../dist/server/programmes/form-schema.js';
import { makeIdCard } from '../dist/server/programmes/idcard.js';

export const PROGRAMME_KEYS = ['dibao', 'identification', 'monitoring', 'housing', 'yulu'];
/** Share of each programme among the generated applications. */
export const PROGRAMME_WEIGHTS = { dibao: 35, identification: 20, monitoring: 25, housing: 10, yulu: 10 };
/** Events that leave the main path (the generator adds REJECT and WITHDRAW exits separately). */
const SIDE_EVENTS = new Set(['REJECT', 'RETURN', 'WITHDRAW', 'FAIL', 'KEEP', 'CONTINUE']);
export const TIMER_ACTOR = '系统（期满自动流转）';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'.split('');
const GIVEN = ['建国', '秀英', '桂兰', '志强', '海燕', '国华', '玉梅', '德明', '春花', '立新', '淑珍', '红军', '丽娟', '永福', '金凤', '长林',
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英',
  '玉兰', '文华', '振华', '凤英', '秀珍', '小红', '宝山', '满仓', '铁柱', '二妮', '翠花', '春生', '秋菊', '冬梅', '海波', '子涵', '浩然', '雨涵', '欣怡', '梓萱'];
const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const SCHOOLS = [['保定职业技术学院', '高职'], ['河北软件职业技术学院', '高职'], ['顺平县职教中心', '中职'], ['保定市女子职业中专', '中职'], ['河北金融学院', '高职']];
const MAJORS = ['护理', '机电一体化', '计算机应用', '学前教育', '汽车维修', '电子商务', '会计', '数控技术'];

export const personName = (r) => r.pick(SURNAMES) + r.pick(GIVEN);
const phone = (r) => `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999999999)).padStart(9, '0')}`;
const bankCard = (r) => `621700${String(r.int(0, 999999)).padStart(6, '0')}${String(r.int(0, 9999999)).padStart(7, '0')}`;
const ymd = (d) => d.toISOString().slice(0, 10);

/**
 * ID numbers unique within the slice: per county a counter enumerates (birth date, sequence)
 * pairs, so no two generated people share a number and x-unique claims never collide.
 * Adults are born 1940–2000, children and students 2001–2010. `seqBase` keeps separate ranges
 * apart (the bench's draft pools use 900+).
 */
export class IdCards {
  constructor(seqBase = 0, seqSpan = 900) {
    this.seqBase = seqBase;
    this.seqSpan = seqSpan;
    this.counters = new Map();
  }

  next(county6, kind = 'adult') {
    const key = `${county6}:${kind}`;
    const n = this.counters.get(key) ?? 0;
    this.counters.set(key, n + 1);
    const [from, days] = kind === 'adult' ? [Date.UTC(1940, 0, 1), 22000] : [Date.UTC(2001, 0, 1), 3600];
    const seq = this.seqBase + Math.floor(n / days);
    if (seq >= this.seqBase + this.seqSpan) throw new Error(`ran out of ID numbers for ${county6} ${kind}`);
    const birth = new Date(from + ((n * 7919) % days) * 86400000);
    return makeIdCard(county6, ymd(birth).replace(/-/g, ''), String(seq).padStart(3, '0'));
  }
}

const ageOf = (id, now) => now.getUTCFullYear() - Number(id.slice(6, 10));

/** Form data for one applicant, varied around the programme's example. */
export function buildData(key, example, r, ids, county6, now) {
  const group = `第${r.pick(CN_NUM)}村民小组`;
  const headId = ids.next(county6);
  const head = { name: personName(r), idNumber: headId, phone: phone(r), group };
  switch (key) {
    case 'dibao': {
      const size = r.int(1, 5);
      const members = [{ name: head.name, relation: '户主', health: r.pick(['慢性病', '大病', '残疾', '健康']) }];
      for (let i = 1; i < size; i++) members.push({ name: personName(r), relation: r.pick(['配偶', '之子', '之女', '母亲', '父亲', '孙子']), health: r.pick(['健康', '健康', '慢性病', '残疾']) });
      return {
        ...example, head, householdSize: size, perCapitaIncome: r.int(100, 600), localStandard: 620,
        reason: { category: r.pick(['因病', '因残', '因灾', '缺乏劳动能力', '年老体弱', '无生活来源', '因学']), details: example.reason.details },
        members, bankCard: bankCard(r),
      };
    }
    case 'identification': {
      const size = r.int(1, 5);
      const members = [{ ...example.members[0], name: head.name, idNumber: headId, age: ageOf(headId, now) }];
      for (let i = 1; i < size; i++) {
        const child = i >= 2;
        const id = ids.next(county6, child ? 'child' : 'adult');
        const m = { ...example.members[child ? 2 : 1], name: personName(r), idNumber: id, age: ageOf(id, now) };
        if (m.health !== '残疾') delete m.disabilityGrade;
        members.push(m);
      }
      const causes = [...new Set([r.pick(['因病', '因残', '因学', '缺技术', '缺劳力', '缺资金']), r.pick(['因病', '缺技术', '缺资金', '自身发展动力不足'])])];
      return {
        ...example, head, householdSize: size, labourCount: r.int(0, Math.min(2, size)), arableLand: r.int(0, 60) / 10,
        perCapitaIncome: r.int(1500, 4500), causes, mainCause: causes[0], members, bankCard: bankCard(r),
      };
    }
    case 'monitoring': {
      const povertyLine = 3300;
      const lastYearIncome = r.int(15000, 40000);
      return {
        ...example, head, householdSize: r.int(1, 6), perCapitaIncome: r.int(2500, 4900), povertyLine, lastYearIncome,
        essentialSpending: lastYearIncome + r.int(-3000, 20000),
        riskFactors: [...new Set([r.pick(['因病', '因学', '因残', '因灾']), r.pick(['因意外事故', '因产业失败', '因就业不稳', '因病'])])],
      };
    }
    case 'housing':
      return {
        ...example, head, householdStatus: r.pick(['低保户', '特困供养', '建档立卡贫困户', '边缘户', '脱贫监测户']),
        houseArea: r.int(300, 1200) / 10, renovationType: r.pick(['原址翻建', '修缮加固', '置换', '新建']),
      };
    case 'yulu': {
      const [school, schoolType] = r.pick(SCHOOLS);
      const semesters = r.int(1, 2);
      return {
        ...example,
        student: { ...example.student, name: personName(r), idNumber: ids.next(county6, 'child'), phone: phone(r), school, schoolType, major: r.pick(MAJORS), grade: r.pick(['一年级', '二年级', '三年级']), enrolmentYear: r.int(2023, 2026) },
        household: { headName: head.name, headIdNumber: headId, registered: true },
        semester: r.pick(['2026年春季学期', '2026年秋季学期']), semesters, aidAmount: 1500 * semesters, bankCard: bankCard(r),
      };
    }
    default:
      throw new Error(`no data builder for ${key}`);
  }
}

/** What reviewers fill in at the states that let them edit (workflow `meta.editable`). */
export function patchFor(pointers, r, at) {
  const out = {};
  for (const p of pointers) {
    switch (p) {
      case '/appraisal': {
        const attendees = r.int(25, 60);
        const against = r.int(0, 4);
        out.appraisal = { meetingDate: ymd(at), attendees, votesFor: attendees - against, votesAgainst: against };
        break;
      }
      case '/housingGrade': out.housingGrade = r.pick(['C', 'D', 'D']); break;
      case '/subsidyAmount': out.subsidyAmount = r.pick([20000, 25000, 30000, 35000]); break;
      case '/inspection': out.inspection = { passed: true, date: ymd(at), inspector: personName(r) }; break;
      case '/warningLevel': out.warningLevel = r.pick(['红', '黄', '蓝']); break;
      case '/measures': out.measures = [r.pick(['产业', '就业', '公益岗位', '教育资助']), r.pick(['医疗救助', '兜底保障', '小额信贷'])]; break;
      case '/aidAmount': break; // set at creation (1500 per semester)
      default: throw new Error(`no generated value for editable field ${p}`);
    }
  }
  return out;
}

const COMMENTS = {
  REJECT: ['家庭人均收入高于低保标准', '经核查不符合条件', '家庭财产超过规定标准', '材料与实际情况不符'],
  PROPOSE_REMOVAL: ['家庭收入稳定，风险已消除', '务工收入稳定，申请消除风险'],
  APPROVE: [null, null, null, '同意', '经民主评议同意', '情况属实，同意上报'],
};
export const commentFor = (event, required, r) => (COMMENTS[event] ? r.pick(COMMENTS[event]) : null) ?? (required ? '同意' : null);

/**
 * One programme as the generator uses it: the pinned published version, the compiled workflow,
 * the main path a case takes through it (the forward event of each state, or its timer; a quorum
 * event repeated until it moves), snapshots as the engine persists them, and the acting roles.
 */
export function planProgramme(row) {
  const wf = compileWorkflow(row.workflow);
  const form = getCompiledForm(row.version_id, row.form_schema);
  const snapshots = new Map();
  const initial = wf.initialState();
  snapshots.set(initial.state, initial.snapshot);
  const actorRoles = (state) => {
    const info = wf.stateInfo(state);
    return [...new Set(wf.events(state).flatMap((e) => e.roles).concat(info.kind === 'draft' ? info.roles : []))];
  };
  /** Steps of the main path: { event, from, to, role (null for a timer), editable, requiresComment, timerMs }. */
  const steps = [];
  let snap = initial.snapshot;
  let state = initial.state;
  let distinct = 0;
  const data = row.example;
  for (let guard = 0; guard < 100 && wf.stateInfo(state).kind !== 'final'; guard++) {
    const info = wf.stateInfo(state);
    // The forward event (jsonb does not keep key order, so "first listed" is not reliable).
    const ev = wf.events(state).find((e) => !SIDE_EVENTS.has(e.event));
    const type = ev ? ev.event : info.timers[0]?.eventType;
    if (!type) throw new Error(`${row.key}: state ${state} has neither an event nor a timer`);
    const fullData = { ...data, ...patchFor(info.editable, { pick: (l) => l[0], int: (a) => a }, new Date()) };
    distinct = steps.length && steps[steps.length - 1].from === state ? distinct + 1 : 1;
    const res = wf.transition(snap, { type }, { data: fullData, distinctActors: distinct });
    if (!res.changed) throw new Error(`${row.key}: ${type} does not move ${state} (guard?)`);
    steps.push({ event: type, from: state, to: res.to, role: ev ? ev.roles[0] ?? null : null, editable: ev ? info.editable : [], requiresComment: !!ev?.requiresComment, timerMs: ev ? 0 : info.timers[0].ms });
    snapshots.set(res.to, res.snapshot);
    Object.assign(data, fullData);
    snap = res.snapshot;
    state = res.to;
  }
  // Side exits: REJECT from each task state and WITHDRAW from the draft, with their snapshots.
  const exits = new Map();
  for (const s of new Set(steps.map((x) => x.from))) {
    for (const ev of wf.events(s)) {
      if (ev.event !== 'REJECT' && ev.event !== 'WITHDRAW') continue;
      const res = wf.transition(snapshots.get(s), { type: ev.event }, { data: row.example, distinctActors: 1 });
      if (!res.changed) continue;
      snapshots.set(res.to, res.snapshot);
      exits.set(`${s}:${ev.event}`, { event: ev.event, from: s, to: res.to, role: ev.roles[0] ?? null, editable: [], requiresComment: ev.requiresComment, timerMs: 0 });
    }
  }
  const stateRows = new Map();
  for (const [s, snapshot] of snapshots) {
    const info = wf.stateInfo(s);
    stateRows.set(s, {
      snapshot: JSON.stringify(snapshot),
      status: wf.status(s),
      actorRoles: actorRoles(s),
      kind: info.kind,
      noticeMs: info.kind === 'notice' && info.timers[0] ? info.timers[0].ms : 0,
      timerMs: info.timers[0]?.ms ?? 0,
    });
  }
  const unique = form.uniqueFields;
  return {
    key: row.key, programmeId: row.programme_id, versionId: row.version_id, regionPath: row.region_path,
    example: row.example_data, wf, form, initial: initial.state, steps, exits, stateRows, unique,
    draftRoles: wf.stateInfo(initial.state).roles,
    changed: (before, after) => changedPointers(before, after),
    read: readPointer,
  };
}

/** The five published example versions, with each programme's example data from schemas/. */
export async function loadPublished(client, examples) {
  const { rows } = await client.query(
    `select p.key, p.id as programme_id, p.region_path, v.id as version_id, v.form_schema, v.workflow
       from programme_version v join programme p on p.id = v.programme_id
      where v.status = 'published' and p.key = any($1)`,
    [PROGRAMME_KEYS],
  );
  const missing = PROGRAMME_KEYS.filter((k) => !rows.some((r) => r.key === k));
  if (missing.length) throw new Error(`the demo seed did not publish ${missing.join(', ')}: is SEED_DEMO off?`);
  return new Map(rows.map((r) => [r.key, planProgramme({ ...r, example: structuredClone(examples[r.key]), example_data: examples[r.key] })]));
}
