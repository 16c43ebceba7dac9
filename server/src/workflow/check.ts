/**
 * The static check of a workflow definition (re-exported by definition.ts). It reads `unknown`
 * input defensively and reports every problem it finds; it never throws and never evaluates
 * anything from the definition.
 */
import { checkImportOptions } from './import-options.js';
import { checkRegisterLink, checkStateEffects } from './effects.js';
import {
  DEFAULT_OBJECTION_EVENT,
  MAX_STATES,
  OUTCOMES,
  STATE_KINDS,
  SUBMIT_EVENT,
  type Outcome,
  type StateKind,
  type Title,
  type WorkflowProblem,
  type WorkflowProblemCode,
  type WorkflowReport,
} from './definition.js';
import { delayOutOfBounds, durationMs, isDuration, resolveDelay } from './durations.js';
import { checkGuard, ENTRY_VAR, ruleReadsEntry } from './guards.js';

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const MACHINE_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;
const JSON_POINTER = /^(\/([^~]|~[01])*)+$/;
const MAX_JSON_DEPTH = 64;

const TOP_KEYS = new Set(['id', 'initial', 'states', 'meta', 'description', 'version']);
const STATE_KEYS = new Set(['type', 'meta', 'on', 'after', 'description', 'tags']);
const TRANSITION_KEYS = new Set(['target', 'guard', 'meta', 'description']);
const STATE_META_KEYS = new Set(['kind', 'title', 'roles', 'editable', 'objectionEvent', 'outcome', 'description', 'review', 'dueIn', 'dueDate', 'effects', 'effectKind']);
const REVIEW_KEYS = new Set(['every', 'title', 'roles', 'events', 'dueIn', 'description']);
const MONTH_DAY = /^(\d\d)-(\d\d)$/;
const TRANSITION_META_KEYS = new Set(['title', 'roles', 'requiresComment', 'description']);

// Keys that would make XState run code, spawn actors or nest states: refused, never silently ignored.
const REFUSED: ReadonlyMap<string, string> = new Map(Object.entries({
  states: 'nested states are not supported (states are flat)',
  initial: 'nested states are not supported (states are flat)',
  invoke: '"invoke" is not supported (nothing is ever run as code)',
  entry: 'entry actions are not supported (nothing is ever run as code)',
  exit: 'exit actions are not supported (nothing is ever run as code)',
  actions: 'actions are not supported (nothing is ever run as code)',
  always: 'eventless "always" transitions are not supported',
  context: 'machine context is not supported (the form data is the context)',
  on: 'machine-level transitions are not supported: put them on each state',
  after: 'machine-level timers are not supported: put them on each state',
  history: 'history states are not supported',
  onDone: '"onDone" is not supported',
  output: '"output" is not supported',
  id: 'state ids are not supported (they would change target and timer names)',
}));

export interface CheckOptions {
  /**
   * Role names the definition may use: the catalogue visible at the programme's region (built-in
   * roles and those its county or a region above defined). Without it only the shape of the role
   * lists is checked (a stored version, checked when it was published, compiles without a query).
   */
  knownRoles?: ReadonlySet<string>;
  /**
   * Whether a JSON pointer names a field of the programme's form. Given when the form is known
   * (saving and publishing a programme), so a guard's `paths` cannot point at nothing.
   */
  fieldExists?: (pointer: string) => boolean;
  /** Names of retired roles visible there: refused for new drafts and publishes, with their own message. */
  retiredRoles?: ReadonlySet<string>;
}

/** RFC 6901 escaping of one pointer segment. */
export const pointerSegment = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTitle = (v: unknown): v is Title =>
  isRecord(v) && typeof v.zh === 'string' && v.zh.trim() !== '' && typeof v.en === 'string' && v.en.trim() !== '';
const show = (v: unknown) => JSON.stringify(v) ?? String(v);

interface Where {
  state?: string;
  event?: string;
  delay?: string;
  /** JSON pointer to the value at fault. */
  path?: string;
}

