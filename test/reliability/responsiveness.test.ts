/**
 * Slow requests must not stall or kill the server. Each probe found by probing (aliased page
 * sizes passed as variables, a huge enum, a catastrophic pattern, an exploding JSON Logic guard,
 * deep JSON, a village cadre's big drafts) runs against a server in its own process with the
 * 256 MB heap of the smallest production instance, while a second client polls /readyz every
 * 100 ms. The assertion is that every poll was answered (HTTP 200) and the process is alive
 * afterwards; the latencies are reported, not judged (speed belongs in `npm run bench`). A poll
 * still unanswered after 30 s counts as unanswered: no health check waits that long, and the test
 * has to end (a frozen server would otherwise only make it slow).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildServer } from '../helpers/child-server.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { loadExample } from '../../server/src/programmes/examples.js';
import { DONGJIE, deepJsonText, freshIdNumber, outcome, pollReadyz, rawGql, type PollReport } from './support.js';

type Child = Awaited<ReturnType<typeof startChildServer>>;
const HEAP = { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=256`.trim() };
const PROBE_TIMEOUT_MS = 120_000;
const POLL_CAP_MS = 30_000;

let s: TestServer;
let child: Child | undefined;
const tokens: Record<string, string> = {};
const report: Array<Record<string, string | number>> = [];
const dibao = loadExample('dibao');
const example = dibao.example as Record<string, any>;

const alive = (c?: Child) => !!c && c.child.exitCode === null && c.child.signalCode === null;

/** A responsive child server: the one running, or a new one when the last probe left it dead or stuck. */
async function ensureChild(): Promise<Child> {
  if (alive(child)) {
    const ok = await fetch(`${child!.url}/readyz`, { signal: AbortSignal.timeout(5000) }).then((r) => r.status === 200).catch(() => false);
    if (ok) return child!;
    child!.child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
  }
  child = await startChildServer(s.databaseUrl, HEAP);
  return child;
}

async function as(user: string, query: string, variables: Record<string, unknown> = {}, url = child!.url) {
  const r = await rawGql(url, query, JSON.stringify(variables), { token: tokens[user], timeoutMs: PROBE_TIMEOUT_MS });
  return r;
}

async function must(user: string, query: string, variables: Record<string, unknown> = {}) {
  const r = await as(user, query, variables);
  if (!r.body?.data || r.body.errors) throw new Error(`${user}: ${r.text.slice(0, 400)}`);
  return r.body.data;
}

/**
 * Runs `probe` while /readyz is polled, records the row of the report and checks that every
 * poll was answered and the server survived.
 */
async function measure(name: string, probe: (url: string) => Promise<string>): Promise<string> {
  const c = await ensureChild();
  const poller = pollReadyz(c.url, 100, POLL_CAP_MS);
  const started = performance.now();
  let result: string;
  try {
    result = await probe(c.url);
  } catch (e) {
    result = `no answer: ${((e as Error).cause as Error)?.message ?? (e as Error).message}`.slice(0, 80);
  }
  const probeMs = Math.round(performance.now() - started);
  await new Promise((r) => setTimeout(r, 300));
  const polls: PollReport = await poller.stop();
  const survived = alive(c);
  report.push({ probe: name, result, 'probe ms': probeMs, polls: polls.polls, answered: polls.answered, 'max /readyz ms': polls.maxMs, 'median ms': polls.p50Ms, alive: survived ? 'yes' : 'NO' });
  expect(polls.failures.slice(0, 5), `${name}: ${polls.polls - polls.answered} of ${polls.polls} polls unanswered`).toEqual([]);
  expect(survived, `${name}: the server process died`).toBe(true);
  return result;
}

