import { Types } from 'mongoose';
import type { ReferralStatus } from '@hub/shared/contracts';
import { hotQuery } from '@hub/shared/mongo';

/**
 * Every read this service makes per request, each an `_id` lookup or an equality on indexed top-level fields, the only
 * reads FerretDB 1.24 hands to PostgreSQL's indexes (test/hot-queries.test.ts checks their plans). Matching itself reads
 * no database: it answers from the view loaded at start. Not here: that load; the read models' upserts, one by `_id`
 * per document a batch of events changes, which the event consumer's one store writes for all three read models
 * (infrastructure/event-consumer.ts); the whole hub's funnel and response times, reports over every position or
 * referral; an admin's list of every partner meeting; and an erasure's and a right-of-access copy's searches for a person in histories and advisers.
 */
export const hotQueries = {
  needsAnalysisById: hotQuery('NeedsAnalysis', (companyId: string) => ({ _id: companyId }), ['6650c0ffee00000000000003']),
  /** A write under the analysis's lock, guarded by the revision it read. */
  needsAnalysisAtRevision: hotQuery('NeedsAnalysis', (companyId: string, revision: number) => ({ _id: companyId, revision }), ['6650c0ffee00000000000003', 4]),
  projectFactsById: hotQuery('ProjectFacts', (projectId: string) => ({ _id: projectId }), ['6650c0ffee00000000000002']),
  funnelPositionById: hotQuery('FunnelPosition', (id: string) => ({ _id: id }), ['6650c0ffee00000000000002:6650c0ffee00000000000003']),
  funnelPositionAtRevision: hotQuery('FunnelPosition', (id: string, revision: number) => ({ _id: id, revision }), ['6650c0ffee00000000000002:6650c0ffee00000000000003', 2]),
  funnelPositionsOfCompany: hotQuery('FunnelPosition', (companyId: string) => ({ companyId }), ['6650c0ffee00000000000003']),
  /** A project's funnel, in one municipality when one is asked for. */
  funnelOfProject: hotQuery('FunnelPosition', (projectId: string, municipalityCode?: string) => ({ projectId, ...(municipalityCode ? { municipalityCode } : {}) }), ['6650c0ffee00000000000002', '2418']),
  funnelOfMunicipality: hotQuery('FunnelPosition', (municipalityCode: string) => ({ municipalityCode }), ['2418']),
  referralById: hotQuery('Referral', (id: Types.ObjectId) => ({ _id: id }), [new Types.ObjectId('6650c0ffee00000000000041')]),
  referralAtRevision: hotQuery('Referral', (id: Types.ObjectId, revision: number) => ({ _id: id, revision }), [new Types.ObjectId('6650c0ffee00000000000041'), 1]),
  /** Whether a company has a referral open to a provider already (the status is checked on what this reads). */
  referralsOfCompanyTo: hotQuery('Referral', (companyId: string, toOrganisationId: string) => ({ companyId, toOrganisationId }), ['6650c0ffee00000000000003', '6650c0ffee00000000000004']),
  referralsSent: hotQuery(
    'Referral',
    (fromOrganisationId: string, status?: ReferralStatus) => ({ fromOrganisationId, ...(status ? { status } : {}) }),
    ['6650c0ffee00000000000005', 'proposed'],
  ),
  referralsReceived: hotQuery(
    'Referral',
    (toOrganisationId: string, status?: ReferralStatus) => ({ toOrganisationId, ...(status ? { status } : {}) }),
    ['6650c0ffee00000000000004', 'accepted'],
  ),
  partnerMeetingById: hotQuery('PartnerMeeting', (id: Types.ObjectId) => ({ _id: id }), [new Types.ObjectId('6650c0ffee00000000000051')]),
  partnerMeetingsOrganisedBy: hotQuery('PartnerMeeting', (organiserId: string) => ({ organiserId }), ['6650c0ffee00000000000005']),
  partnerMeetingAtRevision: hotQuery('PartnerMeeting', (id: Types.ObjectId, revision: number) => ({ _id: id, revision }), [new Types.ObjectId('6650c0ffee00000000000051'), 3]),
};
