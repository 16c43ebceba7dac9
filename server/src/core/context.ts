import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Actor } from './actor.js';
import type { Services } from './services.js';
import type { Loaders } from './loaders.js';
import { unauthenticated } from './errors.js';

/** Per-request context: a forked EntityManager, the actor (if signed in) and the services. */
export interface Context {
  em: EntityManager;
  actor?: Actor;
  /** Why a presented token was refused, so `requireActor` can say so. */
  authError?: 'expired' | 'invalid';
  requestId: string;
  clientIp: string;
  log: Logger;
  services: Services;
  loaders: Loaders;
  /** Set for an anonymous board request that may be kept as a finished answer (notices/board-response.ts). */
  board?: { regionPath?: string };
}

export function requireActor(ctx: Context): Actor {
  if (ctx.actor) return ctx.actor;
  if (ctx.authError === 'expired') throw unauthenticated({ en: 'Your session has expired: sign in again', zh: '登录已过期，请重新登录' });
  if (ctx.authError === 'invalid') throw unauthenticated({ en: 'The access token is not valid: sign in again', zh: '登录凭据无效，请重新登录' });
  throw unauthenticated();
}
