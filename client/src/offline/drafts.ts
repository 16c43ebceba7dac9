/**
 * Drafts kept on the phone while there is no connection: what they hold, and the pure helpers the
 * queue, the header badge and the conflict view share (no browser APIs here: unit-tested in node).
 */

/** waiting: to be sent; syncing: being sent; conflict: the server's copy changed meanwhile; error: refused. */
export type DraftState = 'waiting' | 'syncing' | 'conflict' | 'error';

export type FormData = Record<string, unknown>;

/** The server's refusal, in both of its languages. */
export interface DraftProblem {
  code: string;
  message: string;
  messageZh?: string;
}

interface DraftBase {
  /** `new:<random>` for a case not yet on the server, `edit:<application id>` for a saved one. */
  localId: string;
  /** Drafts belong to the user who wrote them: another user on the same phone never sees them. */
  userId: string;
  programmeKey: string;
  programmeName: string;
  programmeNameEn?: string | null;
  regionCode: string;
  data: FormData;
  /** When the user last saved it on the phone (ISO time). */
  savedAt: string;
  state: DraftState;
  problem?: DraftProblem;
  /** Conflict: the server's copy as it was when the save was refused. */
  server?: { data: FormData; version: number; updatedAt?: string | null };
  /** Field titles by JSON pointer, for the conflict view without the form schema. */
  titles?: Record<string, string>;
}

/** A case filled in without a connection: createApplication with this key when it returns. */
export interface NewDraft extends DraftBase {
  kind: 'new';
  idempotencyKey: string;
  versionNumber: number;
}

/** Changes to a saved draft application: saveApplication with `expectedVersion: baseVersion`. */
export interface EditDraft extends DraftBase {
  kind: 'edit';
  appId: string;
  reference: string;
  /** The server's `version` the edits started from. */
  baseVersion: number;
  /** The pinned version's form, so the case's page can show the changes without a connection. */
  form?: { formSchema: unknown; uiSchema: unknown; versionNumber: number };
}

export type Draft = NewDraft | EditDraft;

export const editId = (appId: string) => `edit:${appId}`;

/** What the header badge counts: everything not yet on the server, whatever its state. */
export const pendingCount = (drafts: readonly Draft[]) => drafts.length;

/** Drafts the queue sends by itself; conflicts and refusals wait for the user's choice. */
export const sendable = (drafts: readonly Draft[]) => drafts.filter((d) => d.state === 'waiting' || d.state === 'syncing');

/** Structural equality of two JSON values (key order ignored). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameData(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bkeys = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return keys.length === bkeys.length && keys.every((k) => Object.hasOwn(bo, k) && sameData(ao[k], bo[k]));
}

export interface FieldDiff {
  path: string;
  title: string;
  mine: unknown;
  server: unknown;
}

/**
 * The fields where mine and the server's copy differ, by JSON pointer (objects walked into;
 * arrays compared whole, a repeating list is one field to copy over).
 */
export function diffData(mine: unknown, server: unknown, titles: Record<string, string> = {}, prefix = ''): FieldDiff[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(mine) && isObj(server)) {
    const keys = [...new Set([...Object.keys(mine), ...Object.keys(server)])];
    return keys.flatMap((k) => diffData(mine[k], server[k], titles, `${prefix}/${k}`));
  }
  if (sameData(mine, server)) return [];
  return [{ path: prefix || '/', title: titles[prefix] ?? prefix.split('/').pop() ?? prefix, mine, server }];
}

/** A value as one line in the conflict view. */
export function showValue(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'string') return v.includes('|') && /^[0-9a-f-]{36}\|/.test(v) ? v.split('|').slice(1).join('|') : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Keeping the user's data, now based on the server's newer version (after they confirmed). */
export function overwriteWithMine(d: Draft): Draft {
  if (d.kind !== 'edit' || !d.server) return d;
  return { ...d, baseVersion: d.server.version, server: undefined, problem: undefined, state: 'waiting' };
}

/** Back in the queue after the user edited or asked to retry. */
export function retry(d: Draft): Draft {
  return { ...d, state: 'waiting', problem: undefined };
}

/** 128 random bits as hex (crypto.randomUUID needs a secure context; intranets may serve plain HTTP). */
export function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
