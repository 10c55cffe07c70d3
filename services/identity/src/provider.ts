import type { Configuration, KoaContextWithOIDC } from 'oidc-provider' with { 'resolution-mode': 'import' };
import type Provider from 'oidc-provider' with { 'resolution-mode': 'import' };
import type { IdentityConfig } from './config';
import { tokenClaimsOf, type UserDirectory } from './domain/directory';
import type { SigningKey } from './infrastructure/signing-keys';
import { clientName, deviceCodePage, deviceConfirmPage, deviceDonePage, loggedOutPage, logoutPage } from './interactions/pages';

export type OidcProvider = Provider;

/** The clients of the hub itself, all first party: nobody is asked to consent to them. */
export const CLIENTS = {
  /** `hub login`: the device authorization grant, for a terminal without a browser of its own. */
  cli: 'hub-cli',
  /** The municipalities' web client: authorization code with PKCE. */
  web: 'hub-web',
  /** The integration jobs: client credentials. */
  jobs: 'hub-jobs',
} as const;

/** What a token of a service client (no person behind it) may do in the hub. */
const SERVICE_CLIENT_ROLES: Record<string, string[]> = { [CLIENTS.jobs]: ['integration'] };

const OIDC_SCOPES = 'openid offline_access profile hub';
export const GRAPH_SCOPE = 'graph';

export interface ProviderOptions {
  config: IdentityConfig;
  directory: UserDirectory;
  signingKeys: SigningKey[];
  cookieKeys: string[];
}

/**
 * oidc-provider (an OpenID Certified implementation) configured for the hub: JWT access tokens for the graph
 * carrying the hub's claims, short-lived and signed with the newest key of the set.
 */
export async function buildProvider({ config, directory, signingKeys, cookieKeys }: ProviderOptions): Promise<OidcProvider> {
  // ESM only: loaded with import(), which Node keeps as such in this CommonJS build
  const { default: ProviderClass, errors } = await import('oidc-provider');

  const resourceServer = {
    scope: GRAPH_SCOPE,
    audience: config.HUB_AUDIENCE,
    accessTokenFormat: 'jwt' as const,
    accessTokenTTL: config.ACCESS_TOKEN_TTL_SEC,
    jwt: { sign: { alg: 'RS256' as const } },
  };

  const configuration: Configuration = {
    clients: [
      {
        client_id: CLIENTS.cli,
        token_endpoint_auth_method: 'none',
        grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
        response_types: [],
        redirect_uris: [],
      },
      {
        client_id: CLIENTS.web,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: config.WEB_REDIRECT_URIS,
        post_logout_redirect_uris: config.WEB_POST_LOGOUT_REDIRECT_URIS,
      },
      {
        client_id: CLIENTS.jobs,
        client_secret: config.JOBS_CLIENT_SECRET,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      },
    ],
    clientBasedCORS: (_ctx, origin, client) =>
      client.clientId === CLIENTS.web && config.WEB_REDIRECT_URIS.some((uri) => new URL(uri).origin === origin),
    jwks: { keys: signingKeys },
    cookies: { keys: cookieKeys },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], hub: ['roles', 'organisation_id', 'municipality_code'] },
    scopes: ['openid', 'offline_access', 'profile', 'hub'],
    findAccount: (_ctx, sub) => {
      const user = directory.findBySub(sub);
      if (!user) return undefined;
      return { accountId: user.sub, claims: () => ({ sub: user.sub, name: user.name, preferred_username: user.username, ...tokenClaimsOf(user) }) };
    },
    extraTokenClaims: (_ctx, token) => {
      if ('accountId' in token) {
        const user = directory.findBySub(token.accountId);
        return user ? tokenClaimsOf(user) : undefined;
      }
      const roles = SERVICE_CLIENT_ROLES[token.clientId ?? ''];
      return roles ? { roles } : undefined;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    loadExistingGrant: (ctx) => grantEverything(ctx, config.HUB_RESOURCE),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      deviceFlow: {
        enabled: true,
        userCodeInputSource: (ctx, form, _out, error) => {
          ctx.body = deviceCodePage(
            form,
            error ? { sv: 'Koden stämmer inte eller har gått ut. Försök igen.', en: 'The code is wrong or has expired. Try again.' } : undefined,
          );
        },
        userCodeConfirmSource: (ctx, form, client, _deviceInfo, userCode) => {
          ctx.body = deviceConfirmPage(form, clientName(client.clientId), userCode);
        },
        successSource: (ctx) => {
          ctx.body = deviceDonePage();
        },
      },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = loggedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, _client, oneOf) => oneOf ?? config.HUB_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resourceIndicator) => {
          if (resourceIndicator !== config.HUB_RESOURCE) throw new errors.InvalidTarget();
          return resourceServer;
        },
      },
    },
    ttl: {
      AccessToken: config.ACCESS_TOKEN_TTL_SEC,
      ClientCredentials: config.ACCESS_TOKEN_TTL_SEC,
      AuthorizationCode: 60,
      DeviceCode: 600,
      IdToken: config.ACCESS_TOKEN_TTL_SEC,
      Interaction: 3_600,
      Grant: 14 * 86_400,
      Session: 14 * 86_400,
      RefreshToken: 14 * 86_400,
    },
    // errors as JSON without internals, never the stack or the parameters sent
    renderError: (ctx, out) => {
      ctx.type = 'json';
      ctx.body = { error: out.error, error_description: out.error_description };
    },
  };
  return new ProviderClass(config.issuer, configuration);
}

/**
 * Every client here is the hub's own, so a signed-in person's grant covers all the hub's scopes at once (the
 * provider still issues only what a request asks for). One grant per person and client, kept in the session.
 */
async function grantEverything(ctx: KoaContextWithOIDC, resource: string) {
  const { provider, session, client, result } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grantId = (result?.consent as { grantId?: string } | undefined)?.grantId ?? session.grantIdFor(client.clientId);
  if (grantId) {
    const existing = await provider.Grant.find(grantId);
    if (existing) return existing;
  }
  const grant = new provider.Grant({ accountId: session.accountId, clientId: client.clientId });
  grant.addOIDCScope(OIDC_SCOPES);
  grant.addOIDCClaims(['roles', 'organisation_id', 'municipality_code']);
  grant.addResourceScope(resource, GRAPH_SCOPE);
  await grant.save();
  session.ensureClientContainer(client.clientId);
  session.grantIdFor(client.clientId, grant.jti);
  return grant;
}
