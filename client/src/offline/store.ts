/**
 * IndexedDB (idb-keyval, one object store) holds, per signed-in user, the forms of the programmes
 * they opened and their drafts not yet on the server. Keys name the user first, so another user
 * on the same phone reads none of it; signing out clears nothing, so no work is ever lost.
 * Nothing here goes to the service worker's Cache Storage.
 */
import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import type { Draft } from './drafts';

/** What the new-application page needs to render and validate a programme's form offline. */
export interface CachedForm {
  programmeKey: string;
  name: string;
  nameEn?: string | null;
  description?: string | null;
  version: { number: number; formSchema: unknown; uiSchema: unknown; workflow: unknown };
  savedAt: string;
}

let db: UseStore | null = null;
const store = () => (db ??= createStore('aid-offline', 'kv'));

const formKey = (userId: string, programmeKey: string) => `form|${userId}|${programmeKey}`;
const draftKey = (userId: string, localId: string) => `draft|${userId}|${localId}`;

type Listener = () => void;
const listeners = new Set<Listener>();
/** Called after every change of a draft (the header badge and the pages listen). */
export function onDraftsChanged(l: Listener) {
  listeners.add(l);
  return () => void listeners.delete(l);
}
const changed = () => listeners.forEach((l) => l());

/** IndexedDB may be missing (old browsers, some private modes): offline features then do nothing. */
const available = () => typeof indexedDB !== 'undefined';

export async function saveForm(userId: string, form: CachedForm): Promise<void> {
  if (!available()) return;
  await set(formKey(userId, form.programmeKey), form, store()).catch(() => undefined);
}

export async function loadForm(userId: string, programmeKey: string): Promise<CachedForm | undefined> {
  if (!available()) return undefined;
  return get<CachedForm>(formKey(userId, programmeKey), store()).catch(() => undefined);
}

async function byPrefix<T>(prefix: string): Promise<T[]> {
  if (!available()) return [];
  const all = await entries<IDBValidKey, T>(store()).catch(() => [] as [IDBValidKey, T][]);
  return all.filter(([k]) => typeof k === 'string' && k.startsWith(prefix)).map(([, v]) => v);
}

export const listForms = (userId: string) => byPrefix<CachedForm>(`form|${userId}|`);

export async function listDrafts(userId: string): Promise<Draft[]> {
  const drafts = await byPrefix<Draft>(`draft|${userId}|`);
  return drafts.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}

export async function getDraft(userId: string, localId: string): Promise<Draft | undefined> {
  if (!available()) return undefined;
  return get<Draft>(draftKey(userId, localId), store());
}

export async function putDraft(draft: Draft): Promise<void> {
  await set(draftKey(draft.userId, draft.localId), draft, store());
  changed();
}

export async function removeDraft(userId: string, localId: string): Promise<void> {
  await del(draftKey(userId, localId), store());
  changed();
}
