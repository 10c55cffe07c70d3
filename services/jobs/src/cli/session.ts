import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigMissingError, OperationFailedError } from './exit-codes';
import { say, type CliIo } from './io';
import { cacheDir } from './settings';

/** The hub's own terminal client at the identity provider: a public client of the device authorization grant. */
export const CLI_CLIENT_ID = 'hub-cli';
const SCOPE = 'openid offline_access profile hub graph';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** An access token this close to expiry is renewed before a command uses it. */
const RENEW_BEFORE_MS = 30_000;

/** The development provider of `npm start`; HUB_OIDC_ISSUER names another. */
export function oidcIssuer(env: NodeJS.ProcessEnv): string {
  const issuer = env.HUB_OIDC_ISSUER?.trim() || 'http://127.0.0.1:4006';
  if (!/^https?:\/\/\S+$/.test(issuer)) throw new ConfigMissingError(`HUB_OIDC_ISSUER is not an http(s) URL: ${issuer}`);
  return issuer;
}

export interface StoredSession {
  issuer: string;
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export function sessionFile(env: NodeJS.ProcessEnv): string {
  return path.join(cacheDir(env), 'session.json');
}

function readSession(env: NodeJS.ProcessEnv): StoredSession | undefined {
  const file = sessionFile(env);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StoredSession;
  } catch {
    return undefined;
  }
}

function writeSession(env: NodeJS.ProcessEnv, session: StoredSession): void {
  const file = sessionFile(env);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(session), { mode: 0o600 });
}

interface ProviderMetadata {
  issuer: string;
  token_endpoint: string;
  device_authorization_endpoint: string;
  revocation_endpoint?: string;
}

async function discover(issuer: string): Promise<ProviderMetadata> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) }).catch((error: unknown) => {
    throw new OperationFailedError(`cannot reach the identity provider at ${issuer}: ${(error as Error).message}`);
  });
  const metadata = (await response.json().catch(() => ({}))) as Partial<ProviderMetadata>;
  if (!response.ok || metadata.issuer !== issuer || !metadata.token_endpoint || !metadata.device_authorization_endpoint) {
    throw new OperationFailedError(`${issuer} is not an OpenID provider offering sign-in from a terminal (device authorization)`);
  }
  return metadata as ProviderMetadata;
}

interface TokenAnswer {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
  error?: string;
  interval?: number;
}

async function post(url: string, form: Record<string, string>): Promise<{ status: number; body: TokenAnswer & Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as TokenAnswer & Record<string, unknown> };
}

function sessionFrom(issuer: string, answer: TokenAnswer, previous?: StoredSession): StoredSession {
  if (!answer.access_token || typeof answer.expires_in !== 'number') throw new OperationFailedError('the identity provider answered without an access token');
  const refreshToken = answer.refresh_token ?? previous?.refreshToken;
  return { issuer, accessToken: answer.access_token, expiresAt: Date.now() + answer.expires_in * 1000, ...(refreshToken && { refreshToken }) };
}

/**
 * `hub login`: the device authorization grant (RFC 8628). The person opens the printed address in any browser,
 * signs in there, and the terminal receives the tokens; the refresh token keeps the session until `hub logout`.
 */
export async function deviceLogin(io: CliIo, issuer: string, signal?: AbortSignal): Promise<StoredSession> {
  const metadata = await discover(issuer);
  const started = await post(metadata.device_authorization_endpoint, { client_id: CLI_CLIENT_ID, scope: SCOPE });
  const { device_code: deviceCode, user_code: userCode, verification_uri: uri, verification_uri_complete: uriComplete, expires_in: expiresIn } = started.body;
  if (started.status !== 200 || typeof deviceCode !== 'string' || typeof userCode !== 'string' || typeof uri !== 'string') {
    throw new OperationFailedError(`the identity provider refused to start a sign-in (HTTP ${started.status}${started.body.error ? `, ${started.body.error}` : ''})`);
  }
  say(io, `to sign in, open ${typeof uriComplete === 'string' ? uriComplete : uri} in a browser`);
  say(io, `and check that it shows the code ${userCode}`);
  let intervalMs = (typeof started.body.interval === 'number' ? started.body.interval : 5) * 1000;
  const deadline = Date.now() + (typeof expiresIn === 'number' ? expiresIn : 600) * 1000;
  while (Date.now() < deadline) {
    await sleep(intervalMs, undefined, { signal });
    const answer = await post(metadata.token_endpoint, { grant_type: DEVICE_GRANT, device_code: deviceCode, client_id: CLI_CLIENT_ID });
    if (answer.status === 200) {
      const session = sessionFrom(issuer, answer.body);
      writeSession(io.env, session);
      return session;
    }
    if (answer.body.error === 'authorization_pending') continue;
    if (answer.body.error === 'slow_down') {
      intervalMs += 5_000;
      continue;
    }
    if (answer.body.error === 'access_denied') throw new OperationFailedError('the sign-in was declined in the browser');
    throw new OperationFailedError(`the sign-in failed: ${answer.body.error ?? `HTTP ${answer.status}`}`);
  }
  throw new OperationFailedError('the sign-in was not completed in time; run hub login again');
}

/** The signed-in person's access token, renewed with the refresh token when it is about to expire; undefined when nobody signed in. */
export async function sessionToken(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const session = readSession(env);
  if (!session) return undefined;
  if (Date.now() < session.expiresAt - RENEW_BEFORE_MS) return session.accessToken;
  if (!session.refreshToken) throw new ConfigMissingError('your sign-in has expired: run hub login again');
  const metadata = await discover(session.issuer);
  const answer = await post(metadata.token_endpoint, { grant_type: 'refresh_token', refresh_token: session.refreshToken, client_id: CLI_CLIENT_ID });
  if (answer.status !== 200) throw new ConfigMissingError('your sign-in has ended: run hub login again');
  const renewed = sessionFrom(session.issuer, answer.body, session);
  writeSession(env, renewed);
  return renewed.accessToken;
}

/** `hub logout`: the refresh token revoked at the provider, and the session forgotten here. */
export async function logout(env: NodeJS.ProcessEnv): Promise<boolean> {
  const session = readSession(env);
  if (!session) return false;
  rmSync(sessionFile(env), { force: true });
  if (session.refreshToken) {
    const metadata = await discover(session.issuer);
    if (metadata.revocation_endpoint) {
      await post(metadata.revocation_endpoint, { token: session.refreshToken, token_type_hint: 'refresh_token', client_id: CLI_CLIENT_ID });
    }
  }
  return true;
}
