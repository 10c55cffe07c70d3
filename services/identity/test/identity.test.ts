import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { startClaimsProbe, startTestGateway, type TestGateway } from '@hub/gateway/testkit';
import { clientCredentialsTokens } from '@hub/shared/client';
import { createLogger } from '@hub/shared/logging';
import jwt from 'jsonwebtoken';
import { HUB_AUDIENCE, JOBS_CLIENT_SECRET, signIn, startIdentityProvider, subjectOf, TestBrowser, type TestIdentityProvider } from '../src/testkit';

/**
 * The development identity provider as a separate process, and the real gateway trusting it as an OpenID Connect
 * issuer: tokens from each grant, mapped to the hub's claims, refused when they should be, keys rotated mid-run.
 */
const ACCESS_TOKEN_TTL_SEC = 6;
const WHOAMI = '{ whoami { sub roles organisationId municipalityCode } }';
const WEB_CALLBACK = 'http://127.0.0.1:5173/callback';
const logger = createLogger('identity-test', process.env.TEST_LOG_LEVEL ?? 'silent');

let provider: TestIdentityProvider;
let probe: Awaited<ReturnType<typeof startClaimsProbe>>;
let gateway: TestGateway;
/** The same gateway, configured to find the roles where this provider puts none. */
let mismatched: TestGateway;

const issuerEntry = (overrides: object = {}) => ({
  issuer: provider.issuer,
  audience: HUB_AUDIENCE,
  claims: { roles: 'roles', organisationId: 'organisation_id', municipalityCode: 'municipality_code' },
  ...overrides,
});

beforeAll(async () => {
  provider = await startIdentityProvider({ accessTokenTtlSec: ACCESS_TOKEN_TTL_SEC });
  probe = await startClaimsProbe(logger);
  gateway = await startTestGateway([probe.subgraph], logger, undefined, { issuers: [issuerEntry()], env: { AUTH_CLOCK_TOLERANCE_SEC: '1' } });
  mismatched = await startTestGateway([probe.subgraph], logger, undefined, { issuers: [issuerEntry({ claims: { roles: 'realm_access.roles' } })] });
});

afterAll(async () => {
  await gateway?.stop();
  await mismatched?.stop();
  await probe?.stop();
  await provider?.stop();
});

function whoami(via: TestGateway, token: string) {
  return via.gql<{ whoami: Record<string, unknown> }>(WHOAMI, {}, token);
}

async function clientCredentials(secret = JOBS_CLIENT_SECRET): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${provider.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`hub-jobs:${secret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'graph' }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const jobsToken = async (): Promise<string> => (await clientCredentials()).body.access_token as string;

function authorizeUrl(challenge: string): string {
  const query = new URLSearchParams({
    client_id: 'hub-web',
    response_type: 'code',
    redirect_uri: WEB_CALLBACK,
    scope: 'openid profile hub offline_access graph',
    prompt: 'consent',
    state: 'state-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${provider.issuer}/auth?${query}`;
}

/** The web client's sign-in: authorization code with PKCE, through the provider's own pages. */
async function webSignIn(username: string) {
  const verifier = randomBytes(32).toString('base64url');
  const browser = new TestBrowser();
  const loginPage = await browser.open(authorizeUrl(createHash('sha256').update(verifier).digest('base64url')));
  expect(loginPage.body).toContain('Logga in');
  const back = await signIn(browser, loginPage, username);
  const callback = new URL(back.url);
  expect(`${callback.origin}${callback.pathname}`).toBe(WEB_CALLBACK);
  expect(callback.searchParams.get('state')).toBe('state-1');
  const code = callback.searchParams.get('code') ?? '';
  const exchanged = await fetch(`${provider.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: WEB_CALLBACK, client_id: 'hub-web', code_verifier: verifier }),
  });
  expect(exchanged.status).toBe(200);
  return { browser, tokens: (await exchanged.json()) as { access_token: string; id_token: string; refresh_token?: string } };
}

function refresh(refreshToken: string) {
  return fetch(`${provider.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'hub-web' }),
  });
}

