import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { codeOf, startTestServer, type TestServer } from '../helpers/server.js';
import { act, createApp, type AppView } from '../helpers/programmes.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { makeIdCard } from '../../server/src/programmes/idcard.js';
import { docExample } from '../helpers/doc-example.js';
import { verifyWebhook } from '../../server/src/notifications/webhook-signature.js';

const COUNTY = '130636000000';
const DONGJIE = '130636100201';
const example = docExample('docs/notifications.md', 'webhook-input');
const documentedPayload = docExample('docs/notifications.md', 'webhook-payload');
const SECRET: string = example.input.secret;

/** The shape of a JSON value: its keys, recursively (values, which may be null, left out). */
const shape = (v: unknown): unknown => (v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]).sort()) : 'value');

/** A real receiver: answers 500 to the first `failFirst` requests, then 204; records everything. */
interface Received { delivery: string; event: string; timestamp: string | null; signature: string | null; body: string; status: number }
let failFirst = 1;
const received: Received[] = [];
let receiver: http.Server;
let receiverUrl = '';

let serial = 300;
/** The example dibao form with a head of household nobody else has (x-unique on the ID number). */
const dibaoData = () => {
  const ex = loadExample('dibao').example as any;
  return { ...ex, head: { ...ex.head, idNumber: makeIdCard('130636', '19700101', String(serial++)) } };
};