class Problems {
  readonly errors: WorkflowProblem[] = [];
  readonly warnings: WorkflowProblem[] = [];
  error(code: WorkflowProblemCode, where: Where, text: string) {
    this.errors.push(make(code, where, text));
  }
  /** An error located exactly (a JSON pointer into the workflow) and worded in Chinese too. */
  errorAt(code: WorkflowProblemCode, where: Where, text: string, pointer: string, messageZh: string) {
    this.errors.push({ ...make(code, where, text), path: pointer, messageZh });
  }
  warn(code: WorkflowProblemCode, where: Where, text: string) {
    this.warnings.push(make(code, where, text));
  }
}

function make(code: WorkflowProblemCode, where: Where, text: string): WorkflowProblem {
  const parts: string[] = [];
  if (where.state !== undefined) parts.push(`State "${where.state}"`);
  if (where.event !== undefined) parts.push(`event "${where.event}"`);
  if (where.delay !== undefined) {
    parts.push(where.state === undefined ? `Delay "${where.delay}" in meta.delays` : `timer "${where.delay}"`);
  }
  const p: WorkflowProblem = { code, message: parts.length ? `${parts.join(', ')}: ${text}` : text };
  if (where.state !== undefined) p.state = where.state;
  if (where.event !== undefined) p.event = where.event;
  if (where.delay !== undefined) p.delay = where.delay;
  if (where.path !== undefined) p.path = where.path;
  return p;
}

interface Scope {
  problems: Problems;
  stateNames: ReadonlySet<string>;
  knownRoles: ReadonlySet<string> | undefined;
  retiredRoles: ReadonlySet<string> | undefined;
  namedDelays: Rec | undefined;
  fieldExists?: (pointer: string) => boolean;
  /** The machine's `meta.register`, which state effects need. */
  registerLink: unknown;
}

/** What the graph checks need to know about one state. */
interface StateSummary {
  final: boolean;
  targets: string[];
}

/**
 * Checks a workflow definition and returns every problem at once. `ok` is true when there are no
 * errors; warnings (missing transition titles, ignored keys) do not block publishing.
 */
export function checkWorkflow(def: unknown, opts: CheckOptions = {}): WorkflowReport {
  const problems = new Problems();
  const report = (): WorkflowReport => ({ ok: problems.errors.length === 0, ...problems });
  if (!isRecord(def)) {
    problems.error('NOT_AN_OBJECT', {}, `A workflow must be a JSON object, got ${Array.isArray(def) ? 'an array' : typeof def}`);
    return report();
  }
  checkPlainJson(def, [], 0, new Set(), problems);

  if (typeof def.id !== 'string' || def.id === '') problems.error('MISSING_ID', {}, 'The workflow needs an "id" (the programme key)');
  else if (!MACHINE_ID.test(def.id)) problems.error('INVALID_NAME', {}, `Workflow id ${show(def.id)} must be letters, digits, "_" or "-", starting with a letter`);
  for (const key of Object.keys(def)) {
    if (key === 'type') problems.error('UNSUPPORTED_FEATURE', {}, `Workflow "type" ${show(def.type)} is not supported (parallel machines are refused)`);
    else if (!TOP_KEYS.has(key) && REFUSED.has(key)) problems.error('UNSUPPORTED_FEATURE', {}, `Workflow: ${REFUSED.get(key)}`);
    else if (!TOP_KEYS.has(key)) problems.warn('UNKNOWN_KEY', {}, `Workflow: unknown key "${key}" is ignored`);
  }
  const namedDelays = checkMachineMeta(def.meta, problems);

  if (!isRecord(def.states) || Object.keys(def.states).length === 0) {
    problems.error('MISSING_STATES', {}, 'The workflow needs "states" with at least one state');
    return report();
  }
  const states = def.states;
  const names = Object.keys(states);
  if (names.length > MAX_STATES) {
    problems.error('TOO_LARGE', {}, `The workflow has ${names.length} states; at most ${MAX_STATES} are allowed`);
    return report();
  }

  const initial = typeof def.initial === 'string' ? def.initial : undefined;
  if (initial === undefined) problems.error('MISSING_INITIAL', {}, 'The workflow needs an "initial" state (the draft)');
  else if (!Object.hasOwn(states, initial)) problems.error('UNKNOWN_INITIAL', {}, `Initial state "${initial}" does not exist`);

  const scope: Scope = {
    problems,
    stateNames: new Set(names),
    knownRoles: opts.knownRoles,
    retiredRoles: opts.retiredRoles,
    namedDelays,
    fieldExists: opts.fieldExists,
    registerLink: isRecord(def.meta) ? def.meta.register : undefined,
  };
  const summaries = new Map<string, StateSummary>();
  for (const name of names) {
    if (!NAME.test(name)) problems.error('INVALID_NAME', { state: name }, 'state names are letters, digits and "_", starting with a letter');
    summaries.set(name, checkState(name, states[name], name === initial, scope));
  }
  if (initial !== undefined && summaries.has(initial)) checkGraph(initial, summaries, problems);
  return report();
}

