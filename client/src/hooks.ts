import { useCallback, useEffect, useRef, useState } from 'react';
import { request } from './api';
import type { TypedDocumentString } from './graphql/graphql';

export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

/** Runs a query when its variables change; keeps the last data while reloading. */
export function useQuery<TResult, TVars>(doc: TypedDocumentString<TResult, TVars>, variables: TVars, opts: { skip?: boolean } = {}) {
  const [data, setData] = useState<TResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(!opts.skip);
  const key = JSON.stringify(variables);
  const seq = useRef(0);
  const run = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    try {
      const d = await (request as (d: unknown, v: unknown) => Promise<TResult>)(doc, JSON.parse(key));
      if (mine === seq.current) setData(d);
    } catch (e) {
      if (mine === seq.current) setError(e);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [doc, key]);
  useEffect(() => {
    if (!opts.skip) void run();
  }, [run, opts.skip]);
  return { data, error, loading, reload: run, setData };
}

/**
 * One named action at a time (a button's spinner says which) and the last refusal: `act` clears the
 * refusal, runs, and keeps what was refused for the page to show; it answers whether the action
 * succeeded (publish saves first, and stops when the save was refused).
 */
export function useNamedAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const act = async (name: string, fn: () => Promise<unknown>): Promise<boolean> => {
    setBusy(name);
    setError(null);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, setError, act };
}