let s: TestServer;
beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const status = received.length < failFirst ? 500 : 204;
      received.push({
        delivery: String(req.headers['x-aid-delivery']), event: String(req.headers['x-aid-event']),
        timestamp: (req.headers['x-aid-timestamp'] as string) ?? null, signature: (req.headers['x-aid-signature'] as string) ?? null,
        body: Buffer.concat(chunks).toString('utf8'), status,
      });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/aid`;
  s = await startTestServer({ webhooks: { pollMs: 200, maxAttempts: 5, backoffSeconds: 1, timeoutMs: 2000 } });
});
afterAll(async () => {
  await s?.stop();
  await new Promise((r) => receiver?.close(r));
});

const CREATE = 'mutation($r: String!, $i: WebhookInput!) { createWebhook(regionCode: $r, input: $i) { id regionCode name url eventKinds active secretHint } }';
const DELIVERIES = 'query($id: ID!, $first: Int, $after: String, $status: String) { webhookDeliveries(webhookId: $id, first: $first, after: $after, status: $status) { nodes { id reference kind status attempts lastStatus lastError deliveredAt payload } pageInfo { hasNextPage endCursor } } }';

async function waitUntil<T>(what: string, f: () => Promise<T | undefined | false>, ms = 20000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('webhook subscriptions', () => {
  it('refuses the unauthenticated, cadres and bad input', async () => {
    const input = { name: '县民政局业务系统', url: receiverUrl, secret: SECRET, eventKinds: ['*'] };
    expect(codeOf(await s.gql(CREATE, { r: COUNTY, i: input }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await s.gql(CREATE, { r: COUNTY, i: input }, await s.login('dongjie_cadre')))).toBe('FORBIDDEN');
    const bad = await s.gql(CREATE, { r: COUNTY, i: { ...input, url: 'ftp://x', secret: 'short', eventKinds: ['approve'] } }, await s.login('county_admin'));
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.problems!.map((p) => p.path).sort()).toEqual(['/eventKinds/0', '/secret', '/url']);
    expect(codeOf(await s.gql('{ webhooks { id } }', {}, await s.login('puyang_reviewer')))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql(DELIVERIES, { id: 'not-an-id' }, await s.login('county_admin')))).toBe('NOT_FOUND');
  });
});

describe('delivery', () => {
  it('delivers every event of a case exactly once, in order, signed, after a receiver failure and a retry', async () => {
    const admin = await s.login('county_admin');
    // The documented example, with the test's receiver as URL.
    const created = await s.gql(CREATE, { r: example.regionCode, i: { ...example.input, url: receiverUrl } }, admin);
    expect(created.errors).toBeUndefined();
    const hook = created.data.createWebhook;
    expect(hook).toMatchObject({ regionCode: COUNTY, active: true, secretHint: `…${SECRET.slice(-4)}` });
    expect(JSON.stringify(created.data)).not.toContain(SECRET);

    // The receiver fails the first delivery: the transitions go on regardless.
    let app: AppView = await createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, dibaoData());
    const submitted = await s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { id version state } }', { id: app.id, v: app.version }, await s.login('dongjie_cadre'));
    expect(submitted.errors).toBeUndefined();
    app = { ...app, ...submitted.data.submitApplication };
    const approved = await act(s, 'dongjie_cadre', app, 'APPROVE', { data: { appraisal: { meetingDate: '2026-11-20', attendees: 35, votesFor: 33, votesAgainst: 2 } } });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.transitionApplication.state).toBe('village_notice');

    const accepted = await waitUntil('three accepted deliveries', async () => {
      const ok = received.filter((r) => r.status === 204);
      return ok.length >= 3 && ok;
    });
    // Give a wrongly repeated delivery the chance to show up before counting.
    await new Promise((r) => setTimeout(r, 1000));
    const ok = received.filter((r) => r.status === 204);
    expect(ok).toHaveLength(3);
    expect(new Set(ok.map((r) => r.delivery)).size).toBe(3);
    expect(ok.map((r) => r.event)).toEqual(['CREATE', 'SUBMIT', 'APPROVE']);
    expect(received[0]).toMatchObject({ status: 500, event: 'CREATE', delivery: accepted[0]!.delivery });
    for (const r of received) expect(verifyWebhook(SECRET, r.timestamp, r.body, r.signature)).toBe(true);
    expect(verifyWebhook('another-secret-of-16+', ok[0]!.timestamp, ok[0]!.body, ok[0]!.signature)).toBe(false);

    const bodies = ok.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.event.seq)).toEqual([1, 2, 3]);
    expect(bodies[2]).toMatchObject({
      deliveryId: ok[2]!.delivery, subscriptionId: hook.id, kind: 'APPROVE',
      application: { id: app.id, reference: app.reference, programmeKey: 'dibao', regionCode: DONGJIE, state: 'village_notice', status: 'UNDER_NOTICE' },
      event: { event: 'APPROVE', fromState: 'village_appraisal', toState: 'village_notice' },
    });
    // Exactly the documented shape (the keys; values differ).
    for (const b of bodies) expect(shape(b)).toEqual(shape(documentedPayload));
    // No form data travels: a receiver asks the API for what it may read.
    expect(bodies[0].application.data).toBeUndefined();

    const log = await s.gql(DELIVERIES, { id: hook.id, first: 2 }, admin);
    expect(log.errors).toBeUndefined();
    const page1 = log.data.webhookDeliveries;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await s.gql(DELIVERIES, { id: hook.id, first: 2, after: page1.pageInfo.endCursor }, admin)).data.webhookDeliveries;
    const all = [...page1.nodes, ...page2.nodes];
    expect(all.map((d: any) => d.kind)).toEqual(['APPROVE', 'SUBMIT', 'CREATE']);
    expect(all.every((d: any) => d.status === 'delivered' && d.lastStatus === 204 && d.reference === app.reference)).toBe(true);
    expect(all[2]).toMatchObject({ attempts: 2 });
    expect(codeOf(await s.gql(DELIVERIES, { id: hook.id, status: 'lost' }, admin))).toBe('BAD_USER_INPUT');
    expect(codeOf(await s.gql(DELIVERIES, { id: hook.id, after: 'garbage!' }, admin))).toBe('BAD_USER_INPUT');

    // Pausing stops deliveries; events still queue, and redelivery works from the log.
    const paused = await s.gql('mutation($id: ID!, $i: WebhookInput!) { updateWebhook(id: $id, input: $i) { active eventKinds } }',
      { id: hook.id, i: { name: '县民政局业务系统', url: receiverUrl, eventKinds: ['status:APPROVED', 'RETURN'], active: false } }, admin);
    expect(paused.data.updateWebhook).toEqual({ active: false, eventKinds: ['status:APPROVED', 'RETURN'] });
    const again = await s.gql('mutation($id: ID!) { redeliverWebhook(id: $id) { status attempts } }', { id: all[0].id }, admin);
    expect(again.data.redeliverWebhook).toEqual({ status: 'pending', attempts: 0 });
    expect(codeOf(await s.gql('mutation($id: ID!) { redeliverWebhook(id: $id) { status } }', { id: all[0].id }, await s.login('dongjie_cadre')))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql('mutation($id: ID!) { deleteWebhook(id: $id) }', { id: hook.id }, admin))).toBeUndefined();
    expect((await s.gql('{ webhooks { id } }', {}, admin)).data.webhooks).toEqual([]);
  });

  it('never blocks a transition when the receiver is unreachable', async () => {
    const admin = await s.login('county_admin');
    const hook = (await s.gql(CREATE, { r: COUNTY, i: { name: '停机的系统', url: 'http://127.0.0.1:9/down', secret: SECRET, eventKinds: ['*'] } }, admin)).data.createWebhook;
    const app = await createApp(s, 'dongjie_cadre', 'dibao', DONGJIE, dibaoData());
    const submitted = await s.gql('mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { state } }', { id: app.id, v: app.version }, await s.login('dongjie_cadre'));
    expect(submitted.data.submitApplication.state).toBe('village_appraisal');
    const failed = await waitUntil('a failed attempt in the log', async () => {
      const nodes = (await s.gql(DELIVERIES, { id: hook.id }, admin)).data.webhookDeliveries.nodes;
      return nodes.find((d: any) => d.attempts >= 1) && nodes;
    });
    expect(failed.map((d: any) => d.kind)).toEqual(['SUBMIT', 'CREATE']);
    const create = failed.find((d: any) => d.kind === 'CREATE');
    expect(create).toMatchObject({ status: 'pending', lastStatus: null });
    expect(create.lastError).toBeTruthy();
    // In order: SUBMIT is not tried while CREATE is still pending.
    expect(failed.find((d: any) => d.kind === 'SUBMIT').attempts).toBe(0);
  });
});
