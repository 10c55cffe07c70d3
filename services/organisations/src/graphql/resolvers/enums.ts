/** GraphQL enum values mapped to the values the domain and the events use. */
export const OrganisationKind = {
  SUPPORT_ORGANISATION: 'support-organisation',
  MUNICIPAL_BUSINESS_OFFICE: 'municipal-business-office',
  COMPANY: 'company',
  EMPLOYER: 'employer',
  UNIVERSITY_OR_ACADEMY: 'university-or-academy',
  REGION: 'region',
  FUNDER: 'funder',
  NETWORK: 'network',
};

export const OrganisationStatus = { ACTIVE: 'active', INACTIVE: 'inactive' };

export const ContactRole = {
  ADVISER: 'adviser',
  BUSINESS_DEVELOPER: 'business-developer',
  COACH: 'coach',
  PROJECT_MANAGER: 'project-manager',
  MIGRATION_OFFICER: 'migration-officer',
  MANAGER: 'manager',
  OTHER: 'other',
};

export const ProjectKind = { PROJECT: 'project', PROGRAMME: 'programme' };
