import { pino, type Logger } from 'pino';

/** Structured JSON logs; one child per request carries its requestId. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'aid-platform' }, redact: ['req.headers.authorization', 'password'] });
}
export type { Logger };
