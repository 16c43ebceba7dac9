/**
 * A transition with effects on an existing household writes in one statement
 * (registers/effect-statement.ts): the case is read with its household in one statement, and one
 * statement writes the case, its history, the household, its change-log row and the person index. When the
 * household's write cannot be completed (a person held by another household), the statement
 * writes nothing and the transactional path refuses the change as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { statements } from '../helpers/statements.js';
import { codeOf, startTestServer, type GqlResult, type TestServer } from '../helpers/server.js';
import { act, APP_FIELDS, type AppView } from '../helpers/programmes.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';

const DONGJIE = '130636100201'; // 蒲阳镇

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

function ok<T>(r: GqlResult<T>): T {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
}

const ENTRY = 'id version data persons { idNumber role } changes(last: 1) { seq kind applicationReference }';
const entries = async (n: number) => ok(await s.gql<any>(
  `query { registerEntries(filter: { registerKey: "household", regionCode: "${DONGJIE}" }, first: ${n}) { edges { node { ${ENTRY} } } } }`, {}, await s.login('dongjie_cadre'),
)).registerEntries.edges.map((e: any) => e.node);
const entry = async (id: string) => ok(await s.gql<any>(`query($id: ID!) { registerEntry(id: $id) { ${ENTRY} } }`, { id }, await s.login('dongjie_cadre'))).registerEntry;

async function submittedChange(household: any, idNumber: string, reason = '新生儿'): Promise<AppView> {
  const member = { name: '张小禾', idNumber, relation: '孙女', sex: '女', birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}` };
  const created = ok(await s.gql<any>(
    `mutation($r: String!, $d: JSON, $e: ID) { createApplication(programmeKey: "household_change", regionCode: $r, data: $d, entryId: $e) { ${APP_FIELDS} } }`,
    { r: DONGJIE, d: { reason, newMember: member, householdSize: household.data.members.length + 1 }, e: household.id }, await s.login('dongjie_cadre'),
  )).createApplication;
  return ok(await act(s, 'dongjie_cadre', created, 'SUBMIT')).transitionApplication;
}

describe('effects on a household in the transition\'s one statement', () => {
  it('reads the case with its household, then writes case, history, household, change log and persons in one statement', async () => {
    // The first approval warms the pinned version, the register version and the actor.
    const [warmHousehold, household] = await entries(2);
    const warm = await submittedChange(warmHousehold, makeIdCard('130636', '20260301', '201'));
    ok(await act(s, 'puyang_reviewer', warm, 'APPROVE'));

    const idNumber = makeIdCard('130636', '20260402', '202');
    const app = await submittedChange(household, idNumber);
    const token = await s.login('puyang_reviewer');
    let approved: any;
    // Only the transition's own fields: the history would be one more query, for the answer.
    const sent = await statements(async () => {
      approved = ok(await s.gql<any>('mutation($id: ID!, $v: Int!) { transitionApplication(id: $id, event: "APPROVE", expectedVersion: $v) { id version state } }',
        { id: app.id, v: app.version }, token)).transitionApplication;
    });
    expect(approved.state).toBe('recorded');
    // As many round trips as a transition without effects: the household comes with the case.
    expect(sent, sent.join('\n---\n')).toHaveLength(2);
    expect(sent[0]).toMatch(/^select .* from application where id = \$1$/s);
    expect(sent[0]).toMatch(/from register_entry e join register r/);
    expect(sent[1]).toMatch(/^with updated as \(update application/);
    expect(sent[1]).toContain('entry_written as (update register_entry');
    expect(sent.some((t) => /^begin/i.test(t))).toBe(false);

    const after = await entry(household.id);
    expect(after.version).toBe(household.version + 1);
    expect(after.data.members).toHaveLength(household.data.members.length + 1);
    expect(after.data.householdSize).toBe(household.data.members.length + 1);
    // Only the new member is written to the person index; the others stay as they were.
    expect(after.persons.map((p: any) => p.idNumber).sort()).toEqual([...household.persons.map((p: any) => p.idNumber), idNumber].sort());
    expect(after.persons.find((p: any) => p.idNumber === idNumber).role).toBe('member');
    expect(after.changes[0]).toMatchObject({ seq: household.version + 1, kind: 'member_added', applicationReference: app.reference });
  });

  it('writes a move-in of a person no household holds in the one statement as well', async () => {
    // 户口迁入 goes to the state whose append has `move`: with nobody to take the person from,
    // nothing needs the transaction.
    const household = (await entries(6))[5];
    const idNumber = makeIdCard('130636', '19990505', '203');
    const app = await submittedChange(household, idNumber, '户口迁入');
    const token = await s.login('puyang_reviewer');
    let approved: any;
    const sent = await statements(async () => {
      approved = ok(await s.gql<any>('mutation($id: ID!, $v: Int!) { transitionApplication(id: $id, event: "APPROVE", expectedVersion: $v) { id version state } }',
        { id: app.id, v: app.version }, token)).transitionApplication;
    });
    expect(approved.state).toBe('recorded_moved');
    expect(sent.filter((t) => t.includes('entry_written as (update register_entry'))).toHaveLength(1);
    expect(sent.some((t) => /^begin/i.test(t) || /for update of e/.test(t))).toBe(false);
    const after = await entry(household.id);
    expect(after.persons.map((p: any) => p.idNumber)).toContain(idNumber);
    expect(after.changes[0]).toMatchObject({ seq: household.version + 1, applicationReference: app.reference });
  });

  it('falls back to the locking transaction when the household changed after it was read with the case', async () => {
    const household = (await entries(8))[7];
    const idNumber = makeIdCard('130636', '20260503', '204');
    const app = await submittedChange(household, idNumber);
    const token = await s.login('puyang_reviewer');
    // Someone else writes the household between the case load (which read it) and the statement.
    const original = pg.Client.prototype.query;
    let changed = false;
    pg.Client.prototype.query = function (this: pg.Client, config: any, ...rest: any[]) {
      const text = typeof config === 'string' ? config : config?.text;
      if (!changed && typeof text === 'string' && text.startsWith('with updated as (update application') && text.includes('entry_written')) {
        changed = true;
        return s.orm.em.fork().getConnection().execute('update register_entry set version = version + 1, updated_at = now() where id = ?', [household.id])
          .then(() => (original as any).call(this, config, ...rest));
      }
      return (original as any).call(this, config, ...rest);
    } as any;
    let approved: any;
    let sent: string[];
    try {
      sent = await statements(async () => {
        approved = ok(await s.gql<any>('mutation($id: ID!, $v: Int!) { transitionApplication(id: $id, event: "APPROVE", expectedVersion: $v) { id version state } }',
          { id: app.id, v: app.version }, token)).transitionApplication;
      });
    } finally {
      pg.Client.prototype.query = original;
    }
    expect(changed).toBe(true);
    expect(approved.state).toBe('recorded');
    // The statement was refused as a whole (the version read is gone); the transaction locked the
    // household, read it again and wrote the effects on the version now there.
    expect(sent.filter((t) => t.includes('entry_written as (update register_entry'))).toHaveLength(1);
    expect(sent.some((t) => /for update of e/.test(t))).toBe(true);
    const after = await entry(household.id);
    expect(after.version).toBe(household.version + 2);
    expect(after.data.members).toHaveLength(household.data.members.length + 1);
    expect(after.persons.map((p: any) => p.idNumber)).toContain(idNumber);
    expect(after.changes[0]).toMatchObject({ seq: household.version + 2, kind: 'member_added', applicationReference: app.reference });
  });

  it('writes nothing from the statement when a new member is in another household, and refuses the change naming it', async () => {
    const [other, household] = (await entries(4)).slice(2);
    const taken = other.data.members[0].idNumber as string;
    const app = await submittedChange(household, taken);
    await s.login('puyang_reviewer');
    let refused: GqlResult<any> | undefined;
    const sent = await statements(async () => {
      refused = await act(s, 'puyang_reviewer', app, 'APPROVE');
    });
    expect(codeOf(refused!)).toBe('BAD_USER_INPUT');
    expect(refused!.errors![0]!.extensions!.subCode).toBe('DUPLICATE');
    // The one statement was tried and failed as a whole; the transaction then locked the household.
    expect(sent.some((t) => t.includes('entry_written as (update register_entry'))).toBe(true);
    expect(sent.some((t) => /for update of e/.test(t))).toBe(true);

    const still = ok(await s.gql<any>('query($id: ID!) { application(id: $id) { state version } }', { id: app.id }, await s.login('puyang_reviewer'))).application;
    expect(still).toEqual({ state: 'township_review', version: app.version });
    const after = await entry(household.id);
    expect(after.version).toBe(household.version);
    expect(after.data.members).toHaveLength(household.data.members.length);
    expect((await entry(other.id)).persons.map((p: any) => p.idNumber)).toContain(taken);
  });
});
