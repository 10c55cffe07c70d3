import { allow, fields, INHERIT, narrowedTo, type FieldPolicy, type SubgraphPolicy } from '@hub/shared/auth';

/**
 * Who may read what this subgraph serves (see @hub/shared/auth's policy). A company's needs, funnel and matches are
 * for those who work with it (assertMayWorkWithCompany); its owner's self-declared groups only for the company
 * itself, its office and admins (mayReadOwnerGroups); a referral for its two parties (visibleTo).
 */
const COMPANY_WORKERS: FieldPolicy = allow(
  'error',
  'admin',
  ['municipal-staff', 'own-municipality'],
  ['partner-staff', 'own-organisation'],
  ['partner-staff', 'provider-organisation'],
);
const REFERRAL_RECIPIENT = [['partner-staff', 'referral-recipient'], ['municipal-staff', 'referral-recipient']] as const;
const MEETING_ORGANISER = [['partner-staff', 'meeting-organiser'], ['municipal-staff', 'meeting-organiser']] as const;

export const POLICY: SubgraphPolicy = {
  Query: {
    // an outsider is not told that the referral exists
    referral: allow('null', 'admin', ['municipal-staff', 'referral-sender'], ...REFERRAL_RECIPIENT),
    explainMatch: COMPANY_WORKERS,
    // aggregates
    funnel: allow('error', 'admin', 'partner-staff', 'municipal-staff', 'integration'),
    referralResponseTimes: allow('error', 'admin', 'integration', ['partner-staff', 'own-organisation'], ['municipal-staff', 'own-organisation']),
    partnerMeeting: allow('null', 'admin', ...MEETING_ORGANISER, ['partner-staff', 'meeting-participant'], ['municipal-staff', 'meeting-participant']),
    // each caller is answered with the meetings their own organisation organises
    partnerMeetings: allow('error', 'admin', 'partner-staff', 'municipal-staff'),
  },
  Mutation: {
    recordNeeds: COMPANY_WORKERS,
    setFunnelStage: allow('error', 'admin', ['partner-staff', 'project-runner'], ['municipal-staff', 'project-runner']),
    referCompany: allow('error', 'admin', ['municipal-staff', 'own-municipality']),
    ...fields(allow('error', 'admin', ...REFERRAL_RECIPIENT), 'acceptReferral', 'declineReferral', 'startReferral', 'completeReferral'),
    withdrawReferral: allow('error', 'admin', ['municipal-staff', 'referral-sender']),
    createPartnerMeeting: allow('error', ['admin', 'own-organisation'], ['partner-staff', 'own-organisation'], ['municipal-staff', 'own-organisation']),
    ...fields(allow('error', 'admin', ...MEETING_ORGANISER), 'addMeetingParticipants', 'schedulePartnerMeeting'),
    requestMeetings: allow('error', 'admin', ...MEETING_ORGANISER, ['partner-staff', 'meeting-participant']),
  },
  Organisation: {
    id: INHERIT,
    ...fields(COMPANY_WORKERS, 'needsAnalysis', 'funnelPositions', 'offeringMatches', 'companyMatches', 'adviserMatches'),
    // only the office sends referrals; a provider (which may be an office) receives them
    referralsSent: allow('error', 'admin', ['municipal-staff', 'own-organisation']),
    referralsReceived: allow('error', 'admin', ['partner-staff', 'own-organisation'], ['municipal-staff', 'own-organisation']),
  },
  Offering: {
    id: INHERIT,
    // any municipal office is answered, with its own municipality's companies only
    suitedCompanies: narrowedTo(
      allow('error', 'admin', ['partner-staff', 'offering-provider'], ['municipal-staff', 'offering-provider'], ['municipal-staff', 'own-municipality']),
      ['municipal-staff', 'any-municipality'],
    ),
  },
  Project: fields(INHERIT, 'id'),
  NeedsAnalysis: {
    ...fields(INHERIT, 'company', 'needs', 'offers', 'seeks', 'updatedAt'),
    ownerGroups: allow('empty', 'admin', ['municipal-staff', 'own-municipality'], ['partner-staff', 'own-organisation']),
  },
  RecordedNeed: fields(INHERIT, 'need', 'priority', 'note', 'recordedBy', 'recordedAt'),
  MatchReason: fields(INHERIT, 'code', 'text', 'texts'),
  LocalisedText: fields(INHERIT, 'sv', 'en'),
  OfferingMatch: fields(INHERIT, 'offeringId', 'offering', 'score', 'reasons'),
  ExcludedOffering: fields(INHERIT, 'offeringId', 'offering', 'reason', 'text', 'texts'),
  OfferingMatches: fields(INHERIT, 'matches', 'excluded'),
  MatchExplanation: fields(INHERIT, 'companyId', 'offeringId', 'offering', 'suggested', 'score', 'reasons', 'exclusion', 'text', 'texts'),
  CompanyMatch: fields(INHERIT, 'companyId', 'company', 'score', 'reasons'),
  AdviserMatch: fields(INHERIT, 'organisationId', 'organisation', 'contactId', 'score', 'reasons'),
  SuitedCompany: fields(INHERIT, 'companyId', 'company', 'score', 'reasons'),
  FunnelPosition: fields(INHERIT, 'company', 'project', 'stage', 'history'),
  StageChange: fields(INHERIT, 'stage', 'at', 'by', 'correction'),
  StageCounts: fields(INHERIT, 'contact', 'engaged', 'deepDive'),
  FunnelCounts: fields(INHERIT, 'reached', 'current'),
  FunnelRow: fields(INHERIT, 'project', 'municipalityCode', 'reached', 'current'),
  FunnelReport: fields(INHERIT, 'total', 'rows'),
  Referral: fields(INHERIT, 'id', 'company', 'from', 'to', 'note', 'status', 'history', 'createdAt', 'firstResponseAt'),
  ReferralChange: fields(INHERIT, 'status', 'at', 'by', 'note'),
  ReferralResponseTimes: fields(INHERIT, 'count', 'answered', 'unanswered', 'medianHours', 'p90Hours', 'oldestWaitingHours'),
  PartnerMeeting: fields(INHERIT, 'id', 'name', 'organiser', 'project', 'slots', 'tablesPerSlot', 'participants', 'requests', 'meetings', 'unmet', 'scheduledAt', 'createdAt'),
  PartnerMeetingConnection: fields(INHERIT, 'nodes', 'pageInfo'),
  PageInfo: fields(INHERIT, 'endCursor', 'hasNextPage'),
  MeetingRequest: fields(INHERIT, 'from', 'to'),
  Meeting: fields(INHERIT, 'slot', 'companies', 'requestedBy'),
  UnmetRequest: fields(INHERIT, 'from', 'to', 'reason', 'texts'),
  PersonalData: {
    personId: INHERIT,
    matchmaking: allow('error', 'admin'),
  },
};
