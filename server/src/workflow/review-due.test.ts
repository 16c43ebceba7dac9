/** The checker and engine for recurring reviews and due dates (docs/workflow-format.md). */
import { describe, expect, it } from 'vitest';
import { checkWorkflow } from './definition.js';
import { compileWorkflow } from './engine.js';
import { dueAt, endOfDay, occurrenceAt } from './due.js';
import { fixture, withChange } from './workflow.fixture.js';

const title = { zh: '定期走访', en: 'Follow-up visit' };
const review = { every: 'P2M', title, roles: ['verifier'], events: ['VERIFY'] };
const withReview = (r: unknown) => withChange(fixture(), 'states.verification.meta.review', r);
// The built-in roles these fixtures use (the catalogue comes from the database in the service).
const knownRoles = new Set(['village_committee', 'township_reviewer', 'county_office', 'verifier', 'work_team']);
const errors = (def: unknown) => checkWorkflow(def, { knownRoles }).errors.map(({ code, path, message }) => ({ code, path, message }));

describe('meta.review', () => {
  it('accepts a review on a task state, with a named period and its own dueIn', () => {
    expect(checkWorkflow(withReview(review)).errors).toEqual([]);
    expect(checkWorkflow(withReview({ ...review, every: 'NOTICE_PERIOD', dueIn: 'P15D' })).errors).toEqual([]);
    const wf = compileWorkflow(withReview({ ...review, dueIn: 'P15D' }));
    expect(wf.stateInfo('verification').review).toEqual({ every: 'P2M', ms: 60 * 86_400_000, title, roles: ['verifier'], events: ['VERIFY'], dueInMs: 15 * 86_400_000 });
  });

  it('refuses bad and out-of-bounds periods, naming the value with a pointer', () => {
    expect(errors(withReview({ ...review, every: 'P2X' }))).toEqual([{
      code: 'INVALID_REVIEW', path: '/states/verification/meta/review/every',
      message: 'State "verification": meta.review.every: "P2X" is neither an ISO-8601 duration (like "P2M") nor a name in meta.delays',
    }]);
    expect(errors(withReview({ ...review, every: 'PT0.5S' }))[0]).toMatchObject({ path: '/states/verification/meta/review/every', message: expect.stringContaining('shorter than 1 second') });
    expect(errors(withReview({ ...review, every: 'P6Y' }))[0]!.message).toContain('longer than 5 years');
    expect(errors(withReview({ ...review, dueIn: 7 }))[0]).toMatchObject({ path: '/states/verification/meta/review/dueIn' });
  });

  it('refuses unknown roles, roles that cannot answer, events not in "on", a missing title and unknown keys', () => {
    expect(errors(withReview({ ...review, roles: ['inspector_general'] }))).toEqual([{
      code: 'UNKNOWN_ROLE', path: '/states/verification/meta/review/roles/0', message: 'State "verification": meta.review.roles: unknown role "inspector_general"',
    }]);
    expect(errors(withReview({ ...review, roles: ['county_office'] }))[0]).toMatchObject({
      code: 'INVALID_REVIEW', path: '/states/verification/meta/review/roles/0', message: expect.stringContaining('may send none of the review\'s events'),
    });
    expect(errors(withReview({ ...review, events: ['VISITED'] }))[0]).toMatchObject({ path: '/states/verification/meta/review/events/0', message: expect.stringContaining('"VISITED", which is not in this state\'s "on"') });
    expect(errors(withReview({ ...review, events: [] }))[0]).toMatchObject({ path: '/states/verification/meta/review/events' });
    expect(errors(withReview({ ...review, title: { zh: '走访' } }))[0]).toMatchObject({ path: '/states/verification/meta/review/title' });
    expect(errors(withReview({ ...review, every2: 'P1M' }))[0]).toMatchObject({ path: '/states/verification/meta/review/every2' });
    expect(errors(withReview('P2M'))[0]).toMatchObject({ code: 'INVALID_REVIEW', path: '/states/verification/meta/review' });
  });

  it('is for task states only', () => {
    const def = withChange(fixture(), 'states.notice.meta.review', { ...review, roles: ['township_reviewer'], events: ['OBJECTION'] });
    expect(errors(def).map((e) => e.message)).toContain('State "notice": only task states have a recurring review (this one is "notice")');
    expect(errors(withChange(fixture(), 'states.approved.meta.review', review))[0]).toMatchObject({ code: 'INVALID_REVIEW', path: '/states/approved/meta/review' });
  });
});

