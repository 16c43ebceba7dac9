/**
 * Typed domain errors. Services throw these; `formatError` (core/format-error.ts) is the one place
 * that maps them to GraphQL `extensions.code`. Anything else is masked as INTERNAL_SERVER_ERROR.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'VERSION_CONFLICT'
  | 'TRANSITION_NOT_ALLOWED'
  | 'WORKFLOW_INVALID'
  | 'SCHEMA_INVALID'
  | 'DUPLICATE'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COSTLY'
  | 'RESPONSE_TOO_LARGE';

/** One problem with one field, located by a JSON pointer (RFC 6901) into the input. */
export interface FieldProblem {
  path: string;
  /** Chinese. */
  message: string;
  /** English. Required, like DomainError's `messageZh`: every refusal is readable in both languages. */
  messageEn: string;
}

/** A user-facing text in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * What a DomainError carries beside its code and English message. `messageZh` is required: the
 * type system refuses an English-only error (a test also scans the code base for constructions).
 */
export interface ErrorDetails {
  messageZh: string;
  problems?: FieldProblem[];
  subCode?: string;
  [key: string]: unknown;
}

/**
 * A refusal. `message` is English (GraphQL's `message`); the Chinese text travels in
 * `details.messageZh` (GraphQL's `extensions.messageZh`). Write `new DomainError(code, { en, zh })`
 * or `new DomainError(code, en, { messageZh, ... })`.
 */
export class DomainError extends Error {
  readonly details: ErrorDetails;
  constructor(code: ErrorCode, message: Bilingual, details?: Omit<ErrorDetails, 'messageZh'>);
  constructor(code: ErrorCode, message: string, details: ErrorDetails);
  constructor(
    readonly code: ErrorCode,
    message: string | Bilingual,
    details?: Omit<ErrorDetails, 'messageZh'> | ErrorDetails,
  ) {
    super(typeof message === 'string' ? message : message.en);
    this.name = 'DomainError';
    this.details = (typeof message === 'string' ? details : { ...details, messageZh: message.zh }) as ErrorDetails;
  }

  /** The Chinese text. */
  get messageZh(): string {
    return this.details.messageZh;
  }
}

export const unauthenticated = (message: Bilingual = { en: 'Sign in first', zh: '请先登录' }) => new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message: Bilingual = { en: 'You may not do this', zh: '您无权执行此操作' }) => new DomainError('FORBIDDEN', message);
/** `what` names the kind of thing in both languages, e.g. `{ en: 'Application', zh: '申请' }`. */
export const notFound = (what: Bilingual, key: string) =>
  new DomainError('NOT_FOUND', { en: `${what.en} ${key} not found`, zh: `未找到${what.zh} ${key}` });
export const badInput = (message: Bilingual, problems: FieldProblem[] = []) =>
  new DomainError('BAD_USER_INPUT', message, { problems });
