import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { act, createApp } from '../helpers/programmes.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

const read = (f: string) => JSON.parse(fs.readFileSync(`docs/examples/${f}`, 'utf8'));

describe('the worked example in docs/programme-authoring.md', () => {
  it('publishes as the guide says and takes an application', async () => {
    const designer = await s.login('designer');
    const form = read('welfare-job.form.json');
    const workflow = read('welfare-job.workflow.json');
    expect((await s.gql('mutation { createProgramme(input: { key: "welfare-job", name: "公益岗位聘用", nameEn: "Public-welfare job", regionCode: "130636000000" }) { key } }', {}, designer)).errors).toBeUndefined();
    const check = await s.gql('query ($w: JSON!) { checkWorkflow(workflow: $w) { ok errors { message } warnings { message } } }', { w: workflow }, designer);
    expect(check.data.checkWorkflow).toMatchObject({ ok: true, errors: [] });
    const saved = await s.gql('mutation ($f: JSON!, $u: JSON, $w: JSON!) { saveProgrammeDraft(key: "welfare-job", formSchema: $f, uiSchema: $u, workflow: $w) { number status } }', { f: form.formSchema, u: form.uiSchema, w: workflow }, designer);
    expect(saved.data.saveProgrammeDraft).toEqual({ number: 1, status: 'draft' });
    expect((await s.gql('mutation { publishProgramme(key: "welfare-job") { status } }', {}, designer)).data.publishProgramme.status).toBe('published');

    const data = { applicant: { name: '李护林', idNumber: makeIdCard('130636', '19700315', '211'), phone: '13912345678' }, post: 'forest_ranger', annualPay: 4200, capacity: '有' };
    const app = await createApp(s, 'dongjie_cadre', 'welfare-job', '130636100201', data);
    const wrong = await s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { state } }', { id: app.id, v: app.version }, await s.login('dongjie_cadre'));
    expect(wrong.errors![0].extensions!.problems!.map((p) => p.path)).toEqual(['/annualPay']);
    const fixed = await s.gql('mutation($id: ID!, $d: JSON!, $v: Int!) { saveApplication(id: $id, data: $d, expectedVersion: $v) { version } }', { id: app.id, d: { ...data, annualPay: 10000 }, v: app.version }, await s.login('dongjie_cadre'));
    const submitted = await s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { state version reference } }', { id: app.id, v: fixed.data.saveApplication.version }, await s.login('dongjie_cadre'));
    expect(submitted.data.submitApplication.state).toBe('village_review');
    expect(submitted.data.submitApplication.reference).toMatch(/^130636-WELFAREJOB-/);
    const approved = await act(s, 'dongjie_cadre', { id: app.id, version: submitted.data.submitApplication.version }, 'APPROVE');
    expect(approved.data!.transitionApplication.status).toBe('UNDER_NOTICE');
  });
});
