import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { User, UserManager } from 'oidc-client-ts';
import { signedInUser, type SignedInUser } from './session';

interface AuthState {
  user: SignedInUser | null;
  /** The access token for the graph, or null when nobody is signed in. */
  accessToken(): string | null;
  signIn(returnTo?: string): Promise<void>;
  signOut(): Promise<void>;
  /** Completes the sign-in on /callback; resolves to the page to go back to. */
  completeSignIn(): Promise<string>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ manager, children }: { manager: UserManager; children: ReactNode }) {
  const [session, setCurrentSession] = useState<User | null>(null);
  // the graph client asks for the token on every request, outside React's rendering
  const current = useRef<User | null>(null);
  const setSession = useCallback((user: User | null) => {
    current.current = user;
    setCurrentSession(user);
  }, []);

  useEffect(() => {
    const loaded = (user: User) => setSession(user);
    const ended = () => setSession(null);
    manager.events.addUserLoaded(loaded);
    manager.events.addUserUnloaded(ended);
    manager.events.addAccessTokenExpired(ended);
    manager.events.addSilentRenewError(ended);
    return () => {
      manager.events.removeUserLoaded(loaded);
      manager.events.removeUserUnloaded(ended);
      manager.events.removeAccessTokenExpired(ended);
      manager.events.removeSilentRenewError(ended);
    };
  }, [manager, setSession]);

  const accessToken = useCallback(() => (current.current && !current.current.expired ? current.current.access_token : null), []);
  const signIn = useCallback((returnTo = window.location.pathname + window.location.search) => manager.signinRedirect({ state: { returnTo } }), [manager]);
  const signOut = useCallback(async () => {
    const idToken = session?.id_token;
    await manager.revokeTokens(['refresh_token']).catch(() => undefined);
    await manager.removeUser();
    await manager.signoutRedirect(idToken ? { id_token_hint: idToken } : {});
  }, [manager, session]);
  const completeSignIn = useCallback(async () => {
    const user = await manager.signinRedirectCallback();
    setSession(user);
    const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo;
    // only a path of this client, never an address elsewhere
    return returnTo?.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/';
  }, [manager, setSession]);

  const value = useMemo<AuthState>(
    () => ({ user: session ? signedInUser(session) : null, accessToken, signIn, signOut, completeSignIn }),
    [session, accessToken, signIn, signOut, completeSignIn],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}
