/**
 * Sample applications for the demo county, filed and moved through their workflows by the demo
 * users through the same service calls the API makes, so histories, timers and claims are real.
 * Names and ID numbers are generated (valid check digits, clearly fictional).
 */
import type { Services } from '../core/services.js';
import type { Context } from '../core/context.js';
import { createApplication, submitApplication, transitionApplication } from '../applications/application.service.js';
import type { Application } from '../applications/application.entity.js';
import { loadExample } from '../programmes/examples.js';
import { makeIdCard } from '../programmes/idcard.js';
import { DEMO_REGIONS } from './demo-regions.js';
import { cadreOf, reviewerOf } from './demo-users.js';
import { contextAs } from './seed-domain.js';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'.split('');
const GIVEN = ['建国', '秀英', '桂兰', '志强', '海燕', '国华', '玉梅', '德明', '春花', '立新', '淑珍', '红军', '丽娟', '永福', '金凤', '长林'];

type Step = [user: string, event: string, extra?: { data?: Record<string, unknown>; comment?: string }];

let serial = 100;
function person(i: number) {
  serial += 1;
  const name = SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]!;
  const year = 1950 + ((i * 3) % 45);
  const birth = `${year}${String((i % 12) + 1).padStart(2, '0')}${String((i % 27) + 1).padStart(2, '0')}`;
  return { name, idNumber: makeIdCard('130636', birth, String(serial).padStart(3, '0')) };
}

const villages = DEMO_REGIONS.filter((r) => r.level === 'village');

