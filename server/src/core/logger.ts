import { pino, stdSerializers, type Logger } from 'pino';
import { DriverException } from '@mikro-orm/core';

// What a database error may show in a log: where it happened, never what was bound.
const DB_KEEP = ['name', 'code', 'sqlState', 'severity', 'constraint', 'table', 'column', 'schema', 'dataType', 'routine'] as const;

/** A driver or ORM error: pg's DatabaseError, MikroORM's DriverException, knex's wrapped error. */
function isDatabaseError(e: Record<string, unknown>): boolean {
  return e instanceof DriverException || typeof e.sqlState === 'string' || 'query' in e || 'sql' in e || 'parameters' in e || 'params' in e
    || (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && ('severity' in e || 'routine' in e))
    || /Exception$/.test(String(e.name ?? '')) && 'errno' in e;
}

function wrapsDatabaseError(e: Record<string, unknown>, depth: number): boolean {
  if (isDatabaseError(e)) return true;
  const inner = (e.originalError ?? e.cause) as Record<string, unknown> | undefined;
  return !!inner && typeof inner === 'object' && depth < 3 && wrapsDatabaseError(inner, depth + 1);
}

/** Stack frames only: the first line of a stack repeats the message. */
const framesOnly = (stack: unknown) => (typeof stack === 'string' ? stack.split('\n').filter((l) => l.trim().startsWith('at ')).join('\n') : undefined);

/**
 * pino's `err` serializer with database errors redacted: their message, query, parameters,
 * detail and where-context carry the SQL statement and the values bound to it (an applicant's ID
 * number, form data), so only the code, constraint and table survive. Causes and GraphQL
 * originalErrors are followed the same way.
 */
export function redactError(err: unknown, depth = 0): unknown {
  if (!err || typeof err !== 'object') return err;
  const e = err as Record<string, unknown>;
  if (isDatabaseError(e)) {
    const out: Record<string, unknown> = { type: e.constructor?.name ?? 'Error', message: '[database error redacted]' };
    for (const k of DB_KEEP) if (e[k] !== undefined && typeof e[k] !== 'object') out[k] = e[k];
    out.stack = framesOnly(e.stack);
    return out;
  }
  const serialized = { ...(stdSerializers.err(err as Error) as unknown as Record<string, unknown>) };
  for (const k of ['query', 'sql', 'parameters', 'params', 'bindings', 'detail', 'where', 'variables', 'originalError', 'cause']) delete serialized[k];
  const inner = (e.originalError ?? e.cause) as Record<string, unknown> | undefined;
  if (inner && typeof inner === 'object' && depth < 3) {
    serialized.cause = redactError(inner, depth + 1);
    // A wrapper (GraphQLError, knex) repeats the inner message: drop it too, keep the frames.
    if (wrapsDatabaseError(inner, depth + 1)) {
      serialized.message = '[database error redacted]';
      serialized.stack = framesOnly(serialized.stack);
    }
  }
  return serialized;
}

/** Structured JSON logs; one child per request carries its requestId. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'aid-platform' },
    redact: ['req.headers.authorization', 'password', '*.password', 'variables', 'data', '*.data'],
    serializers: { err: redactError, error: redactError },
  });
}
export type { Logger };
