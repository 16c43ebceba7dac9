import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

/** The ```json <name> block of docs/registers.md, parsed exactly as written. */
function block(name: string): any {
  const doc = fs.readFileSync('docs/registers.md', 'utf8');
  const match = new RegExp('```json ' + name + '\\n([\\s\\S]*?)\\n```').exec(doc);
  if (!match) throw new Error(`docs/registers.md has no json ${name} block`);
  return JSON.parse(match[1]!);
}

describe('the worked example in docs/registers.md', () => {
  it('publishes as the guide says, records the household and its change', async () => {
    const designer = await s.login('designer');
    const created = await s.gql('mutation { createRegister(input: { key: "relocation", name: "易地扶贫搬迁户台账", nameEn: "Relocated households", regionCode: "130636000000" }) { key } }', {}, designer);
    expect(created.errors).toBeUndefined();
    const saved = await s.gql('mutation($d: RegisterDefinitionInput!) { saveRegisterDraft(key: "relocation", definition: $d) { number status } }', { d: block('definition') }, designer);
    expect(saved.data).toEqual({ saveRegisterDraft: { number: 1, status: 'draft' } });
    expect((await s.gql('mutation { publishRegister(key: "relocation") { status } }', {}, designer)).data.publishRegister.status).toBe('published');

    const cadre = await s.login('dongjie_cadre');
    const entry = block('entry');
    const r = await s.gql('mutation($d: JSON!) { createRegisterEntry(registerKey: "relocation", regionCode: "130636100201", data: $d, kind: "new") { id version key statusTitle statusColor persons { name role pointer } } }', { d: entry }, cadre);
    expect(r.errors).toBeUndefined();
    const e = r.data.createRegisterEntry;
    expect(e).toMatchObject({ version: 1, key: '130636197203150018', statusTitle: '待搬迁', statusColor: 'orange' });
    expect(e.persons).toEqual([
      { name: '郭德明', role: 'head', pointer: '/head/idNumber' },
      { name: '何春花', role: 'member', pointer: '/members/1/idNumber' },
    ]);
    const moved = await s.gql('mutation($id: ID!, $d: JSON!) { updateRegisterEntry(id: $id, data: $d, expectedVersion: 1, kind: "moved_in") { version changes { seq kind changes { path before after } } } }',
      { id: e.id, d: { ...entry, status: '已入住', settlement: '县城幸福家园小区' } }, cadre);
    expect(moved.errors).toBeUndefined();
    expect(moved.data.updateRegisterEntry.changes[1]).toEqual({ seq: 2, kind: 'moved_in', changes: block('change') });

    const again = await s.gql('mutation($d: JSON!) { createRegisterEntry(registerKey: "relocation", regionCode: "130636100201", data: $d, kind: "new") { id } }', { d: entry }, cadre);
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'DUPLICATE' });
    expect(again.errors![0]!.message).toContain('郭德明');
    const wife = await s.gql('mutation($d: JSON!) { createRegisterEntry(registerKey: "relocation", regionCode: "130636100201", data: $d, kind: "new") { id } }', {
      d: { head: { name: '何大成', idNumber: '130636195001010018' }, status: '待搬迁', members: [{ name: '何春花', idNumber: '130636197406210025', relation: '其他' }] },
    }, cadre);
    expect(codeOf(wife)).toBe('BAD_USER_INPUT');
    expect(wife.errors![0]!.extensions!.messageZh).toContain('郭德明');
  });

  it('a programme confirms the move and marks the household, as the section on programmes says', async () => {
    const designer = await s.login('designer');
    const cadre = await s.login('dongjie_cadre');
    const headId = makeIdCard('130636', '19660909', '031');
    const household = await s.gql('mutation($d: JSON!) { createRegisterEntry(registerKey: "relocation", regionCode: "130636100201", data: $d, kind: "new") { id } }', {
      d: { head: { name: '孙有田', idNumber: headId }, status: '待搬迁', members: [{ name: '孙有田', idNumber: headId, relation: '户主' }] },
    }, cadre);
    expect(household.errors).toBeUndefined();
    const entryId = household.data.createRegisterEntry.id;

    expect((await s.gql('mutation { createProgramme(input: { key: "relocation_move", name: "搬迁入住确认", regionCode: "130636000000" }) { key } }', {}, designer)).errors).toBeUndefined();
    const saved = await s.gql('mutation($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "relocation_move", formSchema: $f, workflow: $w) { number } }', { f: block('effect_form'), w: block('effect_workflow') }, designer);
    expect(saved.errors).toBeUndefined();
    expect((await s.gql('mutation { publishProgramme(key: "relocation_move") { number } }', {}, designer)).errors).toBeUndefined();

    const filed = await s.gql('mutation($e: ID) { createApplication(programmeKey: "relocation_move", regionCode: "130636100201", data: { settlement: "县城幸福家园小区" }, entryId: $e) { id version reference data } }', { e: entryId }, cadre);
    expect(filed.errors).toBeUndefined();
    const app = filed.data.createApplication;
    expect(app.data).toEqual({ settlement: '县城幸福家园小区', head: { name: '孙有田' } });
    const submitted = await s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { version } }', { id: app.id, v: app.version }, cadre);
    expect(submitted.errors).toBeUndefined();
    const confirmed = await s.gql('mutation($id: ID!, $v: Int!) { transitionApplication(id: $id, event: "CONFIRM", expectedVersion: $v) { state } }', { id: app.id, v: submitted.data.submitApplication.version }, await s.login('puyang_reviewer'));
    expect(confirmed.data).toEqual({ transitionApplication: { state: 'moved_in' } });

    const after = await s.gql('query($id: ID!) { registerEntry(id: $id) { status data changes(last: 1) { kind applicationReference changes { path before after } } } }', { id: entryId }, cadre);
    expect(after.data.registerEntry.status).toBe('已入住');
    expect(after.data.registerEntry.data.settlement).toBe('县城幸福家园小区');
    expect(after.data.registerEntry.changes).toEqual([{
      kind: 'moved_in', applicationReference: app.reference,
      changes: [{ path: '/status', before: '待搬迁', after: '已入住' }, { path: '/settlement', before: null, after: '县城幸福家园小区' }],
    }]);
  });

  it('moves a person in and removes a member through a programme, as the members example says', async () => {
    const designer = await s.login('designer');
    const cadre = await s.login('dongjie_cadre');
    const reviewer = await s.login('puyang_reviewer');
    const guo = (await s.gql('query { person(idNumber: "130636197203150018", registerKey: "relocation") { entryId } }', {}, cadre)).data.person.entryId;
    const he = await s.gql('mutation($d: JSON!) { createRegisterEntry(registerKey: "relocation", regionCode: "130636100201", data: $d, kind: "new") { id version } }', { d: block('members_household') }, cadre);
    expect(he.errors).toBeUndefined();
    const heId = he.data.createRegisterEntry.id;

    expect((await s.gql('mutation { createProgramme(input: { key: "relocation_members", name: "搬迁户成员变动", regionCode: "130636000000" }) { key } }', {}, designer)).errors).toBeUndefined();
    const saved = await s.gql('mutation($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "relocation_members", formSchema: $f, workflow: $w) { number } }', { f: block('members_form'), w: block('members_workflow') }, designer);
    expect(saved.errors).toBeUndefined();
    expect((await s.gql('mutation { publishProgramme(key: "relocation_members") { number } }', {}, designer)).errors).toBeUndefined();

    const changesOf = async (id: string) => (await s.gql('query($id: ID!) { registerEntry(id: $id) { version changes(last: 1) { kind comment applicationReference changes { path before after } } } }', { id }, cadre)).data.registerEntry;
    const fileAndSubmit = async (data: unknown) => {
      const filed = await s.gql('mutation($d: JSON, $e: ID) { createApplication(programmeKey: "relocation_members", regionCode: "130636100201", data: $d, entryId: $e) { id version reference } }', { d: data, e: guo }, cadre);
      expect(filed.errors).toBeUndefined();
      const app = filed.data.createApplication;
      const submitted = await s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { version } }', { id: app.id, v: app.version }, cadre);
      expect(submitted.errors).toBeUndefined();
      return { ...app, version: submitted.data.submitApplication.version };
    };
    const approve = (app: { id: string; version: number }) => s.gql('mutation($id: ID!, $v: Int!) { transitionApplication(id: $id, event: "APPROVE", expectedVersion: $v) { state } }', { id: app.id, v: app.version }, reviewer);

    const before = [await changesOf(guo), await changesOf(heId)];
    const moveIn = await fileAndSubmit({ reason: '迁入', person: { name: '何小梅', idNumber: '130636197811120242', relation: '其他' } });
    expect([await changesOf(guo), await changesOf(heId)]).toEqual(before); // neither file changes before approval
    expect((await approve(moveIn)).data).toEqual({ transitionApplication: { state: 'moved_in' } });
    expect((await changesOf(guo)).changes).toEqual([{ kind: 'members', comment: null, applicationReference: moveIn.reference, changes: block('members_moved_in') }]);
    expect((await changesOf(heId)).changes).toEqual([{ kind: 'members', comment: '成员迁往「郭德明」户', applicationReference: moveIn.reference, changes: block('members_moved_out') }]);
    expect((await s.gql('query { person(idNumber: "130636197811120242", registerKey: "relocation") { entryId } }', {}, cadre)).data.person.entryId).toBe(guo);

    const leave = await fileAndSubmit({ reason: '迁出', person: { name: '何春花', idNumber: '130636197406210025', relation: '配偶' } });
    expect((await approve(leave)).data).toEqual({ transitionApplication: { state: 'left' } });
    expect((await changesOf(guo)).changes).toEqual([{ kind: 'members', comment: null, applicationReference: leave.reference, changes: block('members_removed') }]);

    const head = await fileAndSubmit({ reason: '死亡', person: { name: '郭德明', idNumber: '130636197203150018', relation: '户主' } });
    const refused = await approve(head);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'REMOVE_HEAD' });
  });
});