/** Refuses anything that is not plain JSON: functions, class instances, cycles, absurd nesting. */
function checkPlainJson(value: unknown, path: string[], depth: number, seen: Set<object>, problems: Problems): void {
  const at = () => `"/${path.join('/')}"`;
  const where: Where = path[0] === 'states' && path[1] !== undefined ? { state: path[1] } : {};
  if (typeof value === 'function') {
    problems.error('NOT_JSON', where, `${at()} is a function: nothing in a workflow is ever run as code`);
    return;
  }
  if (typeof value === 'symbol' || typeof value === 'bigint') {
    problems.error('NOT_JSON', where, `${at()} is a ${typeof value}, not a JSON value`);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (depth > MAX_JSON_DEPTH) {
    problems.error('TOO_LARGE', where, `${at()} is nested deeper than ${MAX_JSON_DEPTH} levels`);
    return;
  }
  if (seen.has(value)) {
    problems.error('NOT_JSON', where, `${at()} refers back to itself`);
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
    problems.error('NOT_JSON', where, `${at()} is not a plain JSON object`);
    return;
  }
  seen.add(value);
  for (const [k, v] of Object.entries(value)) checkPlainJson(v, [...path, k], depth + 1, seen, problems);
  seen.delete(value);
}

function checkMachineMeta(meta: unknown, problems: Problems): Rec | undefined {
  if (meta === undefined) {
    problems.warn('MISSING_TITLE', {}, 'The workflow has no meta.title { zh, en }');
    return undefined;
  }
  if (!isRecord(meta)) {
    problems.error('INVALID_META', {}, 'Workflow "meta" must be an object');
    return undefined;
  }
  if (meta.title === undefined) problems.warn('MISSING_TITLE', {}, 'The workflow has no meta.title { zh, en }');
  else if (!isTitle(meta.title)) problems.error('MISSING_TITLE', {}, 'Workflow meta.title must be { "zh": ..., "en": ... } with both texts');
  for (const m of checkRegisterLink(meta.register)) problems.errorAt('INVALID_EFFECT', {}, m.en, m.path, m.zh);
  for (const m of checkImportOptions(meta.import)) problems.errorAt('INVALID_META', {}, m.en, m.path, m.zh);
  if (meta.delays === undefined) return undefined;
  if (!isRecord(meta.delays)) {
    problems.error('INVALID_DELAY', {}, 'Workflow meta.delays must map names to ISO-8601 durations, e.g. { "NOTICE_PERIOD": "P7D" }');
    return undefined;
  }
  for (const [name, value] of Object.entries(meta.delays)) {
    if (!NAME.test(name)) problems.error('INVALID_DELAY', { delay: name }, 'delay names are letters, digits and "_", starting with a letter');
    else if (isDuration(name)) problems.error('INVALID_DELAY', { delay: name }, 'a delay name must not itself look like a duration');
    if (!isDuration(value)) problems.error('INVALID_DELAY', { delay: name }, `${show(value)} is not a positive ISO-8601 duration like "P7D"`);
    else {
      const bound = delayOutOfBounds(durationMs(value)!);
      if (bound) problems.error('INVALID_DELAY', { delay: name }, `${show(value)} ${bound}`);
    }
  }
  return meta.delays;
}

function checkState(name: string, raw: unknown, isInitial: boolean, scope: Scope): StateSummary {
  const { problems } = scope;
  const at: Where = { state: name };
  const summary: StateSummary = { final: false, targets: [] };
  if (!isRecord(raw)) {
    problems.error('INVALID_META', at, 'a state must be an object with "meta"');
    return summary;
  }
  for (const key of Object.keys(raw)) {
    if (STATE_KEYS.has(key)) continue;
    if (REFUSED.has(key)) problems.error('UNSUPPORTED_FEATURE', at, REFUSED.get(key)!);
    else problems.error('UNKNOWN_KEY', at, `unknown key "${key}"`);
  }
  if (raw.type !== undefined && raw.type !== 'final') {
    problems.error('UNSUPPORTED_FEATURE', at, `type ${show(raw.type)} is not supported (only "final"; parallel and nested states are refused)`);
  }

  if (!isRecord(raw.meta)) problems.error('INVALID_META', at, 'needs "meta" with kind and title');
  const meta: Rec = isRecord(raw.meta) ? raw.meta : {};
  for (const key of Object.keys(meta)) {
    if (!STATE_META_KEYS.has(key)) problems.warn('UNKNOWN_KEY', at, `unknown meta key "${key}" is ignored`);
  }
  if (!isTitle(meta.title)) problems.error('MISSING_TITLE', at, 'needs meta.title with "zh" and "en"');
  const kind = STATE_KINDS.includes(meta.kind as StateKind) ? (meta.kind as StateKind) : undefined;
  if (kind === undefined) problems.error('INVALID_KIND', at, `meta.kind must be one of ${STATE_KINDS.join(', ')} (got ${show(meta.kind)})`);
  const final = raw.type === 'final' || kind === 'final';
  summary.final = final;
  if (kind !== undefined && (raw.type === 'final') !== (kind === 'final')) {
    problems.error('FINAL_MISMATCH', at, kind === 'final' ? 'kind "final" needs type "final"' : `type "final" needs kind "final" (got "${kind}")`);
  }
  const stateRoles = checkRoles(meta.roles, at, 'meta.roles', `/states/${pointerSegment(name)}/meta/roles`, scope) ?? [];
  checkEditable(meta.editable, at, problems);
  for (const m of checkStateEffects(meta, scope.registerLink)) problems.errorAt('INVALID_EFFECT', at, m.en, `/states/${pointerSegment(name)}/meta${m.path}`, m.zh);

  if (final) {
    if (!OUTCOMES.includes(meta.outcome as Outcome)) {
      problems.error('INVALID_OUTCOME', at, `a final state needs meta.outcome: ${OUTCOMES.join(' | ')} (got ${show(meta.outcome)})`);
    }
    if (raw.on !== undefined || raw.after !== undefined) problems.error('FINAL_HAS_TRANSITIONS', at, 'a final state has no transitions or timers');
    if (meta.review !== undefined) problems.error('INVALID_REVIEW', { ...at, path: metaPath(name, 'review') }, 'a final state has no reviews');
    if (meta.dueIn !== undefined || meta.dueDate !== undefined) {
      problems.error('INVALID_DUE', { ...at, path: metaPath(name, meta.dueIn !== undefined ? 'dueIn' : 'dueDate') }, 'a final state has no due date');
    }
    return summary;
  }
  if (meta.outcome !== undefined) problems.error('INVALID_OUTCOME', at, 'only final states have meta.outcome');

  let objectionEvent: string | undefined;
  if (kind === 'notice') {
    objectionEvent = meta.objectionEvent === undefined ? DEFAULT_OBJECTION_EVENT : String(meta.objectionEvent);
    if (meta.objectionEvent !== undefined && (typeof meta.objectionEvent !== 'string' || !NAME.test(meta.objectionEvent))) {
      problems.error('INVALID_META', at, `meta.objectionEvent ${show(meta.objectionEvent)} is not an event name`);
    }
  } else if (meta.objectionEvent !== undefined) {
    problems.error('INVALID_META', at, 'meta.objectionEvent is only for notice states');
  }

  // Someone must be able to move the case on: a role, the filer (draft SUBMIT) or a timer.
  let roleCanAct = false;
  const on = raw.on === undefined ? {} : raw.on;
  const eventRoles = new Map<string, string[]>();
  if (!isRecord(on)) problems.error('INVALID_TRANSITION', at, '"on" must map event names to transitions');
  else {
    for (const [event, spec] of Object.entries(on)) {
      const ev = checkEvent(name, event, spec, stateRoles, scope);
      eventRoles.set(event, ev.roles);
      summary.targets.push(...ev.targets);
      const sentByFiler = isInitial && event === SUBMIT_EVENT;
      const sentByPublic = event === objectionEvent;
      if (ev.roles.length > 0) roleCanAct = true;
      else if (!sentByFiler && !sentByPublic && ev.valid) {
        problems.error('EVENT_NOT_SENDABLE', { state: name, event }, 'no role may send this event: give the transition or the state meta.roles');
      }
    }
  }
  const timerCount = checkTimers(name, raw.after, scope, summary);
  checkReview(name, meta.review, kind, eventRoles, scope);
  checkDue(name, meta, scope);

  if (isInitial && kind !== undefined && kind !== 'draft') problems.error('INITIAL_NOT_DRAFT', at, `the initial state must be kind "draft" (got "${kind}")`);
  if (isInitial && !(isRecord(on) && Object.hasOwn(on, SUBMIT_EVENT))) problems.error('MISSING_SUBMIT', at, `the draft state needs a "${SUBMIT_EVENT}" event`);
  if (!isInitial && kind === 'draft') problems.error('EXTRA_DRAFT', at, 'only the initial state may be kind "draft"');
  if (kind === 'notice') {
    if (timerCount === 0) problems.error('NOTICE_WITHOUT_TIMER', at, 'a notice state needs a timer ("after") that ends the notice period');
    if (!(isRecord(on) && Object.hasOwn(on, objectionEvent!))) {
      problems.error('MISSING_OBJECTION_EVENT', { state: name, event: objectionEvent }, 'the objection event of this notice is missing from "on"');
    }
  }
  if (!isInitial && !roleCanAct && timerCount === 0) {
    problems.error('NO_ACTOR', at, 'no role acts here and no timer fires: the case would be stuck (add meta.roles or "after")');
  }
  return summary;
}

const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const metaPath = (state: string, ...rest: string[]) => `/states/${esc(state)}/meta/${rest.map(esc).join('/')}`;

/** A duration or a `meta.delays` name within the timer bounds; the English reason when it is not. */
function badPeriod(value: unknown, scope: Scope): string | undefined {
  if (typeof value !== 'string') return `${show(value)} is not an ISO-8601 duration (like "P2M") or a name in meta.delays`;
  const named = scope.namedDelays !== undefined && Object.hasOwn(scope.namedDelays, value);
  if (named) return undefined; // a bad named value is reported once, at meta.delays
  const resolved = resolveDelay(value, undefined);
  if (!resolved) return `"${value}" is neither an ISO-8601 duration (like "P2M") nor a name in meta.delays`;
  const bound = delayOutOfBounds(resolved.ms);
  return bound ? `"${value}" ${bound}` : undefined;
}

/**
 * meta.review: a recurring review of a task state. Its roles must exist and be able to answer it
 * (send one of its events), or an occurrence would sit in an inbox nobody can clear.
 */
function checkReview(state: string, review: unknown, kind: StateKind | undefined, eventRoles: ReadonlyMap<string, string[]>, scope: Scope): void {
  if (review === undefined) return;
  const { problems } = scope;
  const at = (...rest: string[]): Where => ({ state, path: metaPath(state, 'review', ...rest) });
  if (!isRecord(review)) {
    problems.error('INVALID_REVIEW', at(), 'meta.review must be an object { every, title, roles, events }');
    return;
  }
  if (kind !== undefined && kind !== 'task') problems.error('INVALID_REVIEW', at(), `only task states have a recurring review (this one is "${kind}")`);
  for (const key of Object.keys(review)) {
    if (!REVIEW_KEYS.has(key)) problems.error('INVALID_REVIEW', at(key), `unknown key "${key}" in meta.review`);
  }
  const every = badPeriod(review.every, scope);
  if (every) problems.error('INVALID_REVIEW', at('every'), `meta.review.every: ${every}`);
  if (review.dueIn !== undefined) {
    const due = badPeriod(review.dueIn, scope);
    if (due) problems.error('INVALID_REVIEW', at('dueIn'), `meta.review.dueIn: ${due}`);
  }
  if (!isTitle(review.title)) problems.error('INVALID_REVIEW', at('title'), 'meta.review.title must be { "zh": ..., "en": ... } with both texts');
  const roles = Array.isArray(review.roles) && review.roles.every((r) => typeof r === 'string') ? review.roles : undefined;
  if (!roles || roles.length === 0) problems.error('INVALID_REVIEW', at('roles'), 'meta.review.roles must be a non-empty list of role names');
  const events = Array.isArray(review.events) && review.events.every((e) => typeof e === 'string') ? review.events : undefined;
  if (!events || events.length === 0) {
    problems.error('INVALID_REVIEW', at('events'), 'meta.review.events must list the events of this state that answer the review, e.g. ["REVIEWED"]');
  } else {
    events.forEach((e, i) => {
      if (!eventRoles.has(e)) problems.error('INVALID_REVIEW', { ...at('events', String(i)), event: e }, `meta.review.events names "${e}", which is not in this state's "on"`);
    });
  }
  roles?.forEach((role, i) => {
    if (scope.knownRoles && !scope.knownRoles.has(role)) problems.error('UNKNOWN_ROLE', at('roles', String(i)), `meta.review.roles: unknown role "${role}"`);
    else if (events && events.length && !events.some((e) => eventRoles.get(e)?.includes(role))) {
      problems.error('INVALID_REVIEW', at('roles', String(i)), `meta.review.roles: "${role}" may send none of the review's events (${events.join(', ')}), so it could never answer the review`);
    }
  });
}

/** meta.dueIn (a duration from entering the state) or meta.dueDate ({ field } or { annual: "MM-DD" }). */
function checkDue(state: string, meta: Rec, scope: Scope): void {
  const { problems } = scope;
  if (meta.dueIn !== undefined) {
    const bad = badPeriod(meta.dueIn, scope);
    if (bad) problems.error('INVALID_DUE', { state, path: metaPath(state, 'dueIn') }, `meta.dueIn: ${bad}`);
    if (meta.dueDate !== undefined) problems.error('INVALID_DUE', { state, path: metaPath(state, 'dueDate') }, 'give meta.dueIn or meta.dueDate, not both');
  }
  if (meta.dueDate === undefined) return;
  const d = meta.dueDate;
  const at: Where = { state, path: metaPath(state, 'dueDate') };
  if (!isRecord(d) || Object.keys(d).length !== 1 || (d.field === undefined && d.annual === undefined)) {
    problems.error('INVALID_DUE', at, 'meta.dueDate must be { "field": "/planDeadline" } or { "annual": "04-15" }');
    return;
  }
  if (d.field !== undefined && (typeof d.field !== 'string' || !JSON_POINTER.test(d.field))) {
    problems.error('INVALID_DUE', { state, path: metaPath(state, 'dueDate', 'field') }, `meta.dueDate.field ${show(d.field)} is not a JSON pointer like "/planDeadline"`);
  }
  if (d.annual !== undefined && !isMonthDay(d.annual)) {
    problems.error('INVALID_DUE', { state, path: metaPath(state, 'dueDate', 'annual') }, `meta.dueDate.annual ${show(d.annual)} is not a day of the year "MM-DD" like "04-15"`);
  }
}

function isMonthDay(v: unknown): boolean {
  const m = typeof v === 'string' ? MONTH_DAY.exec(v) : null;
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  // 29 February is refused: it would be due only one year in four.
  return month >= 1 && month <= 12 && day >= 1 && day <= [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** `pointer` locates the list in the workflow; each unknown name is reported at its own index. */
function checkRoles(value: unknown, at: Where, label: string, pointer: string, scope: Scope): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((r) => typeof r === 'string')) {
    scope.problems.error('INVALID_ROLES', at, `${label} must be a list of role names`);
    return [];
  }
  const { knownRoles, retiredRoles } = scope;
  if (knownRoles) {
    value.forEach((role, i) => {
      if (knownRoles.has(role)) return;
      const shown = JSON.stringify(role.slice(0, 40));
      if (retiredRoles?.has(role)) {
        scope.problems.errorAt('RETIRED_ROLE', at, `role ${shown} is retired: it may not be used by new versions`, `${pointer}/${i}`, `角色 ${shown} 已停用，新版本不能再使用`);
      } else {
        scope.problems.errorAt('UNKNOWN_ROLE', at, `unknown role ${shown}`, `${pointer}/${i}`, `未知角色 ${shown}：本县及上级未定义此角色，也不是内置角色`);
      }
    });
  }
  return value;
}

function checkEditable(value: unknown, at: Where, problems: Problems): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    problems.error('INVALID_EDITABLE', at, 'meta.editable must be a list of JSON pointers like "/housingGrade"');
    return;
  }
  for (const p of value) {
    if (typeof p !== 'string' || !JSON_POINTER.test(p)) {
      problems.error('INVALID_EDITABLE', at, `meta.editable entry ${show(p)} is not a JSON pointer like "/housingGrade"`);
    }
  }
}

