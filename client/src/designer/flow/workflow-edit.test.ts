import { describe, expect, it } from 'vitest';
import { addState, addTransition, conditionsFromRule, formPointers, quorumOf, ruleFromConditions, setNoticePeriod, setStateMeta, setTransition } from './workflow-edit';

const base = {
  id: 'x', initial: 'draft',
  states: { draft: { meta: { kind: 'draft', title: { zh: '填报', en: 'Draft' } }, on: { SUBMIT: 'review' } }, review: { meta: { kind: 'task', title: { zh: '审核', en: 'Review' } }, on: {} } },
};

describe('workflow edits', () => {
  it('adds states and transitions without touching the input', () => {
    const before = structuredClone(base);
    let wf = addState(base, 'done', 'final', { zh: '完成', en: 'Done' });
    wf = addTransition(wf, 'review', 'APPROVE', 'done', { zh: '通过', en: 'Approve' });
    expect(base).toEqual(before);
    expect(wf.states).toMatchObject({
      done: { type: 'final', meta: { kind: 'final', outcome: 'approved' } },
      review: { on: { APPROVE: { target: 'done', meta: { title: { zh: '通过', en: 'Approve' } } } } },
    });
  });

  it('turns a quorum into the two alternatives and back', () => {
    let wf = addTransition(base, 'review', 'VERIFY', 'draft', { zh: '核实', en: 'Verify' });
    wf = setTransition(wf, 'review', 'VERIFY', { quorum: 3 });
    expect((wf.states as any).review.on.VERIFY).toEqual([
      { target: 'draft', meta: { title: { zh: '核实', en: 'Verify' } }, guard: { type: 'quorum', params: { count: 3 } } },
      { target: 'review', meta: { title: { zh: '核实', en: 'Verify' } } },
    ]);
    expect(quorumOf(wf, 'review', 'VERIFY')).toBe(3);
    wf = setTransition(wf, 'review', 'VERIFY', { quorum: null });
    expect((wf.states as any).review.on.VERIFY).toEqual({ target: 'draft', meta: { title: { zh: '核实', en: 'Verify' } } });
  });

  it('sets meta, a notice period and a kind change', () => {
    let wf = setStateMeta(base, 'review', { roles: ['township_reviewer'], editable: ['/amount'] });
    wf = setStateMeta(wf, 'review', { kind: 'notice' });
    wf = setNoticePeriod(wf, 'review', 'P7D', 'draft');
    expect((wf.states as any).review).toMatchObject({ meta: { kind: 'notice', roles: ['township_reviewer'], editable: ['/amount'] }, after: { P7D: { target: 'draft' } } });
  });
});

describe('rule builder', () => {
  it('round-trips field comparisons through JSON Logic', () => {
    const conds = [{ field: 'amount', op: '<=' as const, value: '1000' }, { field: 'grade', op: 'in' as const, value: 'C,D' }, { field: 'inspection.passed', op: '==' as const, value: 'true' }];
    const rule = ruleFromConditions(conds);
    expect(rule).toEqual({ and: [{ '<=': [{ var: 'amount' }, 1000] }, { in: [{ var: 'grade' }, ['C', 'D']] }, { '==': [{ var: 'inspection.passed' }, true] }] });
    expect(conditionsFromRule(rule)).toEqual(conds);
    expect(conditionsFromRule({ '<': [{ var: 'a' }, { var: 'b' }] })).toBeNull();
    expect(ruleFromConditions([])).toBeNull();
  });

  it('lists form fields as pointers', () => {
    expect(formPointers({ type: 'object', properties: { a: { type: 'string' }, m: { type: 'array', items: { type: 'object', properties: { n: { type: 'string' } } } } } }))
      .toEqual(['/a', '/m', '/m/*', '/m/*/n']);
  });
});
