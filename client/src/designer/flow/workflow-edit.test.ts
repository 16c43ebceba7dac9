import { describe, expect, it } from 'vitest';
import { docExample } from '../../../../test/helpers/doc-example';
import { addState, addTransition, formPointers, quorumOf, setStateMeta, setTransition } from './workflow-edit';
import { dueOf, noticeOf, reviewOf, setDue, setNotice, setReview } from './state-settings';
import { effectsOf, prefillOf, prefillValuesFor, schemaFieldOptions, setEffects, setPrefill, setRegisterLink } from './effects-model';
import { addAlternative, alternativesOf, guardModelOf, modelFromRule, ruleFromModel, setAlternatives, withEdits } from './guard-model';
import { unrepresented } from './flow-coverage';

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

  it('renames a guarded event in every alternative and keeps them', () => {
    let wf = addTransition(base, 'review', 'APPROVE', 'draft', { zh: '通过', en: 'Approve' });
    let alts = alternativesOf(wf, 'review', 'APPROVE')!;
    alts = [{ ...alts[0]!, guard: { mode: 'all', conditions: [{ field: 'amount', op: '<=', value: '1000' }] } }];
    alts = addAlternative(alts, 'review');
    wf = setAlternatives(wf, 'review', 'APPROVE', alts);
    wf = setTransition(wf, 'review', 'APPROVE', { meta: { title: { zh: '审核通过', en: 'Approve' } } });
    expect((wf.states as any).review.on.APPROVE).toEqual([
      { target: 'draft', guard: { type: 'rule', params: { rule: { '<=': [{ var: 'amount' }, 1000] } } }, meta: { title: { zh: '审核通过', en: 'Approve' } } },
      { target: 'review', meta: { title: { zh: '审核通过', en: 'Approve' } } },
    ]);
  });

  it('sets a due date of each kind, one at a time', () => {
    let wf = setDue(base, 'review', { mode: 'in', dueIn: 'P15D' });
    expect((wf.states as any).review.meta).toMatchObject({ dueIn: 'P15D' });
    wf = setDue(wf, 'review', { mode: 'field', field: '/deadline' });
    expect((wf.states as any).review.meta.dueIn).toBeUndefined();
    expect(dueOf(wf, 'review')).toEqual({ mode: 'field', field: '/deadline' });
    wf = setDue(wf, 'review', { mode: 'annual', annual: '04-15' });
    expect((wf.states as any).review.meta.dueDate).toEqual({ annual: '04-15' });
    wf = setDue(wf, 'review', { mode: 'none' });
    expect(Object.keys((wf.states as any).review.meta)).toEqual(['kind', 'title']);
    expect(dueOf(setStateMeta(base, 'review', { dueIn: 'P1D', dueDate: { annual: '01-01' } }), 'review')).toBeNull();
  });

  it('sets and removes a recurring review; a review with unknown keys stays JSON', () => {
    const r = { every: 'P2M', title: { zh: '走访', en: 'Visit' }, roles: ['village_committee'], events: ['VISITED'], dueIn: 'P15D' };
    let wf = setReview(base, 'review', r);
    expect(reviewOf(wf, 'review')).toEqual(r);
    wf = setReview(wf, 'review', null);
    expect(reviewOf(wf, 'review')).toBeNull();
    expect(reviewOf(setStateMeta(base, 'review', { review: { ...r, extra: 1 } }), 'review')).toBe('json');
    const noted = setStateMeta(base, 'review', { review: { ...r, description: '每两月一次' } });
    expect(setReview(noted, 'review', reviewOf(noted, 'review') as typeof r)).toEqual(noted);
  });

  it('edits a notice: the period keeps its timer title, renaming the objection event moves its transition', () => {
    let wf = setStateMeta(base, 'review', { kind: 'notice' });
    wf = { ...wf, states: { ...(wf.states as any), review: { ...(wf.states as any).review, after: { P7D: { target: 'draft', meta: { title: { zh: '期满', en: 'Ends' } } } }, on: { OBJECTION: { target: 'draft' } } } } };
    const n = noticeOf(wf, 'review')!;
    expect(n).toEqual({ delay: 'P7D', target: 'draft', objectionEvent: 'OBJECTION', objectionTarget: 'draft' });
    wf = setNotice(wf, 'review', { ...n, delay: 'P10D', objectionEvent: 'OBJECT' });
    const s = (wf.states as any).review;
    expect(s.after).toEqual({ P10D: { target: 'draft', meta: { title: { zh: '期满', en: 'Ends' } } } });
    expect(s.on).toEqual({ OBJECT: { target: 'draft' } });
    expect(s.meta.objectionEvent).toBe('OBJECT');
  });

  it('writes effects from rows and drops the kind with the last one', () => {
    let wf = setEffects(base, 'review', { kind: 'monitor', rows: [{ op: 'set', entry: '/status', value: '监测户' }, { op: 'copy', form: '/level', entry: '/riskLevel' }, { op: 'create', pairs: [{ entry: '/head', form: '/head' }] }] });
    expect((wf.states as any).review.meta).toMatchObject({
      effectKind: 'monitor',
      effects: [{ set: '/status', value: '监测户' }, { copy: '/level', to: '/riskLevel' }, { create: { '/head': '/head' } }],
    });
    expect(effectsOf(wf, 'review')!.rows).toHaveLength(3);
    wf = setEffects(wf, 'review', { kind: 'monitor', rows: [] });
    expect((wf.states as any).review.meta.effectKind).toBeUndefined();
    expect(effectsOf(setStateMeta(base, 'review', { effects: [{ set: '/a', value: 1, extra: true }] }), 'review')).toBeNull();
    expect(setRegisterLink(base, { key: 'household', link: 'optional' }).meta).toEqual({ register: { key: 'household', link: 'optional' } });
  });

  it('reads and writes a change kind chosen by a form field; a choice without cases is the fixed kind', () => {
    const rows = [{ op: 'remove' as const, entry: '/members', match: '/idNumber', form: '/member/idNumber' }];
    const by = { field: '/reason', cases: { 死亡: 'member_died' } };
    let wf = setEffects(base, 'review', { kind: 'member_removed', by, rows });
    expect((wf.states as any).review.meta.effectKind).toEqual({ field: '/reason', cases: { 死亡: 'member_died' }, default: 'member_removed' });
    expect(effectsOf(wf, 'review')).toEqual({ kind: 'member_removed', by, rows });
    wf = setEffects(wf, 'review', { kind: 'member_removed', by: { field: '/reason', cases: {} }, rows });
    expect((wf.states as any).review.meta.effectKind).toBe('member_removed');
    expect(effectsOf(setStateMeta(base, 'review', { effectKind: { field: '/reason', cases: { a: 1 }, default: 'x' }, effects: [{ set: '/a', value: 1 }] }), 'review')).toBeNull();
  });

  it('reads and writes the register link’s prefill as rows; no rows removes it', () => {
    const linked = setRegisterLink(base, { key: 'household', link: 'existing' });
    expect(prefillOf(linked)).toEqual([]);
    const wf = setPrefill(linked, [{ form: '/head/name', entry: '/head/name' }, { form: '/size', entry: '/householdSize' }]);
    expect((wf.meta as any).register).toEqual({ key: 'household', link: 'existing', prefill: { '/head/name': '/head/name', '/size': '/householdSize' } });
    expect(prefillOf(wf)).toEqual([{ form: '/head/name', entry: '/head/name' }, { form: '/size', entry: '/householdSize' }]);
    expect((setPrefill(wf, []).meta as any).register).toEqual({ key: 'household', link: 'existing' });
    expect(prefillOf(setPrefill(wf, []))).toEqual([]);
    expect(setPrefill(base, [{ form: '/a', entry: '/b' }])).toEqual(base); // no link, nothing to prefill
    const odd = structuredClone(wf) as any;
    odd.meta.register.prefill = { '/a': 1 };
    expect(prefillOf(odd)).toBeNull();
    expect(unrepresented(odd)).toContain('/meta/register/prefill');
    expect(unrepresented(wf)).not.toContain('/meta/register/prefill');
  });

  it('keeps a prefill’s value map as a row’s values, and writes a row without one as a plain pointer', () => {
    const linked = setRegisterLink(base, { key: 'household', link: 'existing' });
    const values = { 建档立卡户: '建档立卡贫困户', 监测户: '脱贫监测户' };
    const wf = setPrefill(linked, [{ form: '/householdStatus', entry: '/status', values }, { form: '/head/name', entry: '/head/name', values: {} }]);
    expect((wf.meta as any).register.prefill).toEqual({ '/householdStatus': { from: '/status', values }, '/head/name': '/head/name' });
    expect(prefillOf(wf)).toEqual([{ form: '/householdStatus', entry: '/status', values }, { form: '/head/name', entry: '/head/name' }]);
    expect(unrepresented(wf)).not.toContain('/meta/register/prefill');
    const odd = structuredClone(wf) as any;
    odd.meta.register.prefill['/householdStatus'].values = { 监测户: { x: 1 } };
    expect(prefillOf(odd)).toBeNull();
  });

  it('offers a value map only where the register may hold a value the form lacks, matching the same values', () => {
    const status = { pointer: '/status', title: '户类别', enum: ['一般户', '建档立卡户', '监测户', '低保户'] };
    const form = { pointer: '/householdStatus', title: '家庭类别', enum: ['低保户', '建档立卡贫困户', '脱贫监测户', '其他'] };
    const pair = { form: form.pointer, entry: status.pointer };
    expect(prefillValuesFor(pair, form, status)).toEqual({ 低保户: '低保户' });
    expect(prefillValuesFor({ ...pair, values: { 监测户: '脱贫监测户', 一般户: '不存在' } }, form, status)).toEqual({ 监测户: '脱贫监测户', 低保户: '低保户' });
    expect(prefillValuesFor(pair, { ...form, enum: [...status.enum, '其他'] }, status)).toBeUndefined();
    expect(prefillValuesFor(pair, { pointer: '/note', title: '备注' }, status)).toBeUndefined();
  });

  it('names what only the JSON tab can edit', () => {
    const wf = setStateMeta(base, 'review', { description: 'x', review: { every: 'P1M', foo: 1 } });
    (wf.states as any).review.on = { GO: { target: 'draft', guard: { type: 'rule', params: { rule: { '<': [{ var: 'a' }, { '+': [1, 2] }] } } } } };
    expect(unrepresented(wf)).toEqual(['/states/review/meta/description', '/states/review/meta/review', '/states/review/on/GO/guard']);
  });
});