interface EventSummary {
  targets: string[];
  /** Roles that may send it (the first alternative's, or the state's). */
  roles: string[];
  /** False when the event is malformed: no sendability error is stacked on top. */
  valid: boolean;
}

function checkEvent(state: string, event: string, spec: unknown, stateRoles: string[], scope: Scope): EventSummary {
  const { problems } = scope;
  const at: Where = { state, event };
  const summary: EventSummary = { targets: [], roles: [], valid: true };
  if (!NAME.test(event)) {
    // Also refuses "*" wildcards, "" (eventless) and "xstate.*" internal events.
    problems.error('INVALID_NAME', at, 'event names are letters, digits and "_", starting with a letter');
    summary.valid = false;
  }
  const alts = Array.isArray(spec) ? spec : [spec];
  if (alts.length === 0) {
    problems.error('INVALID_TRANSITION', at, 'an empty list of alternatives');
    return { ...summary, valid: false };
  }
  let unguardedSeen = false;
  let hasTitle = false;
  const signatures = new Set<string>();
  const base = `/states/${pointerSegment(state)}/on/${pointerSegment(event)}`;
  alts.forEach((alt, i) => {
    const t = checkTransition(alt, at, Array.isArray(spec) ? `${base}/${i}` : base, scope);
    if (!t) {
      summary.valid = false;
      return;
    }
    if (t.target) summary.targets.push(t.target);
    if (unguardedSeen) problems.warn('SHADOWED_ALTERNATIVE', at, `alternative ${i + 1} is never taken: an earlier one has no guard`);
    if (!t.guarded) unguardedSeen = true;
    hasTitle ||= t.hasTitle;
    const roles = t.roles ?? stateRoles;
    if (i === 0) summary.roles = roles;
    signatures.add(JSON.stringify([[...roles].sort(), t.requiresComment]));
  });
  if (signatures.size > 1) {
    problems.error('INCONSISTENT_ALTERNATIVES', at, 'all alternatives of one event must have the same roles and requiresComment');
  }
  if (!hasTitle && summary.valid) problems.warn('MISSING_TITLE', at, 'no meta.title { zh, en }: the event name is shown instead');
  return summary;
}

