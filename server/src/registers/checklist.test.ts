import { describe, expect, it } from 'vitest';
import { checkChecklistAgainst, checkDossierSettings, itemReferenceSql, normaliseDossier } from './checklist.js';
import { SqlParams } from './register.policy.js';

const item = { key: 'notice', title: '公示记录', programme: 'dibao', reachedState: 'village_notice' };

describe('the completeness checklist', () => {
  it('accepts none, an empty list and well-formed items', () => {
    expect(checkDossierSettings(undefined)).toEqual([]);
    expect(checkDossierSettings({ checklist: [] })).toEqual([]);
    expect(checkDossierSettings({ checklist: [item, { key: 'proof', title: '收入证明', programme: 'dibao', attachment: '/reason/proof' }] })).toEqual([]);
  });

  it('locates every shape problem with a Chinese and an English message', () => {
    const problems = checkDossierSettings({ checklist: [
      { ...item, event: 'APPROVE' },
      { key: 'notice', title: '', programme: 'Dibao!', attachment: '/members/*/proof', colour: 'red' },
    ] });
    expect(problems.map((p) => p.path)).toEqual([
      '/dossier/checklist/0', '/dossier/checklist/1/colour', '/dossier/checklist/1/key', '/dossier/checklist/1/title', '/dossier/checklist/1/programme', '/dossier/checklist/1/attachment',
    ]);
    for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
    expect(checkDossierSettings({ checklist: 'x' })[0]!.path).toBe('/dossier/checklist');
  });

  it('checks items against the programmes that exist, and accepts those not defined yet', () => {
    const dibao = { states: new Set(['draft', 'village_notice']), events: new Set(['SUBMIT']), hasField: (p: string) => p === '/reason/proof' };
    const list = normaliseDossier({ checklist: [item, { key: 'x', title: '缺', programme: 'dibao', event: 'PAY' }, { key: 'y', title: '新', programme: 'later', reachedState: 'any' }] })!.checklist;
    expect(checkChecklistAgainst(list, new Map([['dibao', dibao]])).map((p) => p.path)).toEqual(['/dossier/checklist/1/event']);
  });

  it('compiles an item to one EXISTS per condition, with its values as parameters', () => {
    const params = new SqlParams();
    const sql = itemReferenceSql({ key: 'proof', title: '证明', programme: 'dibao', attachment: '/reason/proof' }, 'e', params);
    expect(sql).toContain('a.programme_key = $1');
    expect(sql).toContain('a.data #>> $2::text[]');
    expect(params.values).toEqual(['dibao', '{"reason","proof"}']);
  });
});
