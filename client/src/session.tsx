/** Who is signed in: the token in localStorage, the `me` user, sign in and out. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { graphql } from './graphql';
import type { MeQuery } from './graphql/graphql';
import { ApiError, getToken, onUnauthenticated, request, setToken } from './api';

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

/**
 * The signed-in user as last confirmed by the server, so that the app opens without a connection
 * (a cadre's drafts are filed under this id). Names and roles only; cleared on sign-out.
 */
const ME_KEY = 'aid.me';
const rememberMe = (me: Me | null) => (me ? localStorage.setItem(ME_KEY, JSON.stringify(me)) : localStorage.removeItem(ME_KEY));
function rememberedMe(): Me | null {
  try {
    return JSON.parse(localStorage.getItem(ME_KEY) ?? 'null') as Me | null;
  } catch {
    return null;
  }
}

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
        rememberMe(d.me ?? null);
        if (!d.me) setToken(null);
      })
      .catch((e) => {
        // No connection is not a sign-out: carry on as the user the server last confirmed.
        const known = e instanceof ApiError && e.code === 'NETWORK' ? rememberedMe() : null;
        if (known) return setUser(known);
        setToken(null);
        rememberMe(null);
      })
      .finally(() => setLoading(false));
  }, []);

  useEffect(
    () =>
      onUnauthenticated(() => {
        setToken(null);
        rememberMe(null);
        setUser(null);
      }),
    [],
  );

  const signIn = useCallback(async (username: string, password: string) => {
    const d = await request(LoginDocument, { username, password });
    setToken(d.login.token);
    rememberMe(d.login.user);
    setUser(d.login.user);
    return d.login.user;
  }, []);

  const signOut = useCallback(() => {
    // The drafts on the phone stay (filed under the user's id): signing in again shows them.
    setToken(null);
    rememberMe(null);
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
