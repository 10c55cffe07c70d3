import { issuerPublicKeyPem, ROLES, type Role } from '@hub/shared/auth';
import { z } from 'zod';

/** Signature algorithms an issuer may be pinned to: asymmetric only, so neither `none` nor an HMAC can pass. */
export const ALLOWED_ALGORITHMS = ['RS256', 'PS256', 'ES256'] as const;

/**
 * Where in an issuer's tokens the hub finds each of its claims: a claim name, or a dotted path into nested claims
 * (Keycloak's `realm_access.roles`).
 */
const claimPath = z.string().regex(/^[A-Za-z0-9_:/.-]{1,100}$/, 'expected a claim name or dotted path');

const issuerBase = {
  issuer: z.string().min(1),
  audience: z.string().min(1),
  algorithms: z.array(z.enum(ALLOWED_ALGORITHMS)).min(1).default(['RS256']),
  claims: z
    .object({
      roles: claimPath.default('roles'),
      organisationId: claimPath.default('organisationId'),
      municipalityCode: claimPath.default('municipalityCode'),
    })
    .default({ roles: 'roles', organisationId: 'organisationId', municipalityCode: 'municipalityCode' }),
  /** Role values as the issuer names them → the hub's roles (Entra ID app roles such as `Hub.Admin`, say). */
  roleValues: z.record(z.string(), z.enum(ROLES)).default({}),
};

/** An OpenID Connect provider: keys come from its discovery document's `jwks_uri`. */
const discoveredIssuer = z.object({ ...issuerBase, issuer: z.url({ protocol: /^https?$/ }) }).strict();

/** An issuer whose public key is configured directly: the development keys `hub token` signs with, and tests. */
const keyedIssuer = z.object({ ...issuerBase, publicKey: issuerPublicKeyPem }).strict();

export const issuerSchema = z.union([keyedIssuer, discoveredIssuer]);
export type IssuerConfig = z.infer<typeof issuerSchema>;
export type KeyedIssuerConfig = z.infer<typeof keyedIssuer>;

/** AUTH_ISSUERS: a JSON array of issuers, with distinct `issuer` values. */
export const issuersEnv = z
  .string()
  .min(1)
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'expected a JSON array of issuers' });
      return z.NEVER;
    }
  })
  .pipe(z.array(issuerSchema).min(1, 'configure at least one issuer'))
  .refine((issuers) => new Set(issuers.map((entry) => entry.issuer)).size === issuers.length, { message: 'each issuer once' });

export function isKeyedIssuer(issuer: IssuerConfig): issuer is KeyedIssuerConfig {
  return 'publicKey' in issuer;
}

export function roleOf(value: unknown, roleValues: Record<string, Role>): Role | undefined {
  if (typeof value !== 'string') return undefined;
  return roleValues[value] ?? ((ROLES as readonly string[]).includes(value) ? (value as Role) : undefined);
}
