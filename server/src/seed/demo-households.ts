/**
 * The demo county's household register: 300 households over the sixteen villages, with members,
 * statuses in plausible proportions and a few years of changes (identified → exited, monitored,
 * a child born), filed by each village's cadre through the same service calls the API makes, so
 * every entry has its change log and person index. Names and ID numbers are generated (valid check
 * digits, clearly fictional).
 */
import type { Services } from '../core/services.js';
import type { Context } from '../core/context.js';
import { makeIdCard } from '../programmes/idcard.js';
import { createRegisterEntries, updateRegisterEntry } from '../registers/entry.service.js';
import type { RegisterEntry } from '../registers/entry.row.js';
import { DEMO_REGIONS } from './demo-regions.js';
import { cadreOf } from './demo-users.js';
import { contextAs } from './seed-domain.js';

export const DEMO_HOUSEHOLDS = 300;

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕'.split('');
const MALE = ['建国', '志强', '国华', '德明', '立新', '红军', '永福', '长林', '海军', '振华', '文斌', '俊杰', '宏伟', '子豪', '浩然', '宇轩'];
const FEMALE = ['秀英', '桂兰', '海燕', '玉梅', '春花', '淑珍', '丽娟', '金凤', '美玲', '秀兰', '欣怡', '雨涵', '梓涵', '思琪', '佳怡', '晓燕'];
const CAUSES = ['因病', '因残', '因学', '因灾', '缺技术', '缺劳力', '缺资金', '自身发展动力不足'];

/** Status shares of the demo county (sum 1). */
const STATUS_SHARES: Array<[string, number]> = [
  ['一般户', 0.4], ['已脱贫', 0.3], ['建档立卡户', 0.04], ['监测户', 0.08], ['边缘户', 0.06], ['低保户', 0.09], ['特困供养', 0.03],
];
const INCOME: Record<string, [number, number]> = {
  一般户: [8000, 26000], 已脱贫: [5500, 12000], 建档立卡户: [2600, 4000], 监测户: [3500, 7000], 边缘户: [4500, 7500], 低保户: [2500, 5000], 特困供养: [2000, 4000],
};

interface Member {
  name: string;
  idNumber: string;
  relation: string;
  sex: '男' | '女';
  birthDate: string;
  schooling: string;
  labourCapacity: string;
  health: string;
  insured: boolean;
}

