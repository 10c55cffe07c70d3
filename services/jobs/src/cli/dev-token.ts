import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { hubClaimsSchema, ROLES, signUserToken, type HubClaims, type Role } from '@hub/shared/auth';
import { ConfigMissingError, UsageError } from './exit-codes';
import { sessionToken } from './session';
import { devSecretsFile } from './settings';

/** What `npm start` signs development tokens with and the development gateway accepts (infra/src/up.ts). */
export const DEV_ISSUER = 'region10-hub-dev';
export const DEV_AUDIENCE = 'region10-hub-graph';
export const MAX_TOKEN_HOURS = 24 * 30;

/** The development issuer's key pair, as npm start keeps it (with the gateway's and the jobs' own secrets beside it). */
export interface DevSecrets {
  publicKey: string;
  privateKey: string;
}

/** The development keys `npm start` made; missing configuration (exit 3) when it never ran here. */
export function readDevSecrets(env: NodeJS.ProcessEnv): DevSecrets {
  const file = devSecretsFile(env);
  if (!existsSync(file)) {
    throw new ConfigMissingError(`no development keys at ${file}: run npm start once (it makes them), or give a token in HUB_TOKEN`);
  }
  let secrets: Partial<DevSecrets>;
  try {
    secrets = JSON.parse(readFileSync(file, 'utf8')) as Partial<DevSecrets>;
  } catch (error) {
    throw new ConfigMissingError(`cannot read the development keys at ${file}: ${(error as Error).message}`);
  }
  if (typeof secrets.privateKey !== 'string' || typeof secrets.publicKey !== 'string') {
    throw new ConfigMissingError(`${file} is not a development keys file: delete it and run npm start again`);
  }
  return secrets as DevSecrets;
}

export function parseRole(text: string): Role {
  if ((ROLES as readonly string[]).includes(text)) return text as Role;
  throw new UsageError(`unknown role "${text}": one of ${ROLES.join(', ')}`);
}

export interface DevTokenRequest {
  role: Role;
  /** Who the token is for; a subject of its own by default, so no two people share one. */
  subject?: string;
  organisationId?: string;
  municipalityCode?: string;
}

/** The claims of a development token: the subject (a new one, `dev:<role>:<random>`, unless given), the role and the scope asked for. */
export function devClaims(request: DevTokenRequest): HubClaims {
  const claims = { sub: request.subject ?? `dev:${request.role}:${randomBytes(4).toString('hex')}`, roles: [request.role], ...(request.organisationId !== undefined && { organisationId: request.organisationId }), ...(request.municipalityCode !== undefined && { municipalityCode: request.municipalityCode }) };
  const parsed = hubClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${issue?.path.join('.') || 'claims'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export function mintDevToken(secrets: DevSecrets, claims: HubClaims, hours = 12): string {
  if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_TOKEN_HOURS) throw new UsageError(`--hours is a number above 0 and at most ${MAX_TOKEN_HOURS}`);
  return signUserToken(claims, { privateKey: secrets.privateKey, issuer: DEV_ISSUER, audience: DEV_AUDIENCE, expiresIn: Math.round(hours * 3600) });
}

/**
 * The token a command calls the gateway with: HUB_TOKEN when set (any environment), else the signed-in person's
 * (`hub login`), else one minted for `role` from the development keys (a development hub only); missing
 * configuration when there is none of these.
 */
export async function callerToken(env: NodeJS.ProcessEnv, role: Role): Promise<{ token: string; source: string }> {
  const given = env.HUB_TOKEN?.trim();
  if (given) return { token: given, source: 'HUB_TOKEN' };
  const signedIn = await sessionToken(env);
  if (signedIn) return { token: signedIn, source: 'your sign-in (hub login)' };
  const file = devSecretsFile(env);
  if (!existsSync(file)) {
    throw new ConfigMissingError(`no token: run hub login, set HUB_TOKEN (a token with the ${role} role), or run npm start once so development tokens can be made from ${file}`);
  }
  return { token: mintDevToken(readDevSecrets(env), devClaims({ role }), 1), source: `a development ${role} token` };
}
