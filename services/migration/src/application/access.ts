import { canActForMunicipality, canActForOrganisation, hasRole, type HubClaims } from '@hub/shared/auth';
import { ForbiddenError } from '@hub/shared/errors';

/** A migration officer acts for their own municipality; an admin for every one. */
export function isOfficerFor(claims: HubClaims, municipalityCode: string): boolean {
  return hasRole(claims, 'migration-officer') && canActForMunicipality(claims, municipalityCode);
}

export function requireOfficerFor(claims: HubClaims, municipalityCode: string): void {
  if (!isOfficerFor(claims, municipalityCode)) throw new ForbiddenError({ en: "Only the municipality's own migration officers may do this", sv: 'Bara kommunens egna inflyttningshandläggare får göra detta' });
}

/** Officers see a candidate who wishes to move to their municipality or has a case there. */
export function canReadCandidate(claims: HubClaims, candidate: { wishes: { municipalityCodes: string[] }; caseMunicipalityCodes: string[] }): boolean {
  if (hasRole(claims, 'admin')) return true;
  return [...candidate.wishes.municipalityCodes, ...candidate.caseMunicipalityCodes].some((code) => isOfficerFor(claims, code));
}

/** An employer's own staff (or an admin); an integration job imports vacancies for every employer. */
export function canActForEmployer(claims: HubClaims, employerId: string): boolean {
  return hasRole(claims, 'integration') || (hasRole(claims, 'partner-staff') && canActForOrganisation(claims, employerId));
}
