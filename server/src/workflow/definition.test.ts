import { describe, expect, it } from 'vitest';
import { checkWorkflow, MAX_STATES, type WorkflowProblem } from './definition.js';
import { changed, fixture, withChange } from './workflow.fixture.js';

const title = { zh: '标题', en: 'Title' };
// The catalogue visible at the programme's county, as publishing passes it (the fixture's roles).
const KNOWN_ROLES = new Set(['village_committee', 'township_reviewer', 'verifier', 'county_office']);
const errorsOf = (def: unknown) => checkWorkflow(def, { knownRoles: KNOWN_ROLES }).errors;
const codes = (def: unknown) => errorsOf(def).map((e) => e.code);
/** The one error with this code; fails if there is none. */
function only(def: unknown, code: string): WorkflowProblem {
  const found = errorsOf(def).filter((e) => e.code === code);
  expect(found, JSON.stringify(errorsOf(def), null, 1)).toHaveLength(1);
  return found[0]!;
}

describe('checkWorkflow: the fixture', () => {
  it('accepts a valid workflow without warnings', () => {
    expect(checkWorkflow(fixture())).toEqual({ ok: true, errors: [], warnings: [] });
  });
});

describe('checkWorkflow: shape', () => {
  it.each([null, 'dibao', 42, [], undefined])('refuses %j with one error', (def) => {
    const report = checkWorkflow(def);
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([{ code: 'NOT_AN_OBJECT', message: expect.stringMatching(/must be a JSON object/) }]);
  });

  it('needs an id and an initial state that exists', () => {
    expect(codes(changed('id', undefined))).toEqual(['MISSING_ID']);
    expect(codes(changed('id', 'has space'))).toEqual(['INVALID_NAME']);
    expect(codes(changed('initial', undefined))).toContain('MISSING_INITIAL');
    expect(only(changed('initial', 'start'), 'UNKNOWN_INITIAL').message).toBe('Initial state "start" does not exist');
  });

  it('needs states', () => {
    expect(codes(changed('states', {}))).toEqual(['MISSING_STATES']);
  });

  it('refuses more than the maximum number of states', () => {
    const states = Object.fromEntries(Array.from({ length: MAX_STATES + 1 }, (_, i) => [`s${i}`, {}]));
    expect(codes(changed('states', states))).toEqual(['TOO_LARGE']);
  });

  it('returns every problem at once', () => {
    const def = fixture();
    withChange(def, 'states.review.on.REJECT.target', 'nowhere');
    withChange(def, 'states.review.meta.roles', ['mayor']);
    withChange(def, 'states.notice.after', { SOON: 'verification' });
    withChange(def, 'states.approved.meta.outcome', undefined);
    expect(codes(def).sort()).toEqual(['INVALID_OUTCOME', 'UNKNOWN_DELAY', 'UNKNOWN_ROLE', 'UNKNOWN_TARGET']);
  });
});