/** A dibao copy with `change` applied to its form and workflow, published by the designer; undefined when refused. */
async function programme(key: string, change: (form: any, workflow: any) => void): Promise<string | undefined> {
  const form = structuredClone(dibao.formSchema) as any;
  const workflow = structuredClone(dibao.workflow) as any;
  change(form, workflow);
  await must('designer', 'mutation($k: String!) { createProgramme(input: { key: $k, name: "探测", regionCode: "130636000000" }) { key } }', { k: key });
  const saved = await as('designer', 'mutation($k: String!, $f: JSON!, $w: JSON!) { saveProgrammeDraft(key: $k, formSchema: $f, workflow: $w) { number } }', { k: key, f: form, w: workflow });
  if (saved.body?.errors) return `refused at save (${outcome(saved)})`;
  const published = await as('designer', 'mutation($k: String!) { publishProgramme(key: $k) { number } }', { k: key });
  if (published.body?.errors) return `refused at publish (${outcome(published)})`;
  return undefined;
}

async function newDraft(key: string, data: Record<string, unknown>) {
  const created = await must('dongjie_cadre', 'mutation($p: String!, $d: JSON) { createApplication(programmeKey: $p, regionCode: "130636100201", data: $d) { id version } }', { p: key, d: data });
  return created.createApplication as { id: string; version: number };
}

const describeSize = (r: Awaited<ReturnType<typeof rawGql>>) => `${outcome(r)}, ${(r.text.length / 1e6).toFixed(1)} MB`;
const aliased = (field: string, args: string, selection: string) =>
  Array.from({ length: 15 }, (_, i) => `a${i}: ${field}(${args}) { ${selection} }`).join(' ');

beforeAll(async () => {
  s = await startTestServer({ timers: false });
  for (const u of ['admin', 'designer', 'dongjie_cadre']) tokens[u] = await s.login(u);
}, 180_000);

afterAll(async () => {
  if (alive(child)) child!.child.kill('SIGKILL');
  await s?.stop();
  if (report.length) console.table(report);
});

