/**
 * The sync queue: sends the drafts kept on the phone once the connection returns. A new case is
 * created with its idempotency key (a retry after a lost answer finds the first one) and saved
 * when the server's copy differs; an edit is saved with `expectedVersion` set to the version it
 * started from, so a case changed on the server meanwhile is a conflict the user resolves: never
 * silently overwritten. Storage and transport are passed in: this file runs in node tests too.
 */
// Explicit .js paths and the generated documents themselves (operations in ./queries.ts): the
// queue's integration test runs this file under node's own module resolution.
import { ApiError } from '../api.js';
import { OfflineCreateDocument, OfflineSaveDocument, OfflineServerCopyDocument, type TypedDocumentString } from '../graphql/graphql.js';
import { sameData, type Draft, type DraftProblem, type EditDraft, type FormData } from './drafts.js';

/** Runs one typed operation (the client's `request`, or `sendTo` a test server). */
export type Send = <R, V>(document: TypedDocumentString<R, V>, variables: V) => Promise<R>;

export type Outcome =
  /** On the server with the user's data: the draft goes. */
  | { synced: true; appId: string; reference: string; version: number }
  /** Still on the phone: waiting (no connection), conflict or error. */
  | { synced: false; draft: Draft };

/** Codes that mean "try again later", not "the server said no". */
const TRANSIENT = new Set(['NETWORK', 'INTERNAL_SERVER_ERROR', 'RATE_LIMITED', 'UNAUTHENTICATED']);

interface ServerCopy {
  id: string;
  reference: string;
  version: number;
  data?: unknown;
}

const asData = (v: unknown): FormData => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as FormData) : {});

/** Sends one draft and says what became of it. Never throws. */
export async function syncDraft(draft: Draft, send: Send): Promise<Outcome> {
  let d: Draft = draft;
  try {
    if (d.kind === 'new') {
      const created = (await send(OfflineCreateDocument, { programmeKey: d.programmeKey, regionCode: d.regionCode, data: d.data, idempotencyKey: d.idempotencyKey })).createApplication as ServerCopy;
      if (sameData(created.data, d.data)) return { synced: true, appId: created.id, reference: created.reference, version: created.version };
      // The key found an earlier attempt whose answer was lost, and the draft changed since:
      // from here on it is an edit of that case.
      d = asEdit(d, created);
    }
    const saved = (await send(OfflineSaveDocument, { id: d.appId, data: d.data, expectedVersion: d.baseVersion })).saveApplication as ServerCopy;
    return { synced: true, appId: saved.id, reference: saved.reference, version: saved.version };
  } catch (e) {
    return failed(d, e, send);
  }
}

function asEdit(d: Draft, app: ServerCopy): EditDraft {
  if (d.kind === 'edit') return d;
  const { idempotencyKey: _k, versionNumber: _v, ...rest } = d;
  return { ...rest, kind: 'edit', localId: d.localId, appId: app.id, reference: app.reference, baseVersion: app.version };
}

async function failed(d: Draft, e: unknown, send: Send): Promise<Outcome> {
  const problem = problemOf(e);
  if (TRANSIENT.has(problem.code)) return { synced: false, draft: { ...d, state: 'waiting', problem: problem.code === 'NETWORK' ? undefined : problem } };
  if (problem.code === 'VERSION_CONFLICT' && d.kind === 'edit') {
    let server: ServerCopy & { updatedAt?: string | null };
    try {
      const r = (await send(OfflineServerCopyDocument, { id: d.appId })).application;
      if (!r) return { synced: false, draft: { ...d, state: 'error', problem } };
      server = r as typeof server;
    } catch (again) {
      const p = problemOf(again);
      return { synced: false, draft: { ...d, state: TRANSIENT.has(p.code) ? 'waiting' : 'error', problem: p.code === 'NETWORK' ? undefined : p } };
    }
    // The same change arrived another way (a second tab, an earlier attempt): nothing to resolve.
    if (sameData(server.data, d.data)) return { synced: true, appId: server.id, reference: server.reference, version: server.version };
    return { synced: false, draft: { ...d, state: 'conflict', problem, server: { data: asData(server.data), version: server.version, updatedAt: server.updatedAt ?? null } } };
  }
  return { synced: false, draft: { ...d, state: 'error', problem } };
}

function problemOf(e: unknown): DraftProblem {
  if (e instanceof ApiError) return { code: String(e.code), message: e.message, messageZh: e.messageZh };
  return { code: 'INTERNAL_SERVER_ERROR', message: e instanceof Error ? e.message : String(e) };
}

export interface QueueStore {
  /** The user's drafts as stored now (read again per draft: the user may edit while the queue runs). */
  get(localId: string): Promise<Draft | undefined>;
  put(draft: Draft): Promise<void>;
  remove(localId: string): Promise<void>;
}

export interface QueueResult {
  synced: { localId: string; appId: string; reference: string }[];
  conflicts: number;
  errors: number;
  /** The connection dropped: the rest waits for the next run. */
  offline: boolean;
}

/**
 * Sends the waiting drafts one after another. A draft the user saved again while it was on its
 * way is kept (the newer data goes on the next run); a lost connection stops the run.
 */
export async function runQueue(drafts: readonly Draft[], send: Send, store: QueueStore): Promise<QueueResult> {
  const result: QueueResult = { synced: [], conflicts: 0, errors: 0, offline: false };
  for (const queued of drafts) {
    if (queued.state !== 'waiting' && queued.state !== 'syncing') continue;
    const current = await store.get(queued.localId);
    if (!current || (current.state !== 'waiting' && current.state !== 'syncing')) continue;
    await store.put({ ...current, state: 'syncing' });
    const outcome = await syncDraft(current, send);
    const now = await store.get(current.localId);
    const editedMeanwhile = !!now && now.savedAt !== current.savedAt;
    if (outcome.synced) {
      result.synced.push({ localId: current.localId, appId: outcome.appId, reference: outcome.reference });
      if (editedMeanwhile) {
        // Newer data: it goes next time, based on the version just written (a new case finds
        // itself again through its idempotency key).
        await store.put(now.kind === 'edit' ? { ...now, baseVersion: outcome.version, state: 'waiting' } : { ...now, state: 'waiting' });
      } else {
        await store.remove(current.localId);
      }
      continue;
    }
    const next = editedMeanwhile ? { ...outcome.draft, data: now!.data, savedAt: now!.savedAt } : outcome.draft;
    await store.put(next);
    if (next.state === 'conflict') result.conflicts++;
    if (next.state === 'error') result.errors++;
    if (next.state === 'waiting') {
      result.offline = true;
      break;
    }
  }
  return result;
}
