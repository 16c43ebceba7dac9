/**
 * Runs a checked workflow definition with XState's pure functions: no actors, no clocks, nothing
 * scheduled in memory. The server persists the snapshot on the application, and turns each timer
 * (`stateInfo(state).timers`) into a durable job that sends `eventType` back through `transition`
 * when it fires, because XState forgets pending `after` timers when a snapshot is restored.
 *
 * Compile once per programme version and cache the result.
 */
import { createActor, initialTransition, setup, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { DomainError, type FieldProblem } from '../core/errors.js';
import {
  alternatives,
  checkWorkflow,
  objectionEventOf,
  type CheckOptions,
  type GuardConfig,
  type Outcome,
  type StateKind,
  type Title,
  type TransitionConfig,
  type WorkflowDefinition,
  type WorkflowProblem,
} from './definition.js';
import { resolveDelay } from './durations.js';
import type { DueRule, ReviewInfo } from './due.js';
import { guardImplementations, ruleReadsEntry, type GuardEvent } from './guards.js';

export type ApplicationStatus = 'DRAFT' | 'IN_REVIEW' | 'UNDER_NOTICE' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';

export interface TimerInfo {
  /** The `after` key: a duration (`P7D`) or a name from `meta.delays` (`NOTICE_PERIOD`). */
  delay: string;
  /** The ISO-8601 duration it resolves to. */
  duration: string;
  ms: number;
  /** The event to pass to `transition` when the timer fires (XState's own after-event type). */
  eventType: string;
  target: string;
}

export interface StateInfo {
  name: string;
  kind: StateKind;
  title: Title;
  roles: string[];
  editable: string[];
  objectionEvent?: string;
  outcome?: Outcome;
  timers: TimerInfo[];
  /** The recurring review of a task state (`meta.review`), with its period resolved. */
  review?: ReviewInfo;
  /** How the state's due date is set (`meta.dueIn` resolved to ms, or `meta.dueDate`). */
  due?: DueRule;
}

export interface EventInfo {
  event: string;
  title: Title;
  /** Roles that may send it. Empty for the draft's SUBMIT without roles: only the filer sends it. */
  roles: string[];
  requiresComment: boolean;
}

/** A persisted XState snapshot: plain JSON, safe to store in a jsonb column. */
export type PersistedSnapshot = { value: string; status: string } & Record<string, unknown>;

export interface TransitionContext {
  /** The application's form data, read by `rule` guards. */
  data: Record<string, unknown>;
  /**
   * Distinct users who have sent this event type since the application last entered the current
   * state from another state (self-transitions do not start a new visit), counting the current
   * actor. Read by `quorum` guards.
   */
  distinctActors: number;
  /** The case's register entry data for rules that read `$entry` (null: the case names none). */
  entry?: Readonly<Record<string, unknown>> | null;
}

export interface TransitionResult {
  /** False when the state does not accept the event or every guard failed: nothing happened. */
  changed: boolean;
  from: string;
  to: string;
  snapshot: PersistedSnapshot;
  info: StateInfo;
  /**
   * When the state accepts the event but every alternative's guard failed: those guards, in
   * order, with their `message` and `paths` (the reasons to show). Absent otherwise.
   */
  refusedBy?: GuardConfig[];
}

/** An event of a state decided by a quorum: `count` distinct people must send it. */
export interface QuorumInfo {
  event: string;
  count: number;
}

export interface DiagramEdge {
  from: string;
  to: string;
  event: string;
  title: Title;
  /** The `after` key, for timer edges (then `event` is the timer's event type). */
  timer?: string;
  /** The guard type, for guarded alternatives. */
  guard?: string;
}

export interface WorkflowDiagram {
  nodes: { id: string; kind: StateKind; title: Title }[];
  edges: DiagramEdge[];
}

export interface CompiledWorkflow {
  readonly id: string;
  readonly title?: Title;
  readonly definition: WorkflowDefinition;
  /** The checker's warnings (the definition has no errors, or it would not compile). */
  readonly warnings: readonly WorkflowProblem[];
  /** Whether a `rule` guard reads the case's register entry (`$entry`): callers then load it. */
  readonly readsEntry: boolean;
  initialState(): { state: string; snapshot: PersistedSnapshot };
  /** The persisted snapshot of a case standing in `state` (moving a case to another version). */
  snapshotAt(state: string): PersistedSnapshot;
  stateInfo(state: string): StateInfo;
  /** Events a role may send in this state. Timers and a notice's public objection are not listed. */
  events(state: string): EventInfo[];
  /** The state's events that have a `quorum` guard (usually none or one). */
  quorums(state: string): QuorumInfo[];
  transition(snapshot: unknown, event: { type: string }, ctx: TransitionContext): TransitionResult;
  status(state: string): ApplicationStatus;
  diagram(): WorkflowDiagram;
}

/** Checks and compiles a definition; throws WORKFLOW_INVALID with every problem if the check fails. */
export function compileWorkflow(input: unknown, opts: CheckOptions = {}): CompiledWorkflow {
  const report = checkWorkflow(input, opts);
  if (!report.ok) {
    const [first] = report.errors;
    const more = report.errors.length > 1 ? ` (and ${report.errors.length - 1} more)` : '';
    throw new DomainError('WORKFLOW_INVALID', `The workflow is invalid: ${first!.message}${more}`, {
      messageZh: `工作流定义有 ${report.errors.length} 处错误，首处：${first!.message}`,
      problems: report.errors.map(toFieldProblem),
      workflowProblems: report.errors,
    });
  }
  // A private copy: the caller's object may change, the cached machine must not.
  const def = structuredClone(input) as WorkflowDefinition;

  const delays: Record<string, number> = {};
  for (const state of Object.values(def.states)) {
    for (const key of Object.keys(state.after ?? {})) delays[key] = resolveDelay(key, def.meta?.delays)!.ms;
  }
  const library = setup({ types: { events: {} as GuardEvent }, guards: guardImplementations, delays });
  // The checker has established that this is a flat, code-free machine config.
  const machine = library.createMachine(def as unknown as Parameters<typeof library.createMachine>[0]);
  deepFreeze(def);

  const infos = new Map<string, StateInfo>();
  const eventLists = new Map<string, EventInfo[]>();
  const quorumLists = new Map<string, QuorumInfo[]>();
  for (const [name, state] of Object.entries(def.states)) {
    const eventTypes = new Map(machine.root.states[name]!.after.map((t) => [String(t.delay), t.eventType]));
    const timers = Object.entries(state.after ?? {}).map(([delay, spec]): TimerInfo => {
      const resolved = resolveDelay(delay, def.meta?.delays)!;
      const target = alternatives(spec)[0]!.target;
      return { delay, duration: resolved.duration, ms: resolved.ms, eventType: eventTypes.get(delay)!, target };
    });
    const info: StateInfo = {
      name,
      kind: state.meta.kind,
      title: state.meta.title,
      roles: state.meta.roles ?? [],
      editable: state.meta.editable ?? [],
      timers,
    };
    const objectionEvent = objectionEventOf(state);
    if (objectionEvent) info.objectionEvent = objectionEvent;
    const named = def.meta?.delays;
    const review = state.meta.review;
    if (review) {
      info.review = { every: review.every, ms: resolveDelay(review.every, named)!.ms, title: review.title, roles: review.roles, events: review.events };
      if (review.dueIn) info.review.dueInMs = resolveDelay(review.dueIn, named)!.ms;
    }
    if (state.meta.dueIn) info.due = { ms: resolveDelay(state.meta.dueIn, named)!.ms };
    else if (state.meta.dueDate) info.due = { ...state.meta.dueDate };
    if (state.meta.outcome) info.outcome = state.meta.outcome;
    // Frozen like the definition: every caller shares these cached objects.
    infos.set(name, deepFreeze(info));
    eventLists.set(
      name,
      deepFreeze(
        Object.entries(state.on ?? {})
          .filter(([event]) => event !== objectionEvent)
          .map(([event, spec]) => eventInfo(event, alternatives(spec), info.roles)),
      ),
    );
    quorumLists.set(
      name,
      deepFreeze(
        Object.entries(state.on ?? {}).flatMap(([event, spec]) => {
          const guard = alternatives(spec).find((a) => a.guard?.type === 'quorum')?.guard;
          return guard ? [{ event, count: guard.params.count as number }] : [];
        }),
      ),
    );
  }

  const infoOf = (state: string): StateInfo => {
    const info = infos.get(state);
    if (!info) throw new DomainError('NOT_FOUND', { en: `State "${state}" is not in workflow "${def.id}"`, zh: `工作流 ${def.id} 中没有环节 ${state}` });
    return info;
  };

  /** Rebuilds an XState snapshot from its persisted JSON (only the state name matters: no context, no children). */
  const restore = (persisted: unknown): AnyMachineSnapshot => {
    const value = typeof persisted === 'object' && persisted !== null ? (persisted as { value?: unknown }).value : undefined;
    if (typeof value !== 'string' || !infos.has(value)) {
      // Stored data that does not match its own pinned workflow version is a bug, not user input.
      throw new Error(`Snapshot state ${JSON.stringify(value)} is not in workflow "${def.id}"`);
    }
    return machine.resolveState({ value, context: {} });
  };
  // A persisted snapshot depends only on the state and its status (no context, no children, no
  // history): each is computed once and shared, frozen.
  const persisted = new Map<string, PersistedSnapshot>();
  const persist = (snap: AnyMachineSnapshot): PersistedSnapshot => {
    const key = `${String(snap.value)}\u0000${snap.status}`;
    let p = persisted.get(key);
    if (!p) persisted.set(key, (p = deepFreeze(JSON.parse(JSON.stringify(machine.getPersistedSnapshot(snap))) as PersistedSnapshot)));
    return p;
  };
  const scope = inertScope(machine);

  return {
    id: def.id,
    title: def.meta?.title,
    definition: def,
    warnings: report.warnings,
    readsEntry: Object.values(def.states).some((st) => Object.values(st.on ?? {}).some((spec) =>
      alternatives(spec).some((a) => a.guard?.type === 'rule' && ruleReadsEntry(a.guard.params.rule)))),
    initialState() {
      const [snap] = initialTransition(machine);
      return { state: snap.value as string, snapshot: persist(snap) };
    },
    snapshotAt(state) {
      infoOf(state);
      return persist(machine.resolveState({ value: state, context: {} }));
    },
    stateInfo: infoOf,
    events(state) {
      infoOf(state);
      return eventLists.get(state)!;
    },
    transition(snapshot, event, ctx) {
      const snap = restore(snapshot);
      const from = snap.value as string;
      const info = infoOf(from);
      const unchanged: TransitionResult = { changed: false, from, to: from, snapshot: persist(snap), info };
      // Only the state's own events and timers: never XState internals such as "xstate.stop".
      const accepted =
        Object.hasOwn(def.states[from]!.on ?? {}, event.type) || info.timers.some((t) => t.eventType === event.type);
      if (!accepted) return unchanged;
      const ev: GuardEvent = { type: event.type, data: ctx.data, distinctActors: ctx.distinctActors, entry: ctx.entry, ruleBudget: {} };
      const taken = machine.getTransitionData(snap, ev);
      if (ev.ruleBudget!.exceeded) throw budgetExceeded(from, info, event.type, ev.ruleBudget!.exceeded);
      if (taken.length === 0) {
        // Every guard failed (an unguarded alternative always holds, so each one has a guard).
        const spec = def.states[from]!.on?.[event.type];
        const refusedBy = spec ? alternatives(spec).flatMap((a) => (a.guard ? [a.guard] : [])) : [];
        return refusedBy.length ? { ...unchanged, refusedBy } : unchanged;
      }
      const next = machine.transition(snap, ev, scope);
      const to = next.value as string;
      return { changed: true, from, to, snapshot: persist(next), info: infoOf(to) };
    },
    quorums(state) {
      infoOf(state);
      return quorumLists.get(state)!;
    },
    status(state) {
      return statusOf(infoOf(state));
    },
    diagram() {
      return diagramOf(def, infos);
    },
  };
}

/**
 * The actor scope XState's pure `transition` would build on every call (a new actor, which computes
 * the machine's initial snapshot): built once per compiled workflow instead, since that was most of
 * the memory a transition allocated. Inert: nothing runs, no actions are executed (the workflow has
 * none; timers are the server's own jobs).
 */
function inertScope(machine: AnyStateMachine): Parameters<AnyStateMachine['transition']>[2] {
  const self = createActor(machine);
  return {
    self, system: self.system, id: '', sessionId: '',
    defer: () => {}, logger: () => {}, stopChild: () => {}, emit: () => {}, actionExecutor: () => {},
  } as unknown as Parameters<AnyStateMachine['transition']>[2];
}

/**
 * A rule that went over its evaluation budget refuses this one transition (never a guess, never
 * another alternative): the designer must simplify the rule or the data is not what it expects.
 */
function budgetExceeded(state: string, info: StateInfo, event: string, limit: string): DomainError {
  return new DomainError(
    'TRANSITION_NOT_ALLOWED',
    `The rule of event "${event}" in state "${state}" exceeded its evaluation budget (${limit}); the transition is refused. Ask the programme's designer to simplify the rule.`,
    {
      subCode: 'RULE_BUDGET_EXCEEDED',
      messageZh: `环节“${info.title.zh}”（${state}）的操作 ${event} 的条件规则超出计算限额（${limit}），本次操作未执行；请联系项目设计员简化该规则。`,
      state,
      event,
      limit,
    },
  );
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function eventInfo(event: string, alts: TransitionConfig[], stateRoles: string[]): EventInfo {
  // The checker guarantees all alternatives share roles and requiresComment.
  const first = alts[0]!;
  const title = alts.find((a) => a.meta?.title)?.meta?.title ?? { zh: event, en: event };
  return { event, title, roles: first.meta?.roles ?? stateRoles, requiresComment: first.meta?.requiresComment === true };
}

function statusOf(info: StateInfo): ApplicationStatus {
  switch (info.kind) {
    case 'draft':
      return 'DRAFT';
    case 'task':
      return 'IN_REVIEW';
    case 'notice':
      return 'UNDER_NOTICE';
    case 'final':
      return info.outcome === 'approved' ? 'APPROVED' : info.outcome === 'withdrawn' ? 'WITHDRAWN' : 'REJECTED';
  }
}

function diagramOf(def: WorkflowDefinition, infos: ReadonlyMap<string, StateInfo>): WorkflowDiagram {
  const nodes = [...infos.values()].map(({ name, kind, title }) => ({ id: name, kind, title }));
  const edges: DiagramEdge[] = [];
  for (const [from, state] of Object.entries(def.states)) {
    for (const [event, spec] of Object.entries(state.on ?? {})) {
      const alts = alternatives(spec);
      const fallback = alts.find((a) => a.meta?.title)?.meta?.title ?? { zh: event, en: event };
      for (const alt of alts) {
        const edge: DiagramEdge = { from, to: alt.target, event, title: alt.meta?.title ?? fallback };
        if (alt.guard) edge.guard = alt.guard.type;
        edges.push(edge);
      }
    }
    for (const timer of infos.get(from)!.timers) {
      const spec = state.after![timer.delay]!;
      const title = alternatives(spec)[0]!.meta?.title ?? { zh: `${timer.duration} 期满`, en: `After ${timer.duration}` };
      edges.push({ from, to: timer.target, event: timer.eventType, title, timer: timer.delay });
    }
  }
  return { nodes, edges };
}

/** Locates a checker problem as a JSON pointer into the definition, for the API's field problems. */
export function toFieldProblem(p: WorkflowProblem): FieldProblem {
  const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  if (p.path !== undefined) return { path: p.path, message: p.messageZh ?? `工作流定义错误：${p.message}`, messageEn: p.message };
  let path = '';
  if (p.state !== undefined) {
    path = `/states/${esc(p.state)}`;
    if (p.event !== undefined) path += `/on/${esc(p.event)}`;
    else if (p.delay !== undefined) path += `/after/${esc(p.delay)}`;
  } else if (p.delay !== undefined) {
    path = `/meta/delays/${esc(p.delay)}`;
  }
  // The checker's own texts are English (they quote the definition); the Chinese says what they are.
  return { path, message: `工作流定义错误：${p.message}`, messageEn: p.message };
}
