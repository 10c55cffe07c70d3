import { hasRole, type HubClaims } from '@hub/shared/auth';
import { ForbiddenError } from '@hub/shared/errors';

/**
 * Who may change an organisation's record: admins; integration jobs that sync registers; a municipal business
 * office for organisations in its own municipality; and an organisation's own staff for its own record.
 */
export function assertMayEditOrganisation(claims: HubClaims, organisation: { id?: string; municipalityCode: string }): void {
  if (hasRole(claims, 'admin') || hasRole(claims, 'integration')) return;
  if (hasRole(claims, 'municipal-staff') && claims.municipalityCode === organisation.municipalityCode) return;
  if (hasRole(claims, 'partner-staff') && organisation.id !== undefined && claims.organisationId === organisation.id) return;
  throw new ForbiddenError({ en: 'You may not change organisations outside your own organisation or municipality', sv: 'Du får inte ändra organisationer utanför din egen organisation eller kommun' });
}

/** Deactivating is a register decision: admins and the organisation's municipal office only. */
export function assertMayDeactivateOrganisation(claims: HubClaims, organisation: { municipalityCode: string }): void {
  if (hasRole(claims, 'admin')) return;
  if (hasRole(claims, 'municipal-staff') && claims.municipalityCode === organisation.municipalityCode) return;
  throw new ForbiddenError({ en: 'Only an admin or the municipality\'s own office may deactivate an organisation', sv: 'Bara en administratör eller kommunens eget näringslivskontor får avaktivera en organisation' });
}

/** A project is registered and changed by its owner organisation's staff (or an admin). */
export function assertMayEditProject(claims: HubClaims, ownerId: string): void {
  if (hasRole(claims, 'admin')) return;
  if ((hasRole(claims, 'partner-staff') || hasRole(claims, 'municipal-staff')) && claims.organisationId === ownerId) return;
  throw new ForbiddenError({ en: 'Only the owner organisation\'s staff may change a project', sv: 'Bara personal hos projektägaren får ändra ett projekt' });
}

/**
 * Contact details of people are for the staff of the partner organisations and municipalities (and admins): not for
 * the public role, nor for integrations, which sync organisations and never read people.
 */
export function assertMayReadContacts(claims: HubClaims): void {
  if (hasRole(claims, 'partner-staff', 'municipal-staff', 'migration-officer')) return;
  throw new ForbiddenError({ en: 'Contact details are visible to staff only', sv: 'Kontaktuppgifter visas bara för personal' });
}