export async function seedApplications(services: Services): Promise<void> {
  const contexts = new Map<string, Context>();
  const as = async (user: string) => {
    if (!contexts.has(user)) contexts.set(user, await contextAs(services, user));
    const ctx = contexts.get(user)!;
    ctx.em.clear();
    return ctx;
  };
  // Cases are backdated: each starts some days ago and every step happens a day or two after the
  // last, so the inbox shows real waiting times. Notices stay open (they were posted recently).
  const realClock = services.clock;
  const random = mulberry32(20261123);
  const run = async (programme: string, village: string, filer: string, data: Record<string, unknown>, steps: Step[]) => {
    const endsInNotice = steps.length > 0 && /APPROVE/.test(steps.at(-1)![1]) && ['dibao', 'identification'].includes(programme) && steps.length <= 2;
    const days = endsInNotice ? 1 + random() * 4 : steps.length * 1.5 + 2 + random() * 25;
    let at = realClock().getTime() - days * 86_400_000;
    const step = () => { at = Math.min(realClock().getTime() - 3_600_000, at + (0.3 + random() * 1.5) * 86_400_000); };
    services.clock = () => new Date(at);
    try {
      let app: Application = await createApplication(await as(filer), programme, village, data);
      for (const [user, event, extra] of steps) {
        step();
        app = event === 'SUBMIT'
          ? await submitApplication(await as(user), app.id, app.version)
          : await transitionApplication(await as(user), app.id, { event, expectedVersion: app.version, comment: extra?.comment, data: extra?.data });
      }
    } finally {
      services.clock = realClock;
    }
  };

  let i = 0;
  // 低保 and 精准识别: every village has cases at several steps.
  for (const v of villages) {
    const cadre = cadreOf(v.code);
    const reviewer = reviewerOf(v.code);
    const appraisal = { appraisal: { meetingDate: '2026-11-10', attendees: 36, votesFor: 34, votesAgainst: 2 } };
    const dibao = loadExample('dibao').example!;
    const ident = loadExample('identification').example!;
    const scripts: Array<[string, Record<string, unknown>, Step[]]> = [
      ['dibao', dibao, []],
      ['dibao', dibao, [[cadre, 'SUBMIT']]],
      ['dibao', dibao, [[cadre, 'SUBMIT'], [cadre, 'APPROVE', { data: appraisal, comment: '经民主评议同意' }]]],
      ['identification', ident, [[cadre, 'SUBMIT'], [cadre, 'APPROVE', { data: appraisal }]]],
      ['identification', ident, [[cadre, 'SUBMIT']]],
    ];
    if (i % 3 === 0) scripts.push(['dibao', dibao, [[cadre, 'SUBMIT'], [cadre, 'REJECT', { comment: '家庭人均收入高于低保标准' }]]]);
    // Villages differ: some have more cases waiting for the township or the county.
    for (let k = Math.floor(random() * 4); k > 0; k--) {
      scripts.push(random() < 0.5
        ? ['dibao', dibao, [[cadre, 'SUBMIT']]]
        : ['identification', ident, [[cadre, 'SUBMIT'], [cadre, 'APPROVE', { data: appraisal }]]]);
    }
    for (const [programme, base, steps] of scripts) {
      const p = person(i++);
      const head = { ...(base.head as object), ...p };
      const members = Array.isArray(base.members) ? [{ ...(base.members[0] as object), name: p.name, ...(programme === 'identification' ? { idNumber: p.idNumber } : {}) }, ...base.members.slice(1)] : undefined;
      await run(programme, v.code, cadre, { ...base, head, ...(members ? { members } : {}) }, steps);
    }
    void reviewer;
  }

  // Cases further along in the two named villages, where every level has a demo user.
  const dongjie = villages.find((v) => v.name === '东街村')!.code;
  const wangge = villages.find((v) => v.name === '王各庄村')!.code;
  for (const [village, cadre, reviewer] of [[dongjie, 'dongjie_cadre', 'puyang_reviewer'], [wangge, 'wangge_cadre', 'yaoshan_reviewer']] as const) {
    const h = loadExample('housing').example!;
    const withHead = () => ({ ...h, head: { ...(h.head as object), ...person(i++) } });
    await run('housing', village, cadre, withHead(), [[cadre, 'SUBMIT']]);
    await run('housing', village, cadre, withHead(), [[cadre, 'SUBMIT'], [cadre, 'APPROVE']]);
    await run('housing', village, cadre, withHead(), [[cadre, 'SUBMIT'], [cadre, 'APPROVE'], [reviewer, 'APPROVE', { data: { housingGrade: 'C' } }]]);
    await run('housing', village, cadre, withHead(), [[cadre, 'SUBMIT'], [cadre, 'APPROVE'], [reviewer, 'APPROVE', { data: { housingGrade: 'D' } }], ['county_office', 'APPROVE', { data: { subsidyAmount: 35000 } }], [cadre, 'REPORT_COMPLETE'], ['inspector', 'PASS', { data: { inspection: { passed: true, date: '2026-10-28', inspector: '吴建军' } } }], ['finance', 'PAY']]);
    await run('housing', village, cadre, withHead(), [[cadre, 'SUBMIT'], [cadre, 'APPROVE'], [reviewer, 'REJECT', { comment: '经鉴定为B级，不属于危房' }]]);
  }

  const y = loadExample('yulu').example!;
  const student = () => ({ ...y, student: { ...(y.student as object), ...person(i++) } });
  await run('yulu', dongjie, 'teacher', student(), []);
  await run('yulu', dongjie, 'teacher', student(), [['teacher', 'SUBMIT']]);
  await run('yulu', wangge, 'teacher', student(), [['teacher', 'SUBMIT'], ['teacher', 'APPROVE'], ['school_leader', 'APPROVE']]);
  await run('yulu', wangge, 'teacher', student(), [['teacher', 'SUBMIT'], ['teacher', 'APPROVE'], ['school_leader', 'APPROVE'], ['principal', 'APPROVE']]);

  const m = loadExample('monitoring').example!;
  const household = () => ({ ...m, head: { ...(m.head as object), ...person(i++) } });
  await run('monitoring', dongjie, 'dongjie_team', household(), [['dongjie_team', 'SUBMIT']]);
  await run('monitoring', dongjie, 'dongjie_team', household(), [['dongjie_team', 'SUBMIT'], ['verifier1', 'VERIFY'], ['verifier2', 'VERIFY'], ['verifier3', 'VERIFY']]);
  await run('monitoring', dongjie, 'dongjie_team', household(), [['dongjie_team', 'SUBMIT'], ...['verifier1', 'verifier2', 'verifier3', 'verifier4', 'verifier5'].map((u): Step => [u, 'VERIFY']), ['puyang_reviewer', 'APPROVE']]);
  await run('monitoring', dongjie, 'dongjie_team', household(), [['dongjie_team', 'SUBMIT'], ...['verifier1', 'verifier2', 'verifier3', 'verifier4', 'verifier5'].map((u): Step => [u, 'VERIFY']), ['puyang_reviewer', 'APPROVE'], ['county_office', 'APPROVE', { data: { warningLevel: '红', measures: ['医疗救助', '兜底保障'] } }]]);
  services.log.info({ applications: i }, 'seeded demo applications');
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
