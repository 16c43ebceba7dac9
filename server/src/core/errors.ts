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
  | 'RATE_LIMITED';

/** One problem with one field, located by a JSON pointer (RFC 6901) into the input. */
export interface FieldProblem {
  path: string;
  message: string;
  messageEn?: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { problems?: FieldProblem[]; subCode?: string; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const unauthenticated = (message = 'Sign in first') => new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You may not do this') => new DomainError('FORBIDDEN', message);
export const notFound = (what: string, key: string) => new DomainError('NOT_FOUND', `${what} ${key} not found`);
export const badInput = (message: string, problems: FieldProblem[] = []) =>
  new DomainError('BAD_USER_INPUT', message, { problems });
