import { ForbiddenError, UnauthenticatedError, type Wording } from '../errors';
import type { HubClaims, Role } from './claims';

export const NOT_AUTHENTICATED: Wording = { en: 'not authenticated', sv: 'du är inte inloggad' };
export const NOT_ALLOWED_FOR_ROLE: Wording = { en: 'not allowed for your role', sv: 'din roll får inte göra detta' };

/** True when the caller holds any of `roles`; an admin holds every role. */
export function hasRole(claims: HubClaims | undefined, ...roles: Role[]): boolean {
  if (!claims) return false;
  return claims.roles.includes('admin') || roles.some((role) => claims.roles.includes(role));
}

/** Asserts the caller holds one of `roles` (admin always passes). */
export function requireRole(claims: HubClaims | undefined, ...roles: Role[]): asserts claims is HubClaims {
  if (!claims) throw new UnauthenticatedError(NOT_AUTHENTICATED);
  if (!hasRole(claims, ...roles)) throw new ForbiddenError(NOT_ALLOWED_FOR_ROLE);
}

/** An admin acts for every organisation; anyone else only for the one in their token. */
export function canActForOrganisation(claims: HubClaims | undefined, organisationId: string): boolean {
  if (!claims) return false;
  return claims.roles.includes('admin') || (claims.organisationId !== undefined && claims.organisationId === organisationId);
}

/** An admin acts for every municipality; anyone else only for the one in their token. */
export function canActForMunicipality(claims: HubClaims | undefined, municipalityCode: string): boolean {
  if (!claims) return false;
  return (
    claims.roles.includes('admin') ||
    (claims.municipalityCode !== undefined && claims.municipalityCode === municipalityCode)
  );
}