describe('the development identity provider behind the gateway', () => {
  it('publishes discovery, with the grants the hub uses', async () => {
    const discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(provider.issuer);
    expect(discovery.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials', 'urn:ietf:params:oauth:grant-type:device_code']),
    );
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    expect(discovery.end_session_endpoint).toBe(`${provider.issuer}/session/end`);
  });

  it('gives the integration jobs an integration token by client credentials, and refuses a wrong secret', async () => {
    const answer = await whoami(gateway, await jobsToken());
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.whoami).toEqual({ sub: 'hub-jobs', roles: ['integration'], organisationId: null, municipalityCode: null });
    expect((await clientCredentials('a-wrong-secret-that-is-long-enough-000')).status).toBe(401);
  });

  it('renews the jobs token before it expires, as the jobs process does', async () => {
    const tokens = clientCredentialsTokens({ issuer: provider.issuer, clientId: 'hub-jobs', clientSecret: JOBS_CLIENT_SECRET, scope: 'graph' });
    const first = await tokens();
    expect(await tokens()).toBe(first);
    await sleep(ACCESS_TOKEN_TTL_SEC * 0.8 * 1000 + 200);
    const second = await tokens();
    expect(second).not.toBe(first);
    expect((await whoami(gateway, second)).data?.whoami).toMatchObject({ roles: ['integration'] });
  });

  it('signs a person in with authorization code and PKCE; the token carries their own subject, role and scope', async () => {
    const { tokens } = await webSignIn('mala.naringsliv');
    const answer = await whoami(gateway, tokens.access_token);
    expect(answer.data?.whoami).toEqual({ sub: subjectOf('mala.naringsliv'), roles: ['municipal-staff'], organisationId: 'org-mala-office', municipalityCode: '2418' });
    const idToken = jwt.decode(tokens.id_token) as Record<string, unknown>;
    expect(idToken).toMatchObject({ sub: subjectOf('mala.naringsliv'), preferred_username: 'mala.naringsliv', roles: ['municipal-staff'], municipality_code: '2418' });

    const other = await webSignIn('sorsele.inflytt');
    expect((await whoami(gateway, other.tokens.access_token)).data?.whoami).toMatchObject({
      sub: subjectOf('sorsele.inflytt'),
      roles: ['migration-officer'],
      municipalityCode: '2422',
    });
  });

  it('renews with the refresh token, and after sign-out and revocation it renews no more', async () => {
    const { browser, tokens } = await webSignIn('almi.radgivare');
    expect(tokens.refresh_token).toBeTruthy();
    const renewed = await refresh(tokens.refresh_token!);
    expect(renewed.status).toBe(200);
    const next = (await renewed.json()) as { access_token: string; refresh_token: string };
    expect((await whoami(gateway, next.access_token)).data?.whoami).toMatchObject({ sub: subjectOf('almi.radgivare'), organisationId: 'org-almi' });

    const logoutPage = await browser.open(`${provider.issuer}/session/end?client_id=hub-web&id_token_hint=${tokens.id_token}`);
    await browser.submit(logoutPage, { logout: 'yes' });
    const revoked = await fetch(`${provider.issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: next.refresh_token, token_type_hint: 'refresh_token', client_id: 'hub-web' }),
    });
    expect(revoked.status).toBe(200);
    const refused = await refresh(next.refresh_token);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('refuses a token whose mapping yields no role the hub knows, with a clear reason', async () => {
    const answer = await whoami(mismatched, await jobsToken());
    expect(answer.status).toBe(401);
    expect(answer.errors?.[0]).toMatchObject({ message: 'Not authenticated: the token carries no role the hub knows', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('slows down wrong passwords: after three, the next attempt must wait (429, Retry-After)', async () => {
    const browser = new TestBrowser();
    let page = await browser.open(authorizeUrl('x'.repeat(43)));
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      page = await signIn(browser, page, 'hub.admin', 'not-the-password');
      statuses.push(page.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(page.headers.get('retry-after')).toBe('1');
    expect(page.body).toContain('role="alert"');
    expect(provider.logs().join('\n')).not.toContain('not-the-password');
    expect(provider.logs().some((line) => line.includes('"kind":"sign-in-failed"'))).toBe(true);
  });

  it('rotates its signing key without a restart of anything: old tokens hold until they expire, new ones are accepted', async () => {
    const old = await jobsToken();
    const oldKid = jwt.decode(old, { complete: true })?.header.kid;
    expect((await whoami(gateway, old)).status).toBe(200);

    await provider.rotateKeys();
    const fresh = await jobsToken();
    expect(jwt.decode(fresh, { complete: true })?.header.kid).not.toBe(oldKid);
    expect((await whoami(gateway, fresh)).status).toBe(200);
    expect((await whoami(gateway, old)).status).toBe(200);

    // past its expiry and the gateway's tolerance of 1 s
    const refusedFrom = ((jwt.decode(old) as { exp: number }).exp + 1) * 1000;
    await sleep(Math.max(0, refusedFrom - Date.now()) + 1_200);
    const expired = await whoami(gateway, old);
    expect(expired.status).toBe(401);
    expect(expired.errors?.[0]?.message).toBe('Not authenticated: token expired');
    expect((await whoami(gateway, await jobsToken())).status).toBe(200);
  });
});