describe('meta.dueIn and meta.dueDate', () => {
  const due = (path: string, value: unknown) => withChange(fixture(), `states.review.meta.${path}`, value);

  it('accepts a duration, a named delay, a form field and an annual day', () => {
    for (const def of [due('dueIn', 'P5D'), due('dueIn', 'NOTICE_PERIOD'), due('dueDate', { field: '/plan/deadline' }), due('dueDate', { annual: '04-15' })]) {
      expect(checkWorkflow(def).errors).toEqual([]);
    }
    expect(compileWorkflow(due('dueIn', 'P5D')).stateInfo('review').due).toEqual({ ms: 5 * 86_400_000 });
    expect(compileWorkflow(due('dueDate', { annual: '04-15' })).stateInfo('review').due).toEqual({ annual: '04-15' });
  });

  it('refuses bad values with pointers', () => {
    expect(errors(due('dueIn', 'soon'))).toEqual([{ code: 'INVALID_DUE', path: '/states/review/meta/dueIn', message: 'State "review": meta.dueIn: "soon" is neither an ISO-8601 duration (like "P2M") nor a name in meta.delays' }]);
    expect(errors(due('dueIn', 'P10Y'))[0]!.message).toContain('longer than 5 years');
    expect(errors(due('dueDate', { field: 'planDeadline' }))[0]).toMatchObject({ path: '/states/review/meta/dueDate/field' });
    expect(errors(due('dueDate', { annual: '02-29' }))[0]).toMatchObject({ path: '/states/review/meta/dueDate/annual' });
    expect(errors(due('dueDate', { annual: '13-01' }))[0]).toMatchObject({ path: '/states/review/meta/dueDate/annual' });
    expect(errors(due('dueDate', { on: '2027-04-15' }))[0]).toMatchObject({ path: '/states/review/meta/dueDate' });
    const both = withChange(due('dueIn', 'P5D'), 'states.review.meta.dueDate', { annual: '04-15' });
    expect(errors(both)[0]).toMatchObject({ message: 'State "review": give meta.dueIn or meta.dueDate, not both' });
    expect(errors(withChange(fixture(), 'states.approved.meta.dueIn', 'P5D'))[0]).toMatchObject({ code: 'INVALID_DUE', path: '/states/approved/meta/dueIn' });
  });
});

describe('due dates', () => {
  const entered = new Date('2026-12-02T01:00:00Z');

  it('count dueIn from entering the state', () => {
    expect(dueAt({ ms: 86_400_000 }, {}, entered)).toEqual(new Date('2026-12-03T01:00:00Z'));
    expect(dueAt(undefined, {}, entered)).toBeNull();
  });

  it('read a form date as the end of that day in China Standard Time', () => {
    expect(dueAt({ field: '/plan/deadline' }, { plan: { deadline: '2027-04-15' } }, entered)).toEqual(new Date('2027-04-15T15:59:59.999Z'));
    expect(dueAt({ field: '/at' }, { at: '2027-04-15T08:00:00+08:00' }, entered)).toEqual(new Date('2027-04-15T00:00:00Z'));
    for (const bad of [undefined, '', '2027-02-30', '15/04/2027', 20270415]) expect(dueAt({ field: '/d' }, { d: bad }, entered)).toBeNull();
    expect(endOfDay('2027-02-28')).toEqual(new Date('2027-02-28T15:59:59.999Z'));
  });

  it('take the next annual day on or after entering the state', () => {
    expect(dueAt({ annual: '04-15' }, {}, entered)).toEqual(new Date('2027-04-15T15:59:59.999Z'));
    expect(dueAt({ annual: '12-02' }, {}, entered)).toEqual(new Date('2026-12-02T15:59:59.999Z'));
    // Late on 2 December in China (after 16:00 UTC it is 3 December there) the next one is a year on.
    expect(dueAt({ annual: '12-02' }, {}, new Date('2026-12-02T16:30:00Z'))).toEqual(new Date('2027-12-02T15:59:59.999Z'));
  });

  it('number review occurrences by the periods elapsed since entering the state', () => {
    const day = 86_400_000;
    expect(occurrenceAt(entered, day, new Date(entered.getTime() + day))).toBe(1);
    expect(occurrenceAt(entered, day, new Date(entered.getTime() + 3.5 * day))).toBe(3);
  });
});
