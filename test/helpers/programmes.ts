import type { TestServer } from './server.js';
import { loadExample } from '../../server/src/programmes/examples.js';

/**
 * Publishes a copy of an example programme under `key` with every delay shortened to `delay`
 * (e.g. PT1S), so tests can watch notices and timers run out.
 */
export async function publishFastCopy(s: TestServer, example: string, key: string, delay = 'PT1S'): Promise<void> {
  const ex = loadExample(example);
  const wf = structuredClone(ex.workflow) as { meta?: { delays?: Record<string, string> }; states: Record<string, { after?: Record<string, unknown> }> };
  for (const name of Object.keys(wf.meta?.delays ?? {})) wf.meta!.delays![name] = delay;
  const designer = await s.login('designer');
  const r1 = await s.gql('mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { key } }', { i: { key, name: `${ex.name.zh}（测试）`, regionCode: '130636000000' } }, designer);
  const r2 = await s.gql('mutation($k: String!, $f: JSON!, $u: JSON, $w: JSON!) { saveProgrammeDraft(key: $k, formSchema: $f, uiSchema: $u, workflow: $w) { number } }', { k: key, f: ex.formSchema, u: ex.uiSchema, w: wf }, designer);
  const r3 = await s.gql('mutation($k: String!) { publishProgramme(key: $k) { number } }', { k: key }, designer);
  for (const r of [r1, r2, r3]) if (r.errors) throw new Error(JSON.stringify(r.errors));
}

export const APP_FIELDS = 'id reference state stateTitle status version createdAt updatedAt submittedAt stateEnteredAt noticeEndsAt openObjections data availableActions { event } history { event fromState toState actorName role comment changedFields }';

export interface AppView {
  id: string;
  reference: string;
  state: string;
  status: string;
  version: number;
  openObjections: number;
  data: Record<string, any>;
  availableActions: { event: string }[];
  history: { event: string; fromState: string | null; toState: string; actorName: string | null; role: string | null; comment: string | null; changedFields: string[] }[];
}

export async function createApp(s: TestServer, user: string, programmeKey: string, regionCode: string, data: unknown): Promise<AppView> {
  const r = await s.gql(`mutation($p: String!, $r: String!, $d: JSON) { createApplication(programmeKey: $p, regionCode: $r, data: $d) { ${APP_FIELDS} } }`, { p: programmeKey, r: regionCode, d: data }, await s.login(user));
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.createApplication;
}

export async function act(s: TestServer, user: string, app: { id: string; version: number }, event: string, extra: { comment?: string; data?: unknown } = {}) {
  return s.gql<{ transitionApplication: AppView }>(
    `mutation($id: ID!, $e: String!, $v: Int!, $c: String, $d: JSON) { transitionApplication(id: $id, event: $e, expectedVersion: $v, comment: $c, data: $d) { ${APP_FIELDS} } }`,
    { id: app.id, e: event, v: app.version, c: extra.comment, d: extra.data }, await s.login(user),
  );
}

export async function getApp(s: TestServer, user: string, id: string) {
  return s.gql<{ application: AppView }>(`query($id: ID!) { application(id: $id) { ${APP_FIELDS} } }`, { id }, await s.login(user));
}

/** Polls until the application leaves `state` (a timer fired) or the deadline passes. */
export async function waitForState(s: TestServer, user: string, id: string, notState: string, ms = 15000): Promise<AppView> {
  const end = Date.now() + ms;
  for (;;) {
    const app = (await getApp(s, user, id)).data!.application;
    if (app.state !== notState || Date.now() > end) return app;
    await new Promise((r) => setTimeout(r, 250));
  }
}
