import { z } from 'zod';

export const ROLES = ['public', 'partner-staff', 'municipal-staff', 'migration-officer', 'integration', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who the caller is and what they may act for: `organisationId` scopes partner staff to their organisation,
 * `municipalityCode` (SCB, four digits) scopes municipal staff to their municipality.
 */
export interface HubClaims {
  sub: string;
  roles: Role[];
  organisationId?: string;
  municipalityCode?: string;
}

/** Unknown keys (iat, exp, iss, aud…) are stripped, so verified claims carry only what the hub defines. */
export const hubClaimsSchema = z.object({
  sub: z.string().min(1).max(200),
  roles: z.array(z.enum(ROLES)).min(1),
  organisationId: z.string().min(1).max(100).optional(),
  municipalityCode: z.string().regex(/^\d{4}$/, 'expected a 4-digit SCB code').optional(),
});

/** Only the hub's own keys, without undefined optionals, so what is signed is exactly what was validated. */
export function toClaimsPayload(claims: HubClaims): HubClaims {
  const parsed = hubClaimsSchema.parse(claims);
  const payload: HubClaims = { sub: parsed.sub, roles: parsed.roles };
  if (parsed.organisationId !== undefined) payload.organisationId = parsed.organisationId;
  if (parsed.municipalityCode !== undefined) payload.municipalityCode = parsed.municipalityCode;
  return payload;
}
