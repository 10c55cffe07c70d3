import { z } from 'zod';
import { defineEvent } from '../events';
import { NEEDS } from './needs';
import { TOPICS } from './topics';

export const ORGANISATION_KINDS = [
  'support-organisation',
  'municipal-business-office',
  'company',
  'employer',
  'university-or-academy',
  'region',
  'funder',
  'network',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_STATUSES = ['active', 'inactive'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

// Ids and codes only: names, contacts and other descriptive data stay in the owning service, read via GraphQL.
const id = z.string().min(1);
const municipalityCode = z.string().regex(/^\d{4}$/, 'expected a four-digit SCB municipality code');
const sniCode = z.string().min(1);

/**
 * Facts that matching uses, added after the first events were written: absent in those, so optional. Advisers are
 * contacts by id with their areas of expertise; their names and addresses stay in the organisations service.
 */
const matchingFacts = {
  employees: z.number().int().nonnegative().nullable().optional(),
  foundedYear: z.number().int().min(1800).nullable().optional(),
  advisers: z.array(z.strictObject({ contactId: id, expertise: z.array(z.enum(NEEDS)) })).optional(),
};

export const OrganisationRegistered = defineEvent({
  type: 'OrganisationRegistered',
  version: 1,
  topic: TOPICS.organisations,
  payload: z.strictObject({
    organisationId: id,
    kind: z.enum(ORGANISATION_KINDS),
    municipalityCode,
    sniCodes: z.array(sniCode),
    ...matchingFacts,
  }),
});

export const OrganisationUpdated = defineEvent({
  type: 'OrganisationUpdated',
  version: 1,
  topic: TOPICS.organisations,
  payload: z.strictObject({
    organisationId: id,
    changedFields: z.array(z.string().min(1)),
    kind: z.enum(ORGANISATION_KINDS),
    municipalityCode,
    sniCodes: z.array(sniCode),
    status: z.enum(ORGANISATION_STATUSES),
    ...matchingFacts,
  }),
});

export const OrganisationDeactivated = defineEvent({
  type: 'OrganisationDeactivated',
  version: 1,
  topic: TOPICS.organisations,
  payload: z.strictObject({ organisationId: id }),
});

export const ProjectRegistered = defineEvent({
  type: 'ProjectRegistered',
  version: 1,
  topic: TOPICS.organisations,
  payload: z.strictObject({
    projectId: id,
    ownerOrganisationId: id,
    municipalityCodes: z.array(municipalityCode),
    partnerOrganisationIds: z.array(id),
  }),
});

export const ProjectUpdated = defineEvent({
  type: 'ProjectUpdated',
  version: 1,
  topic: TOPICS.organisations,
  payload: z.strictObject({
    projectId: id,
    changedFields: z.array(z.string().min(1)),
    ownerOrganisationId: id,
    municipalityCodes: z.array(municipalityCode),
    partnerOrganisationIds: z.array(id),
  }),
});

export type OrganisationRegisteredPayload = z.infer<typeof OrganisationRegistered.payload>;
export type OrganisationUpdatedPayload = z.infer<typeof OrganisationUpdated.payload>;
export type OrganisationDeactivatedPayload = z.infer<typeof OrganisationDeactivated.payload>;
export type ProjectRegisteredPayload = z.infer<typeof ProjectRegistered.payload>;
export type ProjectUpdatedPayload = z.infer<typeof ProjectUpdated.payload>;

export const organisationEvents = [
  OrganisationRegistered,
  OrganisationUpdated,
  OrganisationDeactivated,
  ProjectRegistered,
  ProjectUpdated,
];
