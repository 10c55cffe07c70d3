import { allow, EVERYONE, fields, INHERIT, type SubgraphPolicy } from '@hub/shared/auth';

/**
 * Who may read what this subgraph serves (see @hub/shared/auth's policy). The register is public; the people in it
 * (contacts) are for the staff roles, and never for integrations, which handle organisations, not people.
 */
export const POLICY: SubgraphPolicy = {
  Query: fields(EVERYONE, 'organisation', 'organisationByNumber', 'organisationsByNumber', 'organisations', 'municipality', 'municipalities', 'project', 'projects'),
  Mutation: {
    // assertMayEditOrganisation: a new organisation has no id of its own to be staff of
    registerOrganisation: allow('error', 'admin', 'integration', ['municipal-staff', 'own-municipality']),
    updateOrganisation: allow('error', 'admin', 'integration', ['municipal-staff', 'own-municipality'], ['partner-staff', 'own-organisation']),
    deactivateOrganisation: allow('error', 'admin', ['municipal-staff', 'own-municipality']),
    // assertMayEditProject: the owner organisation's staff
    registerProject: allow('error', 'admin', ['partner-staff', 'own-organisation'], ['municipal-staff', 'own-organisation']),
    updateProject: allow('error', 'admin', ['partner-staff', 'own-organisation'], ['municipal-staff', 'own-organisation']),
  },
  Organisation: {
    ...fields(INHERIT, 'id', 'kind', 'name', 'organisationNumber', 'vatNumber', 'industries', 'municipality', 'website', 'employees', 'foundedYear', 'status', 'projects', 'createdAt', 'updatedAt'),
    contacts: allow('error', 'partner-staff', 'municipal-staff', 'migration-officer', 'admin'),
  },
  IndustryCode: fields(INHERIT, 'code', 'version'),
  Contact: fields(INHERIT, 'id', 'name', 'role', 'email', 'phone', 'expertise'),
  Municipality: fields(INHERIT, 'code', 'name', 'county', 'region10', 'jobtechConceptId', 'organisations'),
  County: fields(INHERIT, 'code', 'name'),
  Project: fields(INHERIT, 'id', 'kind', 'name', 'description', 'owner', 'startDate', 'endDate', 'municipalities', 'funders', 'partners'),
  FundingShare: fields(INHERIT, 'funder', 'sharePercent'),
  PersonalData: {
    personId: INHERIT,
    organisations: allow('error', 'admin'),
  },
  PageInfo: fields(INHERIT, 'endCursor', 'hasNextPage'),
  OrganisationConnection: fields(INHERIT, 'nodes', 'pageInfo'),
  ProjectConnection: fields(INHERIT, 'nodes', 'pageInfo'),
};