interface TransitionSummary {
  target?: string;
  guarded: boolean;
  hasTitle: boolean;
  roles?: string[];
  requiresComment: boolean;
}

function checkTransition(raw: unknown, at: Where, pointer: string, scope: Scope): TransitionSummary | undefined {
  const { problems } = scope;
  const t = typeof raw === 'string' ? { target: raw } : raw;
  if (!isRecord(t)) {
    problems.error('INVALID_TRANSITION', at, `a transition must be a target name or { "target": ... }, got ${show(raw)}`);
    return undefined;
  }
  for (const key of Object.keys(t)) {
    if (REFUSED.has(key)) problems.error('UNSUPPORTED_FEATURE', at, REFUSED.get(key)!);
    else if (!TRANSITION_KEYS.has(key)) problems.error('UNKNOWN_KEY', at, `unknown key "${key}" in a transition`);
  }
  const summary: TransitionSummary = { guarded: t.guard !== undefined, hasTitle: false, requiresComment: false };
  if (t.target === undefined) problems.error('INVALID_TRANSITION', at, 'a transition needs a "target"');
  else if (typeof t.target !== 'string') problems.error('INVALID_TRANSITION', at, `target must be one state name, got ${show(t.target)}`);
  else if (!scope.stateNames.has(t.target)) problems.error('UNKNOWN_TARGET', at, `target "${t.target}" does not exist`);
  else summary.target = t.target;
  if (t.guard !== undefined) {
    for (const g of checkGuard(t.guard, scope.fieldExists)) problems.error(g.code, at, g.message);
    // `$entry` is the case's register entry: a workflow that names no register has none to read.
    if (isRecord(t.guard) && t.guard.type === 'rule' && isRecord(t.guard.params) && ruleReadsEntry(t.guard.params.rule) && !scope.registerLink) {
      problems.error('ENTRY_WITHOUT_REGISTER', at, `the guard reads "${ENTRY_VAR}" but the workflow names no register (meta.register)`);
    }
  }
  if (t.meta !== undefined && !isRecord(t.meta)) problems.error('INVALID_META', at, 'transition "meta" must be an object');
  const meta: Rec = isRecord(t.meta) ? t.meta : {};
  for (const key of Object.keys(meta)) {
    if (!TRANSITION_META_KEYS.has(key)) problems.warn('UNKNOWN_KEY', at, `unknown meta key "${key}" is ignored`);
  }
  if (meta.title !== undefined) {
    if (isTitle(meta.title)) summary.hasTitle = true;
    else problems.error('MISSING_TITLE', at, 'meta.title must be { "zh": ..., "en": ... } with both texts');
  }
  summary.roles = checkRoles(meta.roles, at, 'meta.roles', `${pointer}/meta/roles`, scope);
  if (meta.requiresComment !== undefined && typeof meta.requiresComment !== 'boolean') {
    problems.error('INVALID_META', at, 'meta.requiresComment must be true or false');
  }
  summary.requiresComment = meta.requiresComment === true;
  return summary;
}