export async function seedHouseholds(services: Services): Promise<number> {
  const random = mulberry32(20261201);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const thisYear = services.clock().getFullYear();
  const used = new Set<string>();
  let serial = 0;

  const person = (surname: string, sex: '男' | '女', age: number, relation: string, poor: boolean): Member => {
    const year = thisYear - age;
    const birth = `${year}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`;
    let idNumber: string;
    do {
      serial += 1;
      // The sequence's last digit carries the sex: odd for men, even for women.
      idNumber = makeIdCard('130636', birth.replaceAll('-', ''), String(((serial * 7) % 500) * 2 + (sex === '男' ? 1 : 0)).padStart(3, '0'));
    } while (used.has(idNumber));
    used.add(idNumber);
    const sick = random();
    const health = sick < (poor ? 0.55 : 0.78) ? '健康' : sick < (poor ? 0.75 : 0.9) ? '长期慢性病' : sick < (poor ? 0.88 : 0.95) ? '大病' : '残疾';
    const schooling = age < 6 ? '学前' : age < 12 ? '小学' : age < 15 ? '初中' : age < 18 ? pick(['高中', '中职']) : age < 22 && random() < 0.5 ? pick(['高职', '专科', '本科']) : '非在校';
    const labourCapacity = age < 16 || schooling !== '非在校' ? '无劳动力' : health === '残疾' || health === '大病' ? pick(['部分丧失', '完全丧失']) : age > 65 ? '部分丧失' : '有';
    const given = sex === '男' ? MALE : FEMALE;
    return { name: surname + pick(given), idNumber, relation, sex, birthDate: birth, schooling, labourCapacity, health, insured: random() < 0.97 };
  };

  const household = (status: string) => {
    const poor = status !== '一般户';
    const surname = pick(SURNAMES);
    const single = status === '特困供养' || random() < 0.08;
    const headSex: '男' | '女' = random() < 0.75 ? '男' : '女';
    const headAge = single ? between(62, 88) : between(32, 75);
    const head = person(surname, headSex, headAge, '户主', poor);
    const members = [head];
    if (!single) {
      const size = pick([2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6]);
      if (size >= 2) members.push(person(pick(SURNAMES), headSex === '男' ? '女' : '男', Math.max(22, headAge + between(-5, 3)), '配偶', poor));
      while (members.length < size) {
        const childAge = headAge - between(22, 34);
        if (childAge >= 1) {
          const sex = random() < 0.5 ? '男' : '女';
          members.push(person(surname, sex, childAge, sex === '男' ? '之子' : '之女', poor));
        } else {
          members.push(person(surname, random() < 0.5 ? '男' : '女', Math.min(95, headAge + between(22, 30)), random() < 0.5 ? '父亲' : '母亲', poor));
        }
      }
    }
    const [lo, hi] = INCOME[status]!;
    const data: Record<string, unknown> = {
      head: { name: head.name, idNumber: head.idNumber, ...(random() < 0.85 ? { phone: `1${pick(['35', '38', '39', '58', '87'])}${String(between(0, 99_999_999)).padStart(8, '0')}` } : {}) },
      group: `第${'一二三四五六'[between(0, 5)]}村民小组`,
      status,
      householdSize: members.length,
      perCapitaIncome: between(lo, hi),
      housingGrade: poor && random() < 0.15 ? pick(['C', 'C', 'D']) : pick(['A', 'A', 'B']),
      members,
    };
    if (poor) data.povertyCause = pick(CAUSES);
    if (status === '监测户') data.riskLevel = pick(['红', '黄', '黄', '蓝', '蓝']);
    return data;
  };

  const villages = DEMO_REGIONS.filter((r) => r.level === 'village');
  const contexts = new Map<string, Context>();
  const as = async (village: string) => {
    const user = cadreOf(village);
    // One context per cadre, its identity map cleared between villages.
    if (!contexts.has(user)) contexts.set(user, await contextAs(services, user));
    const ctx = contexts.get(user)!;
    ctx.em.clear();
    return ctx;
  };
  const realClock = services.clock;
  const now = realClock().getTime();
  const day = 86_400_000;
  const statusAt = (i: number) => {
    let x = (i + 0.5) / DEMO_HOUSEHOLDS;
    for (const [s, share] of STATUS_SHARES) {
      if (x < share) return s;
      x -= share;
    }
    return '一般户';
  };
  // Households in a shuffled order of statuses, so every village gets a plausible mix.
  const statuses = Array.from({ length: DEMO_HOUSEHOLDS }, (_, i) => statusAt(i));
  for (let i = statuses.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [statuses[i], statuses[j]] = [statuses[j]!, statuses[i]!];
  }
  let at = now;
  services.clock = () => new Date(at);
  try {
    for (const [v, village] of villages.entries()) {
      const ctx = await as(village.code);
      // The county's baseline was imported about two years ago, one batch per village; the
      // households identified since then have their own history.
      const plans = statuses.map((status, i) => ({ status, i })).filter(({ i }) => i % villages.length === v).map(({ status, i }) => {
        const final = household(status);
        // Exited households carry their exit year (the county's exits ran over several years).
        if (status === '已脱贫') final.exitYear = thisYear - 2 - (i % 4);
        const history: Array<{ kind: string; patch: Record<string, unknown>; comment: string }> = [];
        let first: Record<string, unknown> = final;
        let kind = 'import';
        let comment: string | null = '动态调整数据导入';
        if ((status === '已脱贫' && i % 3 === 0) || (status === '监测户' && i % 2 === 0)) {
          first = { ...final, status: '建档立卡户', perCapitaIncome: between(2600, 3800) };
          delete first.riskLevel;
          delete first.exitYear;
          kind = 'new';
          comment = '经“五步两公示一公告”识别为建档立卡贫困户';
          history.push({ kind: 'exit', patch: { status: '已脱贫', exitYear: thisYear - 1, perCapitaIncome: between(5200, 9000) }, comment: '达到“一超六有”退出标准，经公示无异议' });
          if (status === '监测户') history.push({ kind: 'monitor', patch: { status: '监测户', riskLevel: final.riskLevel, perCapitaIncome: final.perCapitaIncome }, comment: '因病支出骤增，经核实纳入防返贫监测' });
        } else if (status === '建档立卡户' || status === '边缘户') {
          kind = 'new';
          comment = status === '边缘户' ? '经排查录入边缘易致贫户' : '经“五步两公示一公告”识别为建档立卡贫困户';
        }
        return { i, status, first, kind, comment, history };
      });
      at = now - between(700, 760) * day;
      const entries = await createRegisterEntries(ctx, 'household', plans.map((p) => ({ regionCode: village.code, data: p.first, kind: p.kind, comment: p.comment })));
      for (const [k, plan] of plans.entries()) {
        let entry: RegisterEntry = entries[k]!;
        let data = plan.first;
        at = now - between(600, 690) * day;
        for (const step of plan.history) {
          at = Math.min(now - day, at + between(120, 280) * day);
          data = { ...data, ...step.patch };
          entry = await updateRegisterEntry(ctx, entry.id, { data, expectedVersion: entry.version, kind: step.kind, comment: step.comment });
        }
        if (plan.i % 25 === 7 && Array.isArray(data.members) && data.members.length >= 2 && data.members.length < 6) {
          at = now - between(10, 90) * day;
          const head = data.members[0] as Member;
          const baby = person(head.name.slice(0, 1), random() < 0.5 ? '男' : '女', 1, head.sex === '男' ? '孙子' : '孙女', plan.status !== '一般户');
          data = { ...data, members: [...data.members, baby], householdSize: data.members.length + 1 };
          entry = await updateRegisterEntry(ctx, entry.id, { data, expectedVersion: entry.version, kind: 'member_added', comment: '新生儿落户' });
        }
      }
    }
  } finally {
    services.clock = realClock;
  }
  services.log.info({ households: DEMO_HOUSEHOLDS, persons: used.size }, 'seeded demo households');
  return DEMO_HOUSEHOLDS;
}

/** A small deterministic PRNG, so every fresh start seeds the same county. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