describe('rule builder', () => {
  it('round-trips comparisons with constants, fields and multiples, all or any', () => {
    const m = { mode: 'any' as const, conditions: [
      { field: 'amount', op: '<=' as const, value: '1000' },
      { field: 'grade', op: 'in' as const, value: 'C,D' },
      { field: 'income', op: '<' as const, value: '', ref: { field: 'line', factor: 1.5 } },
      { field: 'spend', op: '>' as const, value: '', ref: { field: 'lastIncome' } },
    ] };
    const rule = ruleFromModel(m);
    expect(rule).toEqual({ or: [{ '<=': [{ var: 'amount' }, 1000] }, { in: [{ var: 'grade' }, ['C', 'D']] }, { '<': [{ var: 'income' }, { '*': [1.5, { var: 'line' }] }] }, { '>': [{ var: 'spend' }, { var: 'lastIncome' }] }] });
    expect(modelFromRule(rule)).toEqual(m);
    expect(modelFromRule({ '<': [{ var: 'a' }, { '+': [1, { var: 'b' }] }] })).toBeNull();
    // a number written as text would come back a number: the JSON keeps it
    expect(modelFromRule({ '==': [{ var: 'code' }, '1000'] })).toBeNull();
    expect(modelFromRule({ and: [{ '==': [{ var: 'a' }, 1] }] })).toBeNull();
  });

  it('keeps message and paths, and points the paths at the compared fields when edited', () => {
    const g = { type: 'rule', params: { rule: { '<=': [{ var: 'amount' }, 1000] } }, message: { zh: '超过上限', en: 'Over the cap' }, paths: ['/amount'] };
    const m = guardModelOf(g)!;
    expect(m.paths).toEqual(['/amount']);
    const edited = withEdits(m, { conditions: [...m.conditions, { field: 'head.size', op: '>=', value: '1' }] });
    expect(edited.paths).toEqual(['/amount', '/head/size']);
    expect(guardModelOf({ ...g, type: 'quorum' })).toBeNull();
  });

  it('reads the household as $entry: its rule round-trips and its fields are never paths (they are not on the form)', () => {
    const g = docExample('docs/registers.md', 'entry_guard');
    const m = guardModelOf(g)!;
    expect(m.conditions).toEqual([{ field: '$entry.status', op: 'in', value: '建档立卡户,监测户' }]);
    expect(ruleFromModel(m)).toEqual(g.params.rule);
    const edited = withEdits(m, { conditions: [...m.conditions, { field: 'perCapitaIncome', op: '>=', value: '4000' }] });
    expect(edited.paths).toEqual(['/perCapitaIncome']);
    expect(withEdits(m, { message: { zh: '只限建档立卡户', en: 'Registered households only' } }).paths).toBeUndefined();
  });

  it('lists form fields as pointers, with titles and enums for pickers', () => {
    const schema = { type: 'object', properties: { a: { type: 'string', title: 'A', enum: ['x'] }, m: { type: 'array', items: { type: 'object', properties: { n: { type: 'string' } } } } } };
    expect(formPointers(schema)).toEqual(['/a', '/m', '/m/*', '/m/*/n']);
    expect(schemaFieldOptions(schema)).toEqual([{ pointer: '/a', title: 'A', type: 'string', enum: ['x'] }, { pointer: '/m', title: 'm', type: 'array' }]);
    // For the prefill's list pairs: the items' fields, under the list's title.
    expect(schemaFieldOptions(schema, 400, true).map((f) => [f.pointer, f.title])).toEqual([['/a', 'A'], ['/m', 'm'], ['/m/*/n', 'm › n']]);
  });
});
