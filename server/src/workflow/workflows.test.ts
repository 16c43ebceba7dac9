/**
 * Every example workflow in /workflows passes the check and can be walked by the engine from the
 * draft to its final states, with form data that satisfies (or fails) its guards.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkWorkflow } from './definition.js';
import { compileWorkflow, type CompiledWorkflow, type PersistedSnapshot } from './engine.js';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

/** Form data passing every guard of the examples, and data failing them. */
const passing = {
  aidAmount: 3000,
  semesters: 2,
  perCapitaIncome: 4000,
  povertyLine: 4000,
  essentialSpending: 0,
  lastYearIncome: 10000,
  warningLevel: '黄',
  housingGrade: 'D',
  inspection: { passed: true },
  checks: { foodClothing: true, compulsoryEducation: true, basicMedical: true, safeHousing: true, safeWater: true },
  reason: '户口迁入',
};
/** The household as the register holds it, for rules that read `$entry` (exit's approvals). */
const passingEntry = { status: '建档立卡户' };
const failingEntry = { status: '一般户' };
const failing = { aidAmount: 2000, semesters: 2, perCapitaIncome: 9000, povertyLine: 4000, warningLevel: '紫', housingGrade: 'B' };

interface Reached {
  path: string[];
  snapshot: PersistedSnapshot;
}

/**
 * Breadth-first over what the engine accepts: every role event, the objection and every timer, with
 * quorums met. Returns each reached state with the events that lead there and its snapshot.
 */
function explore(wf: CompiledWorkflow, data: Record<string, unknown>, entry: Record<string, unknown> = passingEntry): Map<string, Reached> {
  const start = wf.initialState();
  const paths = new Map<string, Reached>([[start.state, { path: [], snapshot: start.snapshot }]]);
  const queue: { state: string; snapshot: PersistedSnapshot }[] = [start];
  for (let item = queue.shift(); item; item = queue.shift()) {
    const info = wf.stateInfo(item.state);
    const types = [
      ...wf.events(item.state).map((e) => e.event),
      ...(info.objectionEvent ? [info.objectionEvent] : []),
      ...info.timers.map((t) => t.eventType),
    ];
    for (const type of types) {
      const r = wf.transition(JSON.parse(JSON.stringify(item.snapshot)), { type }, { data, distinctActors: 99, entry });
      if (r.changed && !paths.has(r.to)) {
        paths.set(r.to, { path: [...paths.get(item.state)!.path, type], snapshot: r.snapshot });
        queue.push({ state: r.to, snapshot: r.snapshot });
      }
    }
  }
  return paths;
}

describe.each(files)('workflows/%s', (file) => {
  const def: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));

  it('passes the check without errors or warnings, and its id is its file name', () => {
    expect(checkWorkflow(def)).toEqual({ ok: true, errors: [], warnings: [] });
    expect((def as { id: string }).id).toBe(file.replace(/\.json$/, ''));
  });

  it('can be walked from the draft to an approved final state, and reaches every state', () => {
    const wf = compileWorkflow(def);
    const reached = explore(wf, passing);
    const approved = [...reached.keys()].filter((s) => wf.status(s) === 'APPROVED');
    expect(approved.length, `approved finals reached: ${[...reached.keys()].join(', ')}`).toBeGreaterThan(0);
    for (const s of approved) expect(reached.get(s)!.path[0]).toBe('SUBMIT');

    const all = new Set([...reached.keys(), ...explore(wf, failing, failingEntry).keys()]);
    expect([...all].sort()).toEqual(Object.keys((def as { states: object }).states).sort());
  });

  it('refuses each rule-guarded step when the data fails the rule', () => {
    const wf = compileWorkflow(def);
    const reached = explore(wf, passing);
    for (const edge of wf.diagram().edges.filter((e) => e.guard === 'rule')) {
      const { snapshot } = reached.get(edge.from)!;
      const r = wf.transition(snapshot, { type: edge.event }, { data: failing, distinctActors: 99, entry: failingEntry });
      expect(r.to, `${edge.from} --${edge.event}--> with failing data`).not.toBe(edge.to);
      const ok = wf.transition(snapshot, { type: edge.event }, { data: passing, distinctActors: 99, entry: passingEntry });
      expect(ok.to).toBe(edge.to);
    }
  });
});

it('has the eight example workflows', () => {
  expect(files.sort()).toEqual(['dibao.json', 'exit.json', 'household_change.json', 'household_reduce.json', 'housing.json', 'identification.json', 'monitoring.json', 'yulu.json']);
});