describe('checkWorkflow: nothing is code', () => {
  it.each([
    ['nested states', 'states.review.states', { a: {} }],
    ['nested initial', 'states.review.initial', 'a'],
    ['invoke', 'states.review.invoke', { src: 'fetchData' }],
    ['entry actions', 'states.review.entry', ['notify']],
    ['exit actions', 'states.review.exit', [{ type: 'sendEmail' }]],
    ['always', 'states.review.always', { target: 'approved' }],
    ['parallel states', 'states.review.type', 'parallel'],
    ['transition actions', 'states.review.on.APPROVE.actions', ['assignGrade']],
  ])('refuses %s, naming the state', (_name, path, value) => {
    const e = only(changed(path, value), 'UNSUPPORTED_FEATURE');
    expect(e.state).toBe('review');
    expect(e.message).toMatch(/^State "review"/);
  });

  it('refuses a parallel machine and machine-level context or actions', () => {
    expect(codes(changed('type', 'parallel'))).toContain('UNSUPPORTED_FEATURE');
    expect(codes(changed('context', { count: 0 }))).toContain('UNSUPPORTED_FEATURE');
    expect(codes(changed('entry', ['boot']))).toContain('UNSUPPORTED_FEATURE');
  });

  it('refuses functions anywhere, with their path', () => {
    const def = changed('states.review.on.APPROVE.guard', () => true);
    const e = only(def, 'NOT_JSON');
    expect(e.message).toBe('State "review": "/states/review/on/APPROVE/guard" is a function: nothing in a workflow is ever run as code');
  });

  it('refuses class instances and cycles', () => {
    expect(codes(changed('meta.created', new Date()))).toContain('NOT_JSON');
    const def = fixture();
    withChange(def, 'meta.self', def);
    expect(codes(def)).toContain('NOT_JSON');
  });

  it('refuses a guard named eval, naming state and event', () => {
    const e = only(changed('states.review.on.APPROVE.guard', { type: 'eval', params: { code: 'true' } }), 'UNKNOWN_GUARD');
    expect(e).toMatchObject({ state: 'review', event: 'APPROVE' });
    expect(e.message).toBe('State "review", event "APPROVE": unknown guard type "eval" (the guard library has: rule, quorum)');
  });

  it('refuses a rule with an operator outside the allowlist', () => {
    const e = only(changed('states.review.on.APPROVE.guard.params.rule', { log: { var: 'grade' } }), 'INVALID_GUARD_PARAMS');
    expect(e.message).toBe('State "review", event "APPROVE": guard "rule": operator "log" is not allowed');
  });

  it('refuses a quorum below 2', () => {
    const e = only(changed('states.verification.on.VERIFY', [{ target: 'approved', guard: { type: 'quorum', params: { count: 1 } } }]), 'INVALID_GUARD_PARAMS');
    expect(e.message).toMatch(/^State "verification", event "VERIFY": guard "quorum": count must be an integer/);
  });

  it.each(['xstate.after.P7D', '*', 'approve now'])('refuses the event name %j', (event) => {
    const def = fixture();
    withChange(def, 'states.review.on', { [event]: { target: 'approved', meta: { title } }, REJECT: 'rejected' });
    expect(only(def, 'INVALID_NAME').message).toBe(`State "review", event "${event}": event names are letters, digits and "_", starting with a letter`);
  });
});

