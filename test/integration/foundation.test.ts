import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { codeOf, startTestServer, TEST_JWT_SECRET, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

describe('health', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${s.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});

describe('identity', () => {
  it('signs in a demo user and answers me', async () => {
    const token = await s.login('puyang_reviewer');
    const r = await s.gql('{ me { username displayName roles { role regionCode } } }', {}, token);
    expect(r.data.me.username).toBe('puyang_reviewer');
    expect(r.data.me.roles).toEqual([{ role: 'township_reviewer', regionCode: '130636100000' }]);
  });

  it('refuses a wrong password with UNAUTHENTICATED', async () => {
    const r = await s.gql('mutation { login(username: "designer", password: "nope-nope-nope") { token } }');
    expect(codeOf(r)).toBe('UNAUTHENTICATED');
    expect(r.errors![0].message).toMatch(/Wrong username or password/);
  });

  it('answers me with null without a token', async () => {
    expect((await s.gql('{ me { username } }')).data).toEqual({ me: null });
  });

  it('refuses a forged token', async () => {
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-secret'));
    const r = await s.gql('{ me { username } }', {}, forged);
    expect(codeOf(r)).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token and says so', async () => {
    const me = (await s.gql('{ me { id } }', {}, await s.login('designer'))).data.me.id;
    const expired = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(me)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const r = await s.gql('{ me { username } }', {}, expired);
    expect(codeOf(r)).toBe('UNAUTHENTICATED');
    expect(r.errors![0].message).toMatch(/expired/);
  });

  it('rate limits repeated failed sign-ins', async () => {
    let last;
    for (let i = 0; i < 12; i++) last = await s.gql('mutation { login(username: "finance", password: "wrong-password!") { token } }');
    expect(codeOf(last!)).toBe('RATE_LIMITED');
  });

  it('lets an admin create a user, grant and revoke a role; the grant covers the subtree', async () => {
    const admin = await s.login('admin');
    const created = await s.gql('mutation($i: CreateUserInput!) { createUser(input: $i) { username } }',
      { i: { username: 'new_cadre', password: 'a-long-password', displayName: '新村干部' } }, admin);
    expect(created.data.createUser.username).toBe('new_cadre');
    const dup = await s.gql('mutation($i: CreateUserInput!) { createUser(input: $i) { username } }',
      { i: { username: 'new_cadre', password: 'a-long-password', displayName: '重复' } }, admin);
    expect(codeOf(dup)).toBe('BAD_USER_INPUT');
    expect(dup.errors![0].extensions!.problems).toEqual([{ path: '/input/username', message: '已被占用', messageEn: 'is taken' }]);

    const granted = await s.gql('mutation { grantRole(username: "new_cadre", role: "village_committee", regionCode: "130636100202") { role regionCode } }', {}, admin);
    expect(granted.data.grantRole).toEqual({ role: 'village_committee', regionCode: '130636100202' });
    const token = await s.login('new_cadre', 'a-long-password');
    expect((await s.gql('{ me { roles { role } } }', {}, token)).data.me.roles).toHaveLength(1);
    const revoked = await s.gql('mutation { revokeRole(username: "new_cadre", role: "village_committee", regionCode: "130636100202") }', {}, admin);
    expect(revoked.data.revokeRole).toBe(true);
    expect((await s.gql('{ me { roles { role } } }', {}, token)).data.me.roles).toHaveLength(0);
  });

  it('refuses createUser and grantRole to staff, and unknown roles or regions', async () => {
    const staff = await s.login('dongjie_cadre');
    expect(codeOf(await s.gql('mutation { createUser(input: {username: "x_user", password: "0123456789", displayName: "x"}) { id } }', {}, staff))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql('mutation { grantRole(username: "designer", role: "admin", regionCode: "130636000000") { role } }', {}, staff))).toBe('FORBIDDEN');
    const countyAdmin = await s.login('county_admin');
    expect(codeOf(await s.gql('mutation { grantRole(username: "designer", role: "village_committee", regionCode: "110000000000") { role } }', {}, countyAdmin))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql('mutation { grantRole(username: "designer", role: "emperor", regionCode: "130636000000") { role } }', {}, countyAdmin))).toBe('BAD_USER_INPUT');
    // A county admin may not hand out roles outside the county.
    expect(codeOf(await s.gql('mutation { grantRole(username: "designer", role: "designer", regionCode: "130600000000") { role } }', {}, countyAdmin))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql('mutation { createUser(input: {username: "y_user", password: "0123456789", displayName: "y"}) { id } }'))).toBe('UNAUTHENTICATED');
  });
});

