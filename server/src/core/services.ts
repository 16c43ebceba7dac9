import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { TokenService } from '../users/token.js';
import type { Timers } from '../applications/timers.js';
import type { ActorCache } from '../users/actor-cache.js';

/** Process-wide collaborators handed to every request through the context. */
export interface Services {
  config: Config;
  orm: MikroORM;
  log: Logger;
  tokens: TokenService;
  /** The time application changes are stamped with (the demo seed backdates its cases). */
  clock: () => Date;
  /** Durable workflow timers; absent until started (and while seeding). */
  timers?: Timers;
  /** Signed-in actors kept between requests (users/actor-cache.ts); absent in scripts. */
  actors?: ActorCache;
  /** Statements run so far, when config.countQueries is set. */
  queryCount?: { n: number };
}