describe('checkWorkflow: targets, roles and delays', () => {
  it('names the state and event of an unknown target', () => {
    const e = only(changed('states.review.on.APPROVE.target', 'nowhere'), 'UNKNOWN_TARGET');
    expect(e).toEqual({
      code: 'UNKNOWN_TARGET',
      state: 'review',
      event: 'APPROVE',
      message: 'State "review", event "APPROVE": target "nowhere" does not exist',
    });
  });

  it('refuses a transition without a target and a target list', () => {
    expect(only(changed('states.review.on.APPROVE.target', undefined), 'INVALID_TRANSITION').message).toBe(
      'State "review", event "APPROVE": a transition needs a "target"',
    );
    expect(codes(changed('states.review.on.APPROVE.target', ['approved', 'rejected']))).toContain('INVALID_TRANSITION');
  });

  it('names an unknown target of a timer', () => {
    const e = only(changed('states.notice.after.NOTICE_PERIOD.target', 'limbo'), 'UNKNOWN_TARGET');
    expect(e.message).toBe('State "notice", timer "NOTICE_PERIOD": target "limbo" does not exist');
  });

  it('refuses unknown roles on states and transitions', () => {
    expect(only(changed('states.review.meta.roles', ['township_reviewer', 'mayor']), 'UNKNOWN_ROLE').message).toBe(
      'State "review": unknown role "mayor"',
    );
    expect(only(changed('states.review.on.REJECT.meta.roles', ['mayor']), 'UNKNOWN_ROLE').message).toBe(
      'State "review", event "REJECT": unknown role "mayor"',
    );
    expect(codes(changed('states.review.meta.roles', 'township_reviewer'))).toContain('INVALID_ROLES');
  });

  it('locates an unknown or retired role by a JSON pointer, in both languages', () => {
    const [e] = errorsOf(changed('states.review.meta.roles', ['township_reviewer', 'mayor']));
    expect(e).toMatchObject({ code: 'UNKNOWN_ROLE', path: '/states/review/meta/roles/1', messageZh: expect.stringContaining('未知角色 "mayor"') });
    const alt = checkWorkflow(changed('states.review.on.REJECT', [{ target: 'rejected', meta: { roles: ['mayor'] } }]), { knownRoles: KNOWN_ROLES }).errors;
    expect(alt.find((p) => p.code === 'UNKNOWN_ROLE')?.path).toBe('/states/review/on/REJECT/0/meta/roles/0');
    const retired = checkWorkflow(changed('states.review.meta.roles', ['mayor']), { knownRoles: KNOWN_ROLES, retiredRoles: new Set(['mayor']) }).errors;
    expect(retired.map((p) => p.code)).toContain('RETIRED_ROLE');
  });

  it('checks only the shape of role lists without a catalogue (stored versions)', () => {
    expect(checkWorkflow(changed('states.review.meta.roles', ['mayor'])).errors.map((p) => p.code)).not.toContain('UNKNOWN_ROLE');
  });

  it('takes the known roles from the options', () => {
    const report = checkWorkflow(changed('states.review.meta.roles', ['mayor']), { knownRoles: new Set(['mayor', 'village_committee', 'verifier']) });
    expect(report.ok).toBe(true);
  });

  it.each(['P7X', 'SOON', '5000', 'P0D'])('refuses the delay %j', (delay) => {
    const e = only(changed('states.notice.after', { [delay]: { target: 'verification' } }), 'UNKNOWN_DELAY');
    expect(e.message).toBe(`State "notice", timer "${delay}": "${delay}" is neither an ISO-8601 duration (like "P7D") nor a name in meta.delays`);
  });

  it('refuses named delays that are not durations', () => {
    expect(only(changed('meta.delays.NOTICE_PERIOD', 'a week'), 'INVALID_DELAY').message).toBe(
      'Delay "NOTICE_PERIOD" in meta.delays: "a week" is not a positive ISO-8601 duration like "P7D"',
    );
    expect(codes(changed('meta.delays', { P3D: 'P7D' }))).toContain('INVALID_DELAY');
  });

  it.each([
    ['P300000Y', 'longer than 5 years'],
    ['P6Y', 'longer than 5 years'],
    ['P61M', 'longer than 5 years'],
    ['PT0.5S', 'shorter than 1 second'],
  ])('refuses the unreasonable delay %j, naming the state and timer', (delay, why) => {
    const e = only(changed('states.notice.after', { [delay]: { target: 'verification' } }), 'INVALID_DELAY');
    expect(e).toMatchObject({ state: 'notice', delay });
    expect(e.message).toContain(`State "notice", timer "${delay}"`);
    expect(e.message).toContain(why);
  });

  it('refuses an unreasonable named delay where it is defined and accepts the bounds themselves', () => {
    const e = only(changed('meta.delays.NOTICE_PERIOD', 'P300000Y'), 'INVALID_DELAY');
    expect(e.message).toMatch(/^Delay "NOTICE_PERIOD" in meta.delays: "P300000Y" is longer than 5 years/);
    expect(checkWorkflow(changed('meta.delays.NOTICE_PERIOD', 'P5Y')).ok).toBe(true);
    expect(checkWorkflow(changed('meta.delays.NOTICE_PERIOD', 'PT1S')).ok).toBe(true);
  });

  it('refuses a guard or alternatives on a timer', () => {
    const e = only(changed('states.notice.after.NOTICE_PERIOD.guard', { type: 'quorum', params: { count: 2 } }), 'TIMER_GUARD');
    expect(e.message).toBe('State "notice", timer "NOTICE_PERIOD": a timer takes one transition without a guard');
  });

  it('refuses alternatives of one event with different roles', () => {
    const def = changed('states.verification.on.VERIFY.1.meta.roles', ['work_team']);
    // withChange treats "1" as an object key of the array, which is what we want here
    expect(only(def, 'INCONSISTENT_ALTERNATIVES').message).toMatch(/^State "verification", event "VERIFY": all alternatives/);
  });

  it('warns about an alternative after an unguarded one', () => {
    const def = changed('states.verification.on.VERIFY', [{ target: 'verification', meta: { title } }, { target: 'approved' }]);
    const report = checkWorkflow(def);
    expect(report.ok).toBe(true);
    expect(report.warnings.map((w) => w.code)).toContain('SHADOWED_ALTERNATIVE');
  });
});