describe('example specifics', () => {
  const load = (key: string) => compileWorkflow(JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')));
  const to = (wf: CompiledWorkflow, state: string) => explore(wf, passing).get(state)!.snapshot;

  it('monitoring: the village check needs five verifiers, and risk is reviewed every two months', () => {
    const wf = load('monitoring');
    const snapshot = to(wf, 'village_verification');
    expect(wf.transition(snapshot, { type: 'VERIFY' }, { data: passing, distinctActors: 4 })).toMatchObject({
      changed: true,
      to: 'village_verification',
    });
    expect(wf.transition(snapshot, { type: 'VERIFY' }, { data: passing, distinctActors: 5 }).to).toBe('township_confirmation');
    expect(wf.stateInfo('monitoring').review).toMatchObject({
      every: 'REVIEW_PERIOD', ms: 60 * 86_400_000, roles: ['work_team'], events: ['REVIEWED', 'PROPOSE_REMOVAL'], dueInMs: 15 * 86_400_000,
    });
    expect(wf.stateInfo('township_confirmation').due).toEqual({ ms: 15 * 86_400_000 });
  });

  it('monitoring: screening sends ineligible households to not_eligible', () => {
    const wf = load('monitoring');
    const draft = wf.initialState().snapshot;
    const high = { perCapitaIncome: 7000, povertyLine: 4000, essentialSpending: 5000, lastYearIncome: 20000 };
    expect(wf.transition(draft, { type: 'SUBMIT' }, { data: high, distinctActors: 1 }).to).toBe('not_eligible');
    const spending = { ...high, essentialSpending: 30000 };
    expect(wf.transition(draft, { type: 'SUBMIT' }, { data: spending, distinctActors: 1 }).to).toBe('village_verification');
  });

  it('exit: only a household above the line with every basic need secured may be submitted', () => {
    const wf = load('exit');
    const draft = wf.initialState().snapshot;
    const submit = (data: Record<string, unknown>) => wf.transition(draft, { type: 'SUBMIT' }, { data, distinctActors: 1 });
    const ready = { perCapitaIncome: 6200, povertyLine: 3300, checks: passing.checks };
    expect(submit(ready).to).toBe('village_appraisal');
    expect(submit({ ...ready, perCapitaIncome: 3000 }).changed).toBe(false);
    expect(submit({ ...ready, checks: { ...passing.checks, safeWater: false } }).changed).toBe(false);
    expect(wf.stateInfo('village_notice').timers[0]).toMatchObject({ duration: 'P7D' });
  });

  it.each([
    ['village_appraisal', 'village_notice'],
    ['township_review', 'county_approval'],
    ['county_approval', 'exited'],
  ])('exit: %s approves only while the register still holds the household as 建档立卡户', (desk, next) => {
    const wf = load('exit');
    const at = to(wf, desk);
    const approve = (entry: Record<string, unknown> | null) => wf.transition(at, { type: 'APPROVE' }, { data: passing, distinctActors: 1, entry });
    expect(approve({ status: '建档立卡户' }).to).toBe(next);
    expect(approve({ status: '监测户' }).changed).toBe(false);
    expect(approve({ status: '已脱贫' }).changed).toBe(false);
    expect(approve(null).changed).toBe(false);
  });

  it('household_change: a person marrying or moving in is moved; a newborn is appended', () => {
    const wf = load('household_change');
    const review = to(wf, 'township_review');
    const approve = (reason: string) => wf.transition(review, { type: 'APPROVE' }, { data: { reason }, distinctActors: 1 }).to;
    expect(approve('户口迁入')).toBe('recorded_moved');
    expect(approve('婚入')).toBe('recorded_moved');
    expect(approve('新生儿')).toBe('recorded');
  });

  it('yulu: the county approves only ¥1,500 per semester, and the notice lasts five days', () => {
    const wf = load('yulu');
    const snapshot = to(wf, 'county_approval');
    const approve = (data: Record<string, unknown>) => wf.transition(snapshot, { type: 'APPROVE' }, { data, distinctActors: 1 });
    expect(approve({ aidAmount: 4500, semesters: 3 }).to).toBe('payment');
    expect(approve({ aidAmount: 5000, semesters: 3 }).changed).toBe(false);
    expect(wf.stateInfo('school_notice').timers[0]).toMatchObject({ duration: 'P5D', ms: 5 * 86_400_000 });
    expect(wf.stateInfo('county_approval').editable).toEqual(['/aidAmount']);
  });
});
