import { describe, expect, it } from 'vitest';
import { diffVersions, formFieldFacts } from './version-diff.js';
import { loadExample } from './examples.js';

describe('diffVersions', () => {
  const ex = loadExample('dibao');

  it('finds nothing between a version and itself', () => {
    expect(diffVersions(ex, structuredClone(ex))).toEqual({ fields: [], states: [], transitions: [] });
  });

  it('names the aspects of fields, states and transitions that changed', () => {
    const to = structuredClone(ex) as any;
    const [first] = Object.keys(to.formSchema.properties);
    to.formSchema.properties[first!].title = '新标题';
    to.formSchema.properties.remark = { type: 'string', title: '备注' };
    to.workflow.states.village_appraisal.meta.roles = ['work_team'];
    to.workflow.states.village_appraisal.on.APPROVE.guard = { type: 'rule', params: { rule: { '>': [{ var: 'householdSize' }, 0] } } };
    delete to.workflow.states.village_appraisal.on.RETURN;
    const d = diffVersions(ex, to);
    expect(d.fields).toEqual([
      expect.objectContaining({ change: 'changed', pointer: `/${first}`, aspects: ['title'], after: expect.objectContaining({ title: '新标题' }) }),
      expect.objectContaining({ change: 'added', pointer: '/remark' }),
    ]);
    expect(d.states).toEqual([expect.objectContaining({ change: 'changed', state: 'village_appraisal', aspects: ['roles'] })]);
    expect(d.transitions).toEqual([
      expect.objectContaining({ change: 'changed', state: 'village_appraisal', event: 'APPROVE', aspects: ['guard'] }),
      expect.objectContaining({ change: 'removed', state: 'village_appraisal', event: 'RETURN' }),
    ]);
  });

  it('walks nested objects, arrays and local references', () => {
    const facts = formFieldFacts({
      type: 'object', required: ['head'], $defs: { person: { type: 'object', required: ['name'], properties: { name: { type: 'string', title: '姓名' } } } },
      properties: { head: { $ref: '#/$defs/person' }, members: { type: 'array', items: { $ref: '#/$defs/person' } } },
    });
    expect([...facts.keys()]).toEqual(['/head', '/head/name', '/members', '/members/*', '/members/*/name']);
    expect(facts.get('/head')!.required).toBe(true);
    expect(facts.get('/members/*/name')).toEqual({ required: true, title: '姓名', type: 'string' });
  });
});
