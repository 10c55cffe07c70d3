import type { Role, SignedInUser } from './session';

/** The client's pages, each offered to the roles the graph lets use it (the graph checks again on every field). */
export type Area = 'catalogue' | 'directory' | 'companies' | 'referralsSent' | 'referralsInbox' | 'ownOfferings' | 'candidates' | 'dashboards' | 'jobRuns' | 'meetings' | 'receivingCapacity' | 'privacy';

const AREAS: Record<Area, readonly Role[]> = {
  catalogue: ['public', 'partner-staff', 'municipal-staff', 'migration-officer', 'integration', 'admin'],
  directory: ['public', 'partner-staff', 'municipal-staff', 'migration-officer', 'integration', 'admin'],
  companies: ['municipal-staff', 'admin'],
  referralsSent: ['municipal-staff', 'admin'],
  referralsInbox: ['partner-staff', 'admin'],
  ownOfferings: ['partner-staff'],
  candidates: ['migration-officer', 'admin'],
  dashboards: ['partner-staff', 'municipal-staff', 'admin'],
  jobRuns: ['integration', 'admin'],
  // a municipality's own officers; an admin's token names no municipality to set it for
  receivingCapacity: ['migration-officer'],
  privacy: ['admin'],
  // an event belongs to the organiser's organisation, which an admin does not have
  meetings: ['municipal-staff'],
};

export function mayUse(user: SignedInUser | null, area: Area): boolean {
  return user !== null && user.roles.some((role) => AREAS[area].includes(role));
}
