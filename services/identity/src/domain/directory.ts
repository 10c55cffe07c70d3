import { scryptSync, timingSafeEqual, randomBytes } from 'node:crypto';
import { hubClaimsSchema, ROLES, type HubClaims } from '@hub/shared/auth';
import { z } from 'zod';

/**
 * The development provider's people: who may sign in, with which password, and the hub claims their tokens
 * carry. A real deployment signs people in at its own provider (Entra ID, Keycloak, a BankID broker); this
 * directory only exists so that the hub can be tried and tested with the same protocol.
 */
export const directoryUserSchema = z.object({
  sub: z.string().min(1).max(200),
  username: z.string().regex(/^[a-z0-9.-]{3,60}$/),
  name: z.string().min(1).max(200),
  roles: z.array(z.enum(ROLES)).min(1),
  municipalityCode: hubClaimsSchema.shape.municipalityCode,
  organisationId: hubClaimsSchema.shape.organisationId,
  passwordHash: z.string().regex(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{128}$/),
});
export type DirectoryUser = z.infer<typeof directoryUserSchema>;

export const directorySchema = z.object({ users: z.array(directoryUserSchema) }).refine(
  (directory) => new Set(directory.users.map((user) => user.username)).size === directory.users.length,
  { message: 'usernames must be unique' },
);
export type Directory = z.infer<typeof directorySchema>;

const KEY_LENGTH = 64;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('hex')}$${scryptSync(password, salt, KEY_LENGTH).toString('hex')}`;
}

/** Constant time whatever the input, so neither a wrong password nor an unknown user answers faster. */
export function passwordMatches(password: string, passwordHash: string): boolean {
  const [, saltHex = '', keyHex = ''] = passwordHash.split('$');
  const expected = Buffer.from(keyHex, 'hex');
  const actual = scryptSync(password, Buffer.from(saltHex, 'hex'), KEY_LENGTH);
  return expected.length === KEY_LENGTH && timingSafeEqual(actual, expected);
}

/** A hash no password matches, checked against when the username is unknown so both cases cost the same. */
export const UNKNOWN_USER_HASH = hashPassword(randomBytes(16).toString('hex'));

export class UserDirectory {
  private readonly bySub: Map<string, DirectoryUser>;
  private readonly byUsername: Map<string, DirectoryUser>;

  constructor(directory: Directory) {
    this.bySub = new Map(directory.users.map((user) => [user.sub, user]));
    this.byUsername = new Map(directory.users.map((user) => [user.username, user]));
  }

  findBySub(sub: string): DirectoryUser | undefined {
    return this.bySub.get(sub);
  }

  /** The user when the password is right; undefined for a wrong password and an unknown user alike. */
  authenticate(username: string, password: string): DirectoryUser | undefined {
    const user = this.byUsername.get(username.trim().toLowerCase());
    const matches = passwordMatches(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    return matches ? user : undefined;
  }
}

/** The claim names this provider puts in access tokens; the gateway's issuer mapping names the same ones. */
export const TOKEN_CLAIM_NAMES = { roles: 'roles', organisationId: 'organisation_id', municipalityCode: 'municipality_code' } as const;

export function tokenClaimsOf(user: Pick<HubClaims, 'roles' | 'organisationId' | 'municipalityCode'>): Record<string, unknown> {
  return {
    [TOKEN_CLAIM_NAMES.roles]: user.roles,
    ...(user.organisationId !== undefined && { [TOKEN_CLAIM_NAMES.organisationId]: user.organisationId }),
    ...(user.municipalityCode !== undefined && { [TOKEN_CLAIM_NAMES.municipalityCode]: user.municipalityCode }),
  };
}