describe('checkWorkflow: the graph', () => {
  it('refuses an unreachable state', () => {
    const def = changed('states.orphan', { meta: { kind: 'task', title, roles: ['verifier'] }, on: { DONE: 'approved' } });
    expect(only(def, 'UNREACHABLE_STATE').message).toBe('State "orphan": unreachable from the initial state "draft"');
  });

  it('refuses a cycle that never ends', () => {
    const def = fixture();
    withChange(def, 'states.review.on.LOOP', { target: 'loop_a', meta: { title } });
    withChange(def, 'states.loop_a', { meta: { kind: 'task', title, roles: ['verifier'] }, on: { NEXT: 'loop_b' } });
    withChange(def, 'states.loop_b', { meta: { kind: 'task', title, roles: ['verifier'] }, after: { P1D: 'loop_a' } });
    const errors = errorsOf(def).filter((e) => e.code === 'NO_PATH_TO_FINAL');
    expect(errors.map((e) => e.message).sort()).toEqual([
      'State "loop_a": no final state can be reached from here (a cycle that never ends?)',
      'State "loop_b": no final state can be reached from here (a cycle that never ends?)',
    ]);
  });

  it('refuses a task where nobody acts and no timer fires', () => {
    const def = changed('states.review.meta.roles', undefined);
    const errors = errorsOf(def);
    expect(errors.find((e) => e.code === 'NO_ACTOR')?.message).toBe(
      'State "review": no role acts here and no timer fires: the case would be stuck (add meta.roles or "after")',
    );
    expect(errors.filter((e) => e.code === 'EVENT_NOT_SENDABLE').map((e) => e.event)).toEqual(['APPROVE', 'RETURN', 'REJECT']);
  });

  it('refuses an event no role may send', () => {
    const def = fixture();
    withChange(def, 'states.review.meta.roles', undefined);
    withChange(def, 'states.review.on.APPROVE.meta.roles', ['township_reviewer']);
    withChange(def, 'states.review.on.RETURN.meta.roles', ['township_reviewer']);
    expect(only(def, 'EVENT_NOT_SENDABLE').message).toBe(
      'State "review", event "REJECT": no role may send this event: give the transition or the state meta.roles',
    );
  });

  it("lets the filer send the draft's SUBMIT and the public send a notice's objection", () => {
    const report = checkWorkflow(changed('states.draft.meta.roles', undefined));
    expect(report.ok).toBe(true);
  });
});