describe('the server keeps answering /readyz while slow requests run', () => {
  it('15 aliases × applications(first: $f) with f = 100', async () => {
    await measure('15 × applications(first: $f=100)', async (url) => {
      const r = await as('admin', `query($f: Int!) { ${aliased('applications', 'first: $f', 'edges { node { id reference state data history { event at actorName comment } } }')} }`, { f: 100 }, url);
      return describeSize(r);
    });
  }, 300_000);

  it('15 aliases × publicNotices(first: $f) with f = 100, anonymous', async () => {
    await measure('15 × publicNotices(first: $f=100)', async (url) => {
      const r = await rawGql(url, `query($f: Int!) { ${aliased('publicNotices', 'first: $f', 'edges { node { reference regionName stateTitle fields { title value } } }')} }`, '{"f":100}', { timeoutMs: PROBE_TIMEOUT_MS });
      return describeSize(r);
    });
  }, 300_000);

  it('checkFormSchema with a 60,000-value enum, by a village cadre', async () => {
    const schema = { type: 'object', properties: { v: { type: 'string', enum: Array.from({ length: 60_000 }, (_, i) => `value-${i}`) } } };
    await measure('checkFormSchema, 60,000-value enum', async (url) => outcome(await as('dongjie_cadre', 'query($f: JSON!) { checkFormSchema(formSchema: $f) { path } }', { f: schema }, url)));
  }, 300_000);

  it('saving a programme with a 25,000-value enum', async () => {
    await ensureChild();
    await must('designer', 'mutation { createProgramme(input: { key: "probe-enum", name: "探测", regionCode: "130636000000" }) { key } }');
    const form = structuredClone(dibao.formSchema) as any;
    // Short values, so the schema stays under the save's 256 KB body check and reaches the compiler.
    form.properties.reason.properties.details = { type: 'string', title: '具体情况', enum: Array.from({ length: 25_000 }, (_, i) => String(i)) };
    await measure('saveProgrammeDraft, 25,000-value enum', async (url) =>
      outcome(await as('designer', 'mutation($f: JSON!, $w: JSON!) { saveProgrammeDraft(key: "probe-enum", formSchema: $f, workflow: $w) { number } }', { f: form, w: dibao.workflow }, url)));
  }, 300_000);

  it('a form pattern ^(a+)+$ and a 26-character input', async () => {
    await ensureChild();
    const refused = await programme('probe-redos', (form) => {
      form.properties.reason.properties.details = { type: 'string', title: '具体情况', pattern: '^(a+)+$' };
    });
    await measure('pattern ^(a+)+$, 26 characters', async (url) => {
      if (refused) return refused; // refusing a super-linear pattern at save is one of the two fixes
      const app = await newDraft('probe-redos', { ...example, head: { ...example.head, idNumber: freshIdNumber(1977) }, reason: { category: '因病', details: `${'a'.repeat(25)}!` } });
      return outcome(await as('dongjie_cadre', 'mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { state } }', { id: app.id, v: app.version }, url));
    });
  }, 300_000);

  it('a JSON Logic guard that merges its accumulator with itself 30 times', async () => {
    await ensureChild();
    const explosive = { reduce: [Array.from({ length: 30 }, (_, i) => i), { merge: [{ var: 'accumulator' }, { var: 'accumulator' }] }, [1]] };
    const refused = await programme('probe-logic', (_form, workflow) => {
      workflow.states.village_appraisal.on.APPROVE.guard = { type: 'rule', params: { rule: explosive } };
    });
    const result = await measure('JSON Logic reduce/merge × 30', async (url) => {
      if (refused) return refused;
      const draft = await newDraft('probe-logic', { ...example, head: { ...example.head, idNumber: freshIdNumber(1977) } });
      const submitted = await must('dongjie_cadre', 'mutation($id: ID!, $v: Int!) { submitApplication(id: $id, expectedVersion: $v) { id version } }', { id: draft.id, v: draft.version });
      const app = submitted.submitApplication;
      return outcome(await as('dongjie_cadre', 'mutation($id: ID!, $v: Int!) { transitionApplication(id: $id, event: "APPROVE", expectedVersion: $v) { state } }', { id: app.id, v: app.version }, url));
    });
    // Refused when saved, or this one transition refused for exceeding the rule budget.
    expect(result).toMatch(/^refused at|^TRANSITION_NOT_ALLOWED:RULE_BUDGET_EXCEEDED$/);
  }, 300_000);

  it('form data and a form schema nested 10,000 levels', async () => {
    await ensureChild();
    const draft = await newDraft('dibao', {});
    await measure('deep JSON (data, schema)', async (url) => {
      const data = await rawGql(url, 'mutation($id: ID!, $v: Int!, $d: JSON!) { saveApplication(id: $id, data: $d, expectedVersion: $v) { version } }',
        `{"id":${JSON.stringify(draft.id)},"v":${draft.version},"d":{"head":${deepJsonText(10_000, 'object')}}}`, { token: tokens.dongjie_cadre, timeoutMs: PROBE_TIMEOUT_MS });
      const schema = await rawGql(url, 'query($f: JSON!) { checkFormSchema(formSchema: $f) { path } }',
        `{"f":${'{"type":"object","properties":{"a":'.repeat(5_000)}{"type":"string"}${'}}'.repeat(5_000)}}`, { token: tokens.dongjie_cadre, timeoutMs: PROBE_TIMEOUT_MS });
      return `${outcome(data)} / ${outcome(schema)}`;
    });
  }, 300_000);

  it("a village cadre's 100 drafts of 250 KB, then 15 aliases × applications(first: $f)", async () => {
    const c = await ensureChild();
    let saved = 0;
    let refusedAs = '';
    const big = 'x'.repeat(250_000);
    for (let i = 0; i < 100; i++) {
      const r = await as('dongjie_cadre', 'mutation($d: JSON) { createApplication(programmeKey: "dibao", regionCode: "130636100201", data: $d) { id } }', { d: { head: { name: '测试' }, reason: { details: big } } }, c.url);
      if (r.body?.errors) refusedAs = outcome(r);
      else saved++;
    }
    await measure(`15 × applications(first: $f=100) over ${saved} drafts of 250 KB${refusedAs ? ` (others ${refusedAs})` : ''}`, async (url) => {
      const r = await as('dongjie_cadre', `query($f: Int!) { ${aliased('applications', 'first: $f, filter: { status: "DRAFT" }', 'edges { node { id data } }')} }`, { f: 100 }, url);
      return describeSize(r);
    });
  }, 300_000);
});
