/**
 * Shared tools of the reliability suite: raw GraphQL requests (variables sent as JSON text, so a
 * lone surrogate or 10,000 levels of nesting reach the server exactly as an attacker would send
 * them), fresh ID numbers, a /readyz poller and the PII scanner of public responses.
 */
import http from 'node:http';
import { makeIdCard } from '../../server/src/programmes/idcard.js';

export const COUNTY = '130636000000';
export const PUYANG = '130636100000';
export const DONGJIE = '130636100201';
export const XIJIE = '130636100202';
export const WANGGE = '130636102202';

export interface RawResult {
  status: number;
  ms: number;
  text: string;
  body?: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

/** Posts a GraphQL request whose `variables` is given as raw JSON text. */
export async function rawGql(url: string, query: string, variablesText = '{}', opts: { token?: string; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<RawResult> {
  const started = performance.now();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
    body: `{"query":${JSON.stringify(query)},"variables":${variablesText}}`,
    signal: opts.timeoutMs ? AbortSignal.timeout(opts.timeoutMs) : undefined,
  });
  const text = await res.text();
  let body: RawResult['body'];
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, ms: performance.now() - started, text, body };
}

/** The first error's extensions.code, 'OK' for an answer without errors, or HTTP<status> for non-GraphQL answers. */
export function outcome(r: RawResult): string {
  if (!r.body) return `HTTP${r.status}`;
  const code = r.body.errors?.[0]?.extensions?.code;
  if (code) return String(code) + (r.body.errors?.[0]?.extensions?.subCode ? `:${r.body.errors[0].extensions.subCode}` : '');
  return r.body.errors?.length ? 'NO_CODE' : 'OK';
}

/** JSON text nested `depth` levels, built as text so the test itself never recurses. */
export function deepJsonText(depth: number, kind: 'array' | 'object' = 'array'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

let idSeq = 0;
/**
 * A valid ID number never handed out before in this process (the x-unique claim of every programme
 * is on the head's ID number). `birthYear` keeps different test files apart in the scans.
 */
export function freshIdNumber(birthYear = 1971): string {
  const n = idSeq++;
  const day = new Date(Date.UTC(birthYear, 0, 1) + Math.floor(n / 400) * 86400_000);
  const birth = day.toISOString().slice(0, 10).replace(/-/g, '');
  return makeIdCard('130636', birth, String(100 + (n % 400) * 2 + (n % 2)).padStart(3, '0').slice(-3));
}

let phoneSeq = 0;
export const freshMobile = () => `139${String(52000000 + phoneSeq++).padStart(8, '0')}`;
let cardSeq = 0;
export const freshBankCard = () => `62170${String(10000000000000 + cardSeq++)}`;

export interface PollReport {
  polls: number;
  answered: number;
  failures: string[];
  maxMs: number;
  p50Ms: number;
}

/** GET on a new connection (no keep-alive reuse, as a load balancer's health check): status and ms. */
function probeOnce(url: string, capMs: number): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: capMs }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${capMs} ms`)));
    req.on('error', reject);
  });
}

/**
 * Polls `${url}/readyz` every `intervalMs` (a new poll starts on schedule even while earlier ones
 * are outstanding, as a load balancer would) until stopped. A poll counts as answered when it gets
 * HTTP 200; `capMs` only bounds how long the test waits for one (the report gives the latencies).
 */
export function pollReadyz(url: string, intervalMs = 100, capMs = 30_000) {
  const latencies: number[] = [];
  const failures: string[] = [];
  const pending = new Set<Promise<void>>();
  let polls = 0;
  const one = () => {
    polls++;
    const p = probeOnce(`${url}/readyz`, capMs)
      .then(({ status, ms }) => {
        if (status === 200) latencies.push(ms);
        else failures.push(`HTTP ${status} after ${Math.round(ms)} ms`);
      })
      .catch((e: Error) => {
        failures.push(e.message);
      })
      .finally(() => pending.delete(p));
    pending.add(p);
  };
  one();
  const timer = setInterval(one, intervalMs);
  return {
    async stop(): Promise<PollReport> {
      clearInterval(timer);
      await Promise.all([...pending]);
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        polls,
        answered: latencies.length,
        failures,
        maxMs: Math.round(sorted[sorted.length - 1] ?? 0),
        p50Ms: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// PII scanning

/** Digit patterns that must never appear unmasked in a public response. */
export const PII_PATTERNS: Array<[string, RegExp]> = [
  ['18-digit ID number', /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])/g],
  ['15-digit ID number', /(?<![0-9])[0-9]{15}(?![0-9])/g],
  ['mobile number', /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g],
  ['bank-card-like digit run', /(?<![0-9])[0-9]{13,19}(?![0-9])/g],
];

const SEPARATORS = /[\s\-–—.·_/()（）]/g;

export interface Finding {
  source: string;
  path: string;
  kind: string;
  match: string;
}

/** Every string and number in a JSON value with its JSON pointer. */
export function* leaves(value: unknown, path = ''): Generator<[string, string]> {
  const stack: Array<[unknown, string]> = [[value, path]];
  while (stack.length) {
    const [v, p] = stack.pop()!;
    if (typeof v === 'string') yield [p, v];
    else if (typeof v === 'number' || typeof v === 'bigint') yield [p, String(v)];
    else if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, `${p}/${i}`]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) stack.push([x, `${p}/${k}`], [k, `${p}/${k}#key`]);
  }
}

/**
 * Scans a public response for ID-, phone- and card-like digit runs and for any of `secrets` (ID
 * numbers, phones, card numbers stored in application data), also when written with separators.
 */
export function scanForPii(source: string, value: unknown, secrets: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  for (const [path, text] of leaves(value)) {
    for (const [kind, re] of PII_PATTERNS) for (const m of text.matchAll(re)) out.push({ source, path, kind, match: m[0] });
    const squeezed = text.replace(SEPARATORS, '').toUpperCase();
    for (const secret of secrets) {
      if (squeezed.includes(secret.toUpperCase())) out.push({ source, path, kind: 'stored value', match: secret });
    }
  }
  return out;
}

/** The ID numbers, phones and card numbers in application data, found by field name and by shape. */
export function secretsIn(data: unknown, into = new Set<string>()): Set<string> {
  for (const [path, text] of leaves(data)) {
    const key = path.split('/').pop() ?? '';
    const digits = text.replace(SEPARATORS, '');
    if (/idnumber|phone|mobile|bankcard|contact/i.test(key) && /^[0-9]{7,19}[0-9Xx]?$/.test(digits)) into.add(digits);
    else for (const [, re] of PII_PATTERNS) for (const m of text.matchAll(re)) into.add(m[0]);
  }
  return into;
}