describe('checkWorkflow: kinds and meta', () => {
  it('needs the initial state to be a draft with SUBMIT', () => {
    expect(only(changed('states.draft.meta.kind', 'task'), 'INITIAL_NOT_DRAFT').message).toBe(
      'State "draft": the initial state must be kind "draft" (got "task")',
    );
    const def = changed('states.draft.on', { SEND: { target: 'review', meta: { title } } });
    expect(only(def, 'MISSING_SUBMIT').message).toBe('State "draft": the draft state needs a "SUBMIT" event');
  });

  it('allows only one draft', () => {
    expect(only(changed('states.review.meta.kind', 'draft'), 'EXTRA_DRAFT').state).toBe('review');
  });

  it('needs final states to have an outcome and no transitions', () => {
    expect(only(changed('states.approved.meta.outcome', undefined), 'INVALID_OUTCOME').message).toBe(
      'State "approved": a final state needs meta.outcome: approved | rejected | withdrawn (got undefined)',
    );
    expect(codes(changed('states.approved.meta.outcome', 'done'))).toEqual(['INVALID_OUTCOME']);
    expect(codes(changed('states.approved.on', { REOPEN: 'review' }))).toContain('FINAL_HAS_TRANSITIONS');
    expect(codes(changed('states.review.meta.outcome', 'approved'))).toEqual(['INVALID_OUTCOME']);
  });

  it('needs type final exactly when kind is final', () => {
    expect(codes(changed('states.approved.type', undefined))).toContain('FINAL_MISMATCH');
    expect(only(changed('states.review.type', 'final'), 'FINAL_MISMATCH').message).toBe('State "review": type "final" needs kind "final" (got "task")');
  });

  it('needs a known kind', () => {
    expect(only(changed('states.review.meta.kind', 'review'), 'INVALID_KIND').message).toBe(
      'State "review": meta.kind must be one of draft, task, notice, final (got "review")',
    );
  });

  it('needs both titles on every state', () => {
    expect(only(changed('states.review.meta.title', { zh: '审核' }), 'MISSING_TITLE').message).toBe('State "review": needs meta.title with "zh" and "en"');
    expect(codes(changed('states.approved.meta.title', undefined))).toEqual(['MISSING_TITLE']);
  });

  it('warns about a transition without a title', () => {
    const report = checkWorkflow(changed('states.review.on.REJECT.meta.title', undefined));
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual([expect.objectContaining({ code: 'MISSING_TITLE', state: 'review', event: 'REJECT' })]);
  });

  it('needs a timer on a notice', () => {
    const def = changed('states.notice.after', undefined);
    expect(only(def, 'NOTICE_WITHOUT_TIMER').message).toBe('State "notice": a notice state needs a timer ("after") that ends the notice period');
  });

  it("needs the notice's objection event in its transitions", () => {
    const e = only(changed('states.notice.meta.objectionEvent', 'APPEAL'), 'MISSING_OBJECTION_EVENT');
    expect(e.message).toBe('State "notice", event "APPEAL": the objection event of this notice is missing from "on"');
    const renamed = fixture();
    withChange(renamed, 'states.notice.meta.objectionEvent', 'APPEAL');
    withChange(renamed, 'states.notice.on', { APPEAL: { target: 'review', meta: { title } } });
    expect(checkWorkflow(renamed).ok).toBe(true);
  });

  it('keeps objectionEvent to notice states', () => {
    expect(codes(changed('states.review.meta.objectionEvent', 'OBJECTION'))).toEqual(['INVALID_META']);
  });

  it('needs editable fields to be JSON pointers', () => {
    const e = only(changed('states.review.meta.editable', ['/grade', 'grade']), 'INVALID_EDITABLE');
    expect(e.message).toBe('State "review": meta.editable entry "grade" is not a JSON pointer like "/housingGrade"');
    expect(errorsOf(changed('states.review.meta.editable', ['grade', 3]))).toHaveLength(2);
  });

  it('refuses unknown keys on states and warns about unknown top-level keys', () => {
    expect(only(changed('states.review.color', 'red'), 'UNKNOWN_KEY').message).toBe('State "review": unknown key "color"');
    expect(only(changed('states.review.constructor', 'x'), 'UNKNOWN_KEY').state).toBe('review');
    const report = checkWorkflow(changed('predictableActionArguments', true));
    expect(report.ok).toBe(true);
    expect(report.warnings.map((w) => w.code)).toEqual(['UNKNOWN_KEY']);
  });
});