describe('regions', () => {
  it('lists the demo county tree', async () => {
    const towns = await s.gql('{ regions(parentCode: "130636000000") { code name level } }');
    expect(towns.data.regions.length).toBeGreaterThanOrEqual(3);
    expect(towns.data.regions[0]).toEqual({ code: '130636100000', name: '蒲阳镇', level: 'township' });
    const villages = await s.gql('{ regions(parentCode: "130636100000") { code level } }');
    expect(villages.data.regions.map((r: { level: string }) => r.level)).toEqual(['village', 'village', 'village', 'village']);
  });

  it('answers NOT_FOUND for an unknown code and BAD_USER_INPUT for a malformed one', async () => {
    expect(codeOf(await s.gql('{ regions(parentCode: "999999999999") { code } }'))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql('{ regions(parentCode: "12ab") { code } }'))).toBe('BAD_USER_INPUT');
  });

  it('imports regions for an admin, all-or-nothing with pointers', async () => {
    const admin = await s.login('admin');
    const bad = await s.gql('mutation($r: [RegionInput!]!) { importRegions(regions: $r) }', {
      r: [
        { code: '130636300000', name: '新乡', level: 'township', parentCode: '130636000000' },
        { code: '130636300201', name: '错级村', level: 'township', parentCode: '130636300000' },
        { code: '1306', name: '短码', level: 'village', parentCode: '130636300000' },
      ],
    }, admin);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions!.problems!.map((p) => p.path)).toEqual(['/regions/2/code']);
    expect((await s.gql('{ regions(parentCode: "130636000000") { code } }')).data.regions.map((r: { code: string }) => r.code)).not.toContain('130636300000');

    const wrongLevel = await s.gql('mutation($r: [RegionInput!]!) { importRegions(regions: $r) }', {
      r: [{ code: '130636300000', name: '新乡', level: 'township', parentCode: '130636000000' }, { code: '130636300201', name: '错级村', level: 'township', parentCode: '130636300000' }],
    }, admin);
    expect(wrongLevel.errors![0].extensions!.problems).toEqual([{ path: '/regions/1/level', message: 'a township cannot sit under a township' }]);

    const ok = await s.gql('mutation($r: [RegionInput!]!) { importRegions(regions: $r) }', {
      r: [{ code: '130636300000', name: '新乡', level: 'township', parentCode: '130636000000' }, { code: '130636300201', name: '新村', level: 'village', parentCode: '130636300000' }],
    }, admin);
    expect(ok.data.importRegions).toBe(2);
    expect((await s.gql('{ regions(parentCode: "130636300000") { name } }')).data.regions).toEqual([{ name: '新村' }]);
    expect(codeOf(await s.gql('mutation { importRegions(regions: []) }', {}, await s.login('designer')))).toBe('FORBIDDEN');
  });
});

describe('request hardening', () => {
  it('answers malformed JSON with BAD_REQUEST', async () => {
    const res = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ me { id } }"' });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses an oversized body with 413', async () => {
    const res = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }) });
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a query 30 levels deep', async () => {
    const deep = '{ me { ' + 'roles { '.repeat(1) + 'role } } }';
    expect((await s.gql(deep)).errors).toBeUndefined();
    const q = '{ __schema { types { ' + 'fields { type { '.repeat(14) + 'name' + ' } }'.repeat(14) + ' } } }';
    const r = await s.gql(q);
    expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(r.errors![0].message).toMatch(/depth/i);
  });

  it('refuses too many aliases', async () => {
    const q = '{ ' + Array.from({ length: 30 }, (_, i) => `a${i}: me { id }`).join(' ') + ' }';
    const r = await s.gql(q);
    expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(r.errors![0].message).toMatch(/alias/i);
  });

  it('refuses a cross-site GET mutation (CSRF prevention)', async () => {
    const res = await fetch(`${s.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`);
    expect(res.status).toBe(400);
  });

  it('masks internal errors', async () => {
    const r = await s.gql('{ nope }');
    expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
