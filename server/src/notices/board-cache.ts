/**
 * A short shared cache of the public board: one village's page (already masked: the output of
 * `toPublicNotice`, never rows) is computed once and served to every anonymous reader for
 * BOARD_CACHE_MS. A change that alters a board (a case entering or leaving a notice, an objection
 * pausing one, an edit of a case under notice) makes PostgreSQL send `NOTIFY public_board,
 * '<region path>'` from a trigger (migration 020) when its transaction commits; every process
 * listens and drops the pages of that region and its ancestors at once, so a board is stale
 * only for the moment the notification travels (on embedded PGlite too, whose socket server
 * passes notifications on). While the listener re-connects, entries simply expire.
 *
 * Concurrent misses for the same page share one computation, so a burst of readers after an
 * invalidation costs one set of queries.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import type { Services } from '../core/services.js';
import { BoardResponses } from './board-response.js';

export interface CachedBoard<T> {
  /** Path of the region asked for ('' for the whole board): what an invalidation matches. */
  regionPath: string;
  value: T;
}

interface Entry {
  expires: number;
  regionPath: string | null;
  value: Promise<CachedBoard<unknown>>;
}

/** Bounded: keys include the client's cursor, so a stranger must not be able to grow it. */
const MAX_ENTRIES = 1000;

export class BoardCache {
  private readonly entries = new Map<string, Entry>();
  /** Told of every invalidation (null: everything), e.g. the finished answers of board-response.ts. */
  private readonly listeners: Array<(changedPath: string | null) => void> = [];
  hits = 0;
  misses = 0;

  constructor(private readonly ttlMs: number) {}

  async get<T>(key: string, load: () => Promise<CachedBoard<T>>): Promise<CachedBoard<T>> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) {
      this.hits++;
      return hit.value as Promise<CachedBoard<T>>;
    }
    this.misses++;
    if (this.ttlMs <= 0) return load();
    const value = load();
    const entry: Entry = { expires: now + this.ttlMs, regionPath: null, value };
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
    value.then(
      (v) => { entry.regionPath = v.regionPath; },
      // A refusal (unknown region, bad cursor) or a failure is never cached.
      () => { if (this.entries.get(key) === entry) this.entries.delete(key); },
    );
    return value;
  }

  onInvalidate(listener: (changedPath: string | null) => void): void {
    this.listeners.push(listener);
  }

  /** Drops every page that shows the region at `changedPath` (its own board and its ancestors'). */
  invalidate(changedPath: string): void {
    for (const [key, e] of this.entries) {
      if (e.regionPath === null || changedPath.startsWith(e.regionPath)) this.entries.delete(key);
    }
    for (const l of this.listeners) l(changedPath);
  }

  clear(): void {
    this.entries.clear();
    for (const l of this.listeners) l(null);
  }
}

const caches = new WeakMap<Services, BoardCache>();

export function boardCacheOf(services: Services): BoardCache {
  let c = caches.get(services);
  if (!c) {
    c = new BoardCache(services.config.boardCacheMs);
    caches.set(services, c);
  }
  return c;
}

const responses = new WeakMap<Services, BoardResponses>();

/** The finished anonymous answers of this process (board-response.ts), dropped with its pages. */
export function boardResponsesOf(services: Services): BoardResponses {
  let r = responses.get(services);
  if (!r) {
    r = new BoardResponses(boardCacheOf(services), services.config.boardCacheMs);
    responses.set(services, r);
  }
  return r;
}

export const BOARD_CHANNEL = 'public_board';

/**
 * Listens for board changes on a connection of its own and re-connects after a failure (entries
 * expire meanwhile). An idle listener holds no backend, on embedded PGlite either.
 */
export async function listenForBoardChanges(databaseUrl: string, cache: BoardCache, log: Logger): Promise<{ stop(): Promise<void> }> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: databaseUrl, application_name: 'aid-board-cache' });
    c.on('notification', (n) => {
      if (n.channel === BOARD_CHANNEL && n.payload) cache.invalidate(n.payload);
    });
    c.on('error', (err) => {
      log.warn({ err }, 'board cache listener lost its connection');
      cache.clear();
      client = null;
      void c.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void connect(), 5000).unref();
    });
    try {
      await c.connect();
      await c.query(`listen ${BOARD_CHANNEL}`);
      client = c;
      // Changes made while we were not listening are unknown: start afresh.
      cache.clear();
    } catch (err) {
      log.warn({ err }, 'board cache listener could not connect; pages expire on their own');
      void c.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void connect(), 5000).unref();
    }
  };
  await connect();
  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
