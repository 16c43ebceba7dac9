/**
 * The workflow JSON format: a flat XState v5 machine config with our `meta` conventions
 * (docs/workflow-format.md). These types describe a definition that has passed `checkWorkflow`;
 * anything read from a designer or the database is `unknown` until it has.
 */
import type { GuardExplanation, GuardType } from './guards.js';
import type { Effect, EffectKind } from './effects.js';

// The checker lives in check.ts; it only reads the constants below inside functions, so this
// re-export's import cycle is harmless.
export { checkWorkflow, type CheckOptions } from './check.js';

export const STATE_KINDS = ['draft', 'task', 'notice', 'final'] as const;
export type StateKind = (typeof STATE_KINDS)[number];

export const OUTCOMES = ['approved', 'rejected', 'withdrawn'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface Title {
  zh: string;
  en: string;
}

export interface GuardConfig extends GuardExplanation {
  type: GuardType;
  params: Record<string, unknown>;
}

export interface TransitionMeta {
  title?: Title;
  /** Roles that may send the event; defaults to the state's roles. */
  roles?: string[];
  requiresComment?: boolean;
}

export interface TransitionConfig {
  target: string;
  guard?: GuardConfig;
  meta?: TransitionMeta;
  description?: string;
}

/** A target name, one transition, or guarded alternatives tried in order. */
export type TransitionSpec = string | TransitionConfig | Array<string | TransitionConfig>;

export interface StateMeta {
  kind: StateKind;
  title: Title;
  roles?: string[];
  /** JSON pointers into the form data that the acting role may change in this state. */
  editable?: string[];
  /** Notice states only: the event an objection sends (default `OBJECTION`). */
  objectionEvent?: string;
  /** Final states only. */
  outcome?: Outcome;
  /** Task states only: a review that re-opens every period while the case stays here. */
  review?: ReviewConfig;
  /** When the case is due after entering the state: an ISO-8601 duration or a `meta.delays` name. */
  dueIn?: string;
  /** A due date read from the form data or a fixed calendar day (exclusive with `dueIn`). */
  dueDate?: DueDateConfig;
  /** Changes to the linked register entry on entering the state (workflow/effects.ts). */
  effects?: Effect[];
  /** The register change kind those changes are logged as, fixed or chosen by a form field. */
  effectKind?: EffectKind;
}

/**
 * A recurring review (docs/workflow-format.md, "Recurring reviews"): every `every` after entering
 * the state the server opens occurrence 1, 2, 3 … for `roles`; one of `events` answers it.
 */
export interface ReviewConfig {
  /** An ISO-8601 duration or a name from `meta.delays`, 1 second to 5 years. */
  every: string;
  title: Title;
  /** Who is asked: the case shows in their inbox while an occurrence is open. */
  roles: string[];
  /** Events of this state that answer an occurrence; they are offered only while one is open. */
  events: string[];
  /** How long an occurrence may stay open before it is overdue (optional). */
  dueIn?: string;
}

/** `{ "field": "/planDeadline" }` (a date in the form data) or `{ "annual": "04-15" }` (the next 15 April). */
export type DueDateConfig = { field: string } | { annual: string };

export interface StateConfig {
  type?: 'final';
  meta: StateMeta;
  on?: Record<string, TransitionSpec>;
  /** Timers: key is an ISO-8601 duration or a name from the machine's `meta.delays`. */
  after?: Record<string, string | TransitionConfig>;
  description?: string;
  tags?: string[];
}

export interface WorkflowMeta {
  title?: Title;
  /** Named delays, e.g. `{ "NOTICE_PERIOD": "P7D" }`. */
  delays?: Record<string, string>;
  [key: string]: unknown;
}

export interface WorkflowDefinition {
  id: string;
  initial: string;
  meta?: WorkflowMeta;
  states: Record<string, StateConfig>;
  description?: string;
  version?: string | number;
}

export interface WorkflowProblem {
  code: WorkflowProblemCode;
  message: string;
  state?: string;
  event?: string;
  /** The `after` key, for problems with a timer. */
  delay?: string;
  /** JSON pointer to the offending value, when it is more precise than state/event/delay. */
  path?: string;
  /** The Chinese wording, where the checker has one. */
  messageZh?: string;
}

export interface WorkflowReport {
  ok: boolean;
  errors: WorkflowProblem[];
  warnings: WorkflowProblem[];
}

export type WorkflowProblemCode =
  | 'NOT_AN_OBJECT'
  | 'NOT_JSON'
  | 'TOO_LARGE'
  | 'MISSING_ID'
  | 'MISSING_INITIAL'
  | 'UNKNOWN_INITIAL'
  | 'MISSING_STATES'
  | 'UNSUPPORTED_FEATURE'
  | 'UNKNOWN_KEY'
  | 'INVALID_NAME'
  | 'INVALID_TRANSITION'
  | 'UNKNOWN_TARGET'
  | 'UNKNOWN_GUARD'
  | 'INVALID_GUARD_PARAMS'
  | 'INVALID_GUARD_MESSAGE'
  | 'INVALID_GUARD_PATHS'
  | 'TIMER_GUARD'
  | 'ENTRY_WITHOUT_REGISTER'
  | 'SHADOWED_ALTERNATIVE'
  | 'INCONSISTENT_ALTERNATIVES'
  | 'INVALID_ROLES'
  | 'UNKNOWN_ROLE'
  | 'RETIRED_ROLE'
  | 'INVALID_DELAY'
  | 'UNKNOWN_DELAY'
  | 'UNREACHABLE_STATE'
  | 'NO_PATH_TO_FINAL'
  | 'NO_ACTOR'
  | 'EVENT_NOT_SENDABLE'
  | 'INITIAL_NOT_DRAFT'
  | 'MISSING_SUBMIT'
  | 'EXTRA_DRAFT'
  | 'INVALID_KIND'
  | 'FINAL_MISMATCH'
  | 'FINAL_HAS_TRANSITIONS'
  | 'INVALID_OUTCOME'
  | 'MISSING_TITLE'
  | 'INVALID_META'
  | 'NOTICE_WITHOUT_TIMER'
  | 'MISSING_OBJECTION_EVENT'
  | 'INVALID_EDITABLE'
  | 'INVALID_REVIEW'
  | 'INVALID_DUE'
  | 'INVALID_EFFECT';

export const SUBMIT_EVENT = 'SUBMIT';
export const DEFAULT_OBJECTION_EVENT = 'OBJECTION';
export const MAX_STATES = 200;

/** The alternatives of a transition, with target shorthands expanded. */
export function alternatives(spec: TransitionSpec): TransitionConfig[] {
  return (Array.isArray(spec) ? spec : [spec]).map((t) => (typeof t === 'string' ? { target: t } : t));
}

/** The event an objection sends in a notice state; undefined for other kinds. */
export function objectionEventOf(state: StateConfig): string | undefined {
  return state.meta.kind === 'notice' ? (state.meta.objectionEvent ?? DEFAULT_OBJECTION_EVENT) : undefined;
}
