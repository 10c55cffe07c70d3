import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { Settings } from '../settings';

export type Role = 'public' | 'partner-staff' | 'municipal-staff' | 'migration-officer' | 'integration' | 'admin';

/** Who is signed in, as the identity provider's ID token states it. */
export interface SignedInUser {
  name: string;
  username: string;
  roles: Role[];
  municipalityCode: string | null;
  organisationId: string | null;
}

/** The graph's resource at the identity provider: access tokens for it are what the gateway accepts. */
export const SCOPES = 'openid profile hub graph offline_access';

/**
 * Authorization code with PKCE. Tokens live in memory only (a reload signs in again, silently while the provider's
 * session lasts); the sign-in's state and verifier sit in sessionStorage for the round trip to the provider alone.
 */
export function createUserManager(settings: Settings, origin = window.location.origin): UserManager {
  return new UserManager({
    authority: settings.issuer,
    client_id: settings.clientId,
    redirect_uri: `${origin}/callback`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    scope: SCOPES,
    // OpenID Connect grants offline_access (the refresh token renewal needs) only when consent is asked for; the
    // hub's provider grants its own clients that without a page
    prompt: 'consent',
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // renewed with the refresh token a minute before the access token expires
    automaticSilentRenew: true,
    accessTokenExpiringNotificationTimeInSeconds: 60,
    loadUserInfo: false,
  });
}

const ROLES: readonly Role[] = ['public', 'partner-staff', 'municipal-staff', 'migration-officer', 'integration', 'admin'];

export function signedInUser(user: User): SignedInUser {
  const profile = user.profile as Record<string, unknown>;
  const roles = Array.isArray(profile.roles) ? profile.roles.filter((role): role is Role => ROLES.includes(role as Role)) : [];
  const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
  const username = text(profile.preferred_username) ?? user.profile.sub;
  return {
    name: text(profile.name) ?? username,
    username,
    roles,
    municipalityCode: text(profile.municipality_code),
    organisationId: text(profile.organisation_id),
  };
}
