// Who is signed in, for the whole app: asked once from GET /session, changed by signing in and out. The session
// cookie is httpOnly; the app holds only the CSRF token the server hands out with the session.

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken } from './api.js';
import type { User, WhoAmI } from './types.js';

export interface SessionState {
  /** null: not known yet (the first GET /session is under way). */
  readonly user: User | null | undefined;
  readonly signIn: (email: string, password: string) => Promise<void>;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  useEffect(() => {
    api.get<WhoAmI>('/session').then(
      (who) => {
        setCsrfToken(who.csrfToken);
        setUser(who.user);
      },
      () => {
        setUser(null);
      },
    );
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const session = await api.post<{ user: User; csrfToken: string }>('/session', { email, password });
    setCsrfToken(session.csrfToken);
    setUser(session.user);
  }, []);

  const signOut = useCallback(async () => {
    await api.delete('/session');
    setCsrfToken(null);
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, signIn, signOut }), [user, signIn, signOut]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside SessionProvider');
  return session;
}
