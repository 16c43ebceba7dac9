/**
 * The signed-in actor of recent requests, kept per process so an authenticated request does not
 * load the user and grants again. Correctness rests on invalidation, not on a short life:
 *
 * - The database notifies `actor_changed` whenever a user, grant, role or programme-role row
 *   changes (migration 021), and every process listens and drops the entry. While the listening
 *   connection is down, the cache is off (every request loads) and it starts empty when back.
 * - The process that made a change drops the entry itself at once (`forget`), before answering,
 *   so "disable, then the next request" is refused even before the notification arrives.
 * - Entries are keyed by the token generation too: a token older than the user's generation
 *   never matches a newer entry.
 * - A load that raced with an invalidation is not stored (an epoch counter).
 *
 * Bounded (least recently used out) and entries live at most ACTOR_TTL_MS as a last safety net.
 */
import pg from 'pg';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Actor } from '../core/actor.js';
import { loadActor } from './user.service.js';

const MAX_ENTRIES = 5000;
const ACTOR_TTL_MS = 5 * 60_000;
const RECONNECT_MS = 1000;

interface Entry {
  generation: number;
  actor: Actor;
  at: number;
}

export class ActorCache {
  private readonly entries = new Map<string, Entry>();
  private epoch = 0;
  private listening = false;
  private client: pg.Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  hits = 0;
  misses = 0;

  constructor(private readonly log?: Logger) {}

  /** The actor for a verified token: from memory when listening, else loaded (and kept). */
  async get(em: EntityManager, userId: string, generation: number): Promise<Actor | undefined> {
    if (this.listening) {
      const e = this.entries.get(userId);
      if (e && e.generation === generation && Date.now() - e.at < ACTOR_TTL_MS) {
        // Most recently used last: Map keeps insertion order, so the first key is the eviction victim.
        this.entries.delete(userId);
        this.entries.set(userId, e);
        this.hits++;
        return e.actor;
      }
    }
    this.misses++;
    const epoch = this.epoch;
    const actor = await loadActor(em, userId, generation);
    if (actor && this.listening && epoch === this.epoch) {
      this.entries.delete(userId);
      this.entries.set(userId, { generation, actor, at: Date.now() });
      if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    }
    return actor;
  }

  /** Drops one user's entry (or all): called by this process's own changes, and on notifications. */
  forget(userId?: string): void {
    this.epoch++;
    if (userId === undefined || userId === '*') this.entries.clear();
    else this.entries.delete(userId);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Starts listening on `actor_changed`; the cache works only while this connection is up. */
  async listen(connectionString: string): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString, application_name: 'aid-actor-cache', connectionTimeoutMillis: 5000 });
    const down = (err?: unknown) => {
      if (this.client !== client) return;
      this.listening = false;
      this.client = undefined;
      this.forget();
      client.end().catch(() => {});
      if (this.stopped) return;
      this.log?.warn({ err }, 'actor cache: lost its notification connection; loading actors from the database until it is back');
      this.retry = setTimeout(() => void this.listen(connectionString).catch(() => {}), RECONNECT_MS);
      this.retry.unref();
    };
    this.client = client;
    client.on('error', down);
    client.on('end', () => down());
    client.on('notification', (n) => {
      if (n.channel === 'actor_changed') this.forget(n.payload ?? '*');
    });
    try {
      await client.connect();
      await client.query('listen actor_changed');
      // Anything cached before (while off) may have missed a notification.
      this.forget();
      this.listening = true;
    } catch (err) {
      down(err);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.listening = false;
    this.forget();
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => {});
  }
}
