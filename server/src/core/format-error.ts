import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { DomainError } from './errors.js';

// Codes produced by graphql-js, Apollo and graphql-armor that are safe to pass on as they are.
const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE', 'UNAUTHENTICATED', 'FORBIDDEN',
]);

/** Longest run of input-like text (printable ASCII without spaces) kept whole in a message. */
const MAX_QUOTED = 64;

/**
 * Messages quote what they refuse ("Unknown role \"x\""). A stranger's 100 KB argument must not come
 * back in the answer (nor a log line), so long runs are cut to their start. Chinese text and
 * ordinary words are never that long; JSON pointers of problems travel in `path`, untouched.
 */
export function clipMessage(message: string): string {
  return message.replace(/[\x21-\x7e]{65,}/g, (run) => `${run.slice(0, MAX_QUOTED / 2)}…`);
}

function clipDetails(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) out[k] = typeof v === 'string' && /^message/.test(k) ? clipMessage(v) : v;
  return out;
}

/**
 * The one place errors become GraphQL errors: domain errors keep their code, message and field
 * problems (JSON pointers); protocol errors pass; everything else is logged and masked.
 */
export function createFormatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Refusals raised in plugin hooks (the request edge) carry their DomainError as originalError
    // without a path, which unwrapResolverError leaves wrapped.
    const original = error instanceof GraphQLError && error.originalError instanceof DomainError ? error.originalError : unwrapResolverError(error);
    if (original instanceof DomainError) {
      const { problems, ...rest } = original.details;
      return {
        message: clipMessage(original.message),
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: original.code, ...clipDetails(rest), ...(problems ? { problems: problems.map((p) => clipDetails({ ...p }) as unknown as typeof p) } : {}) },
      };
    }
    const code = formatted.extensions?.code as string | undefined;
    if (code && PASS_THROUGH.has(code)) return { message: clipMessage(formatted.message), locations: formatted.locations, path: formatted.path, extensions: { code } };
    if (original instanceof GraphQLError && !original.originalError && !code) {
      // Validation-phase errors from graphql-armor carry no code.
      return { message: clipMessage(formatted.message), locations: formatted.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    }
    log.error({ err: original, path: formatted.path }, 'internal error');
    // Never the original message, not even in development: a driver's message carries the SQL
    // statement and the values bound to it (an applicant's ID number, say). The log has the rest.
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