/** Checks `after` and returns how many valid timers the state has. */
function checkTimers(state: string, after: unknown, scope: Scope, summary: StateSummary): number {
  const { problems } = scope;
  if (after === undefined) return 0;
  if (!isRecord(after)) {
    problems.error('INVALID_DELAY', { state }, '"after" must map delays to a transition');
    return 0;
  }
  let count = 0;
  for (const [delay, spec] of Object.entries(after)) {
    const at: Where = { state, delay };
    const named = scope.namedDelays !== undefined && Object.hasOwn(scope.namedDelays, delay);
    // A named delay with a bad value is reported once, at meta.delays.
    if (!named) {
      const resolved = resolveDelay(delay, undefined);
      const bound = resolved && delayOutOfBounds(resolved.ms);
      if (!resolved) problems.error('UNKNOWN_DELAY', at, `"${delay}" is neither an ISO-8601 duration (like "P7D") nor a name in meta.delays`);
      else if (bound) problems.error('INVALID_DELAY', at, `"${delay}" ${bound}`);
    }
    // One target per timer: the server schedules exactly one job per delay and fires it blind.
    if (Array.isArray(spec) || (isRecord(spec) && spec.guard !== undefined)) {
      problems.error('TIMER_GUARD', at, 'a timer takes one transition without a guard');
      continue;
    }
    const t = checkTransition(spec, at, `/states/${pointerSegment(state)}/after/${pointerSegment(delay)}`, { ...scope, knownRoles: undefined });
    if (t?.target) summary.targets.push(t.target);
    if (t?.roles !== undefined) problems.warn('UNKNOWN_KEY', at, 'meta.roles on a timer is ignored (the server fires timers)');
    count++;
  }
  return count;
}

/** Every state reachable from the initial one, and a final state reachable from every state. */
function checkGraph(initial: string, summaries: ReadonlyMap<string, StateSummary>, problems: Problems): void {
  const reachable = closure([initial], (s) => summaries.get(s)?.targets ?? []);
  const incoming = new Map<string, string[]>();
  for (const [from, s] of summaries) {
    for (const to of s.targets) incoming.set(to, [...(incoming.get(to) ?? []), from]);
  }
  const finals = [...summaries].filter(([, s]) => s.final).map(([n]) => n);
  const canFinish = closure(finals, (s) => incoming.get(s) ?? []);
  for (const [name, s] of summaries) {
    if (!reachable.has(name)) problems.error('UNREACHABLE_STATE', { state: name }, `unreachable from the initial state "${initial}"`);
    else if (!s.final && !canFinish.has(name)) {
      problems.error('NO_PATH_TO_FINAL', { state: name }, 'no final state can be reached from here (a cycle that never ends?)');
    }
  }
  if (finals.length === 0) problems.error('NO_PATH_TO_FINAL', {}, 'The workflow has no final state');
}

function closure(start: string[], next: (s: string) => string[]): Set<string> {
  const seen = new Set(start);
  const queue = [...start];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const n of next(s)) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}
