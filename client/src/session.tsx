/** Who is signed in: the token in localStorage, the `me` user, sign in and out. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { graphql } from './graphql';
import type { MeQuery } from './graphql/graphql';
import { getToken, onUnauthenticated, request, setToken } from './api';

export const MeDocument = graphql(`
  query Me {
    me { id username displayName roles { role roleTitle regionCode } }
  }
`);

const LoginDocument = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
      expiresAt
      user { id username displayName roles { role roleTitle regionCode } }
    }
  }
`);

export type Me = NonNullable<MeQuery['me']>;

interface Session {
  user: Me | null;
  loading: boolean;
  signIn(username: string, password: string): Promise<Me>;
  signOut(): void;
  hasRole(...roles: string[]): boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null>(null);
  const [loading, setLoading] = useState(() => !!getToken());

  useEffect(() => {
    if (!getToken()) return;
    request(MeDocument)
      .then((d) => {
        setUser(d.me ?? null);
        if (!d.me) setToken(null);
      })
      .catch(() => setToken(null))
      .finally(() => setLoading(false));
  }, []);

  useEffect(
    () =>
      onUnauthenticated(() => {
        setToken(null);
        setUser(null);
      }),
    [],
  );

  const signIn = useCallback(async (username: string, password: string) => {
    const d = await request(LoginDocument, { username, password });
    setToken(d.login.token);
    setUser(d.login.user);
    return d.login.user;
  }, []);

  const signOut = useCallback(() => {
    setToken(null);
    setUser(null);
  }, []);

  const value = useMemo<Session>(
    () => ({
      user,
      loading,
      signIn,
      signOut,
      hasRole: (...roles) => !!user?.roles.some((r) => roles.includes(r.role)),
    }),
    [user, loading, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
