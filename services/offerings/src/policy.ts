import { allow, EVERYONE, fields, INHERIT, narrowedTo, type SubgraphPolicy } from '@hub/shared/auth';

/**
 * Who may read what this subgraph serves (see @hub/shared/auth's policy). Published offerings are public; what
 * companies enrolled and achieved is for the provider's staff and the companies' municipal offices (the domain's
 * rosterVisibility and assertMayRecordOutcome); indicators are aggregates with small cells suppressed.
 */
const PROVIDER_STAFF = [['partner-staff', 'offering-provider'], ['municipal-staff', 'offering-provider']] as const;
// isProviderStaff asks for the provider's organisationId, so an admin edits offerings on a provider's behalf only
const PROVIDER_EDITS = allow('error', ['admin', 'offering-provider'], ...PROVIDER_STAFF);

export const POLICY: SubgraphPolicy = {
  Query: {
    // drafts are NOT_FOUND to all but the provider's staff; the matrix reaches a published offering
    offering: EVERYONE,
    offerings: EVERYONE,
    ...fields(allow('error', 'admin', 'partner-staff', 'municipal-staff', 'integration'), 'indicators', 'indicatorsCsv'),
  },
  Mutation: {
    ...fields(PROVIDER_EDITS, 'createOfferingDraft', 'updateOffering', 'publishOffering', 'closeOffering', 'archiveOffering', 'addOfferingSession', 'removeOfferingSession'),
    ...fields(allow('error', 'admin', ...PROVIDER_STAFF, ['municipal-staff', 'own-municipality'], ['partner-staff', 'own-organisation']), 'enrol', 'withdrawEnrolment'),
    recordAttendance: allow('error', 'admin', ...PROVIDER_STAFF),
    recordOutcome: allow('error', 'admin', ...PROVIDER_STAFF, ['municipal-staff', 'own-municipality']),
    ...fields(allow('error', 'admin', 'integration', ...PROVIDER_STAFF), 'syncFundingCalls', 'closeImportedOfferings'),
  },
  Offering: {
    ...fields(
      INHERIT,
      'id', 'provider', 'project', 'kind', 'status', 'title', 'description', 'targetGroups', 'industries', 'municipalitiesServed', 'servesWholeRegion', 'format',
      'startDate', 'endDate', 'applicationDeadline', 'link', 'externalId', 'capacity', 'priceSek', 'funding', 'eligibility', 'needs', 'sessions', 'seats', 'createdAt', 'updatedAt',
    ),
    // any municipal office is answered, with its own municipality's companies only
    enrolments: narrowedTo(allow('error', 'admin', ...PROVIDER_STAFF, ['municipal-staff', 'own-municipality']), ['municipal-staff', 'any-municipality']),
  },
  Organisation: {
    id: INHERIT,
    // published ones; other statuses only for the organisation's own staff
    offerings: INHERIT,
  },
  Municipality: fields(INHERIT, 'code', 'offeringsAvailable'),
  Project: fields(INHERIT, 'id'),
  LocalisedText: fields(INHERIT, 'sv', 'en'),
  Funding: fields(INHERIT, 'description', 'funder'),
  Eligibility: fields(INHERIT, 'maxEmployees', 'maxCompanyAgeYears', 'sniPrefixes', 'municipalityCodes'),
  Session: fields(INHERIT, 'id', 'title', 'startsAt', 'endsAt', 'place', 'link'),
  PageInfo: fields(INHERIT, 'endCursor', 'hasNextPage'),
  OfferingConnection: fields(INHERIT, 'nodes', 'pageInfo'),
  OfferingSyncResult: fields(INHERIT, 'created', 'updated', 'unchanged', 'closed'),
  SeatSummary: fields(INHERIT, 'capacity', 'enrolled', 'waitlisted'),
  Enrolment: {
    ...fields(INHERIT, 'id', 'offering', 'company', 'status', 'waitlistPosition', 'enrolledAt', 'attendedSessionIds'),
    outcomes: allow('error', 'admin', ...PROVIDER_STAFF, ['municipal-staff', 'own-municipality']),
  },
  Outcome: fields(INHERIT, 'id', 'enrolmentId', 'kind', 'goals', 'investmentSek', 'jobs', 'jobsBasis', 'newCompany', 'turnoverBand', 'recordedAt'),
  PersonalData: {
    personId: INHERIT,
    offerings: allow('error', 'admin'),
  },
  SuppressibleCount: fields(INHERIT, 'value', 'suppressed'),
  BreakdownCell: fields(INHERIT, 'category', 'value', 'suppressed'),
  IndicatorReport: fields(INHERIT, 'participatingCompanies', 'ownerGender', 'ownerAgeGroup', 'ownerForeignBorn', 'newCompaniesStarted', 'jobsCreatedExpected', 'jobsCreatedRealised', 'activitiesHeld'),
};
