/**
 * Whether the server can be reached, the signed-in user's drafts kept on the phone, and the sync
 * queue run when the connection returns (the browser's `online` event, on start, after each
 * local save while online, and every 30 s while something waits). One run at a time per tab.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { App } from 'antd';
import { request } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { overwriteWithMine, retry, sendable, type Draft } from './drafts';
import { getDraft, listDrafts, onDraftsChanged, putDraft, removeDraft } from './store';
import { runQueue, type Send } from './sync';

interface Offline {
  /** The browser says it is online and the last attempt reached the server. */
  online: boolean;
  drafts: Draft[];
  syncing: boolean;
  /** Application ids synced by the last run (pages showing them reload). */
  lastSynced: string[];
  syncNow(): Promise<void>;
  /** Keeps a draft on the phone (state waiting) and sends it at once when online. */
  keep(draft: DraftInput): Promise<Draft | undefined>;
  discard(localId: string): Promise<void>;
  overwrite(localId: string): Promise<void>;
  retry(localId: string): Promise<void>;
  /** A request failed for want of a connection. */
  markUnreachable(): void;
}

/** A draft as a page hands it over: the provider adds the user, the time and the state. */
type DraftInput = Draft extends infer D ? (D extends Draft ? Omit<D, 'state' | 'savedAt' | 'userId'> & { userId?: string } : never) : never;

const OfflineContext = createContext<Offline | null>(null);
const send: Send = (doc, vars) => (request as (d: unknown, v: unknown) => Promise<never>)(doc, vars);
const browserOnline = () => (typeof navigator === 'undefined' ? true : navigator.onLine);

export function OfflineProvider({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const { t } = useI18n();
  const { message } = App.useApp();
  const userId = user?.id ?? null;
  const [navOnline, setNavOnline] = useState(browserOnline);
  const [unreachable, setUnreachable] = useState(false);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [syncing, setSyncing] = useState(false);
  const [lastSynced, setLastSynced] = useState<string[]>([]);
  const running = useRef(false);
  const online = navOnline && !unreachable;

  const refresh = useCallback(async () => {
    setDrafts(userId ? await listDrafts(userId) : []);
  }, [userId]);
  useEffect(() => {
    void refresh();
    return onDraftsChanged(() => void refresh());
  }, [refresh]);

  const syncNow = useCallback(async () => {
    if (!userId || running.current || !browserOnline()) return;
    running.current = true;
    try {
      const list = await listDrafts(userId);
      if (!sendable(list).length) return;
      setSyncing(true);
      const result = await runQueue(list, send, {
        get: (id) => getDraft(userId, id),
        put: putDraft,
        remove: (id) => removeDraft(userId, id),
      });
      setUnreachable(result.offline);
      if (result.synced.length) {
        setLastSynced(result.synced.map((s) => s.appId));
        message.success({ content: t('offline.synced', { n: result.synced.length }), className: 'offline-synced' });
      }
      if (result.conflicts) message.warning(t('offline.conflicts', { n: result.conflicts }));
      if (result.errors) message.error(t('offline.errors', { n: result.errors }));
    } finally {
      running.current = false;
      setSyncing(false);
    }
  }, [userId, message, t]);

  useEffect(() => {
    const up = () => {
      setNavOnline(true);
      setUnreachable(false);
      void syncNow();
    };
    const down = () => setNavOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [syncNow]);

  // On start (a cadre reopening the app in signal) and every 30 s while something waits.
  useEffect(() => {
    void syncNow();
  }, [syncNow]);
  const waiting = sendable(drafts).length;
  useEffect(() => {
    if (!waiting && !unreachable) return;
    const h = setInterval(async () => {
      if (!browserOnline()) return;
      if (unreachable) {
        // The browser says online but the server was out of reach: ask it before sending.
        const up = await fetch('/healthz', { cache: 'no-store' }).then((r) => r.ok, () => false);
        if (!up) return;
        setUnreachable(false);
      }
      void syncNow();
    }, 30_000);
    return () => clearInterval(h);
  }, [waiting, unreachable, syncNow]);

  const keep = useCallback<Offline['keep']>(
    async (d) => {
      const owner = d.userId ?? userId;
      if (!owner) return undefined;
      const draft = { ...d, userId: owner, state: 'waiting', savedAt: new Date().toISOString(), problem: undefined, server: undefined } as Draft;
      await putDraft(draft);
      if (browserOnline() && !unreachable) void syncNow();
      return draft;
    },
    [userId, unreachable, syncNow],
  );

  const change = useCallback(
    async (localId: string, fn: (d: Draft) => Draft) => {
      if (!userId) return;
      const d = await getDraft(userId, localId);
      if (!d) return;
      await putDraft(fn(d));
      void syncNow();
    },
    [userId, syncNow],
  );

  const value = useMemo<Offline>(
    () => ({
      online,
      drafts,
      syncing,
      lastSynced,
      syncNow,
      keep,
      discard: async (localId) => {
        if (userId) await removeDraft(userId, localId);
      },
      overwrite: (localId) => change(localId, overwriteWithMine),
      retry: (localId) => change(localId, retry),
      markUnreachable: () => setUnreachable(true),
    }),
    [online, drafts, syncing, lastSynced, syncNow, keep, change, userId],
  );
  return <OfflineContext.Provider value={value}>{children}</OfflineContext.Provider>;
}

export function useOffline(): Offline {
  const ctx = useContext(OfflineContext);
  if (!ctx) throw new Error('useOffline outside OfflineProvider');
  return ctx;
}
