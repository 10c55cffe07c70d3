import jwt from 'jsonwebtoken';
import { callerToken } from '../dev-token';
import { printJson, printText, say, type CliIo } from '../io';
import { deviceLogin, logout, oidcIssuer } from '../session';

/** What a token says of its holder; read without verifying it, for display only (the gateway verifies). */
function describe(token: string): Record<string, unknown> {
  const payload = jwt.decode(token);
  if (!payload || typeof payload === 'string') return {};
  const pick = ['sub', 'roles', 'organisation_id', 'organisationId', 'municipality_code', 'municipalityCode', 'iss', 'exp'];
  return Object.fromEntries(Object.entries(payload).filter(([key]) => pick.includes(key)));
}

export async function loginCommand(io: CliIo, options: { issuer?: string; json?: boolean }): Promise<void> {
  const issuer = options.issuer?.trim() || oidcIssuer(io.env);
  const controller = new AbortController();
  const session = await deviceLogin(io, issuer, controller.signal);
  const claims = describe(session.accessToken);
  if (options.json) printJson(io, claims);
  else say(io, `signed in as ${String(claims.sub)} (${[claims.roles].flat().join(', ')}); hub commands now use this sign-in`);
}

export async function logoutCommand(io: CliIo): Promise<void> {
  say(io, (await logout(io.env)) ? 'signed out; the refresh token is revoked' : 'nobody was signed in');
}

export async function whoamiCommand(io: CliIo, options: { json?: boolean }): Promise<void> {
  const { token, source } = await callerToken(io.env, 'public');
  const claims = describe(token);
  if (options.json) printJson(io, { source, ...claims });
  else printText(io, `${String(claims.sub)} · ${[claims.roles].flat().join(', ')} · from ${source}`);
}
