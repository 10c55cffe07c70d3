import { Types } from 'mongoose';
import type { OfferingStatus } from '@hub/shared/contracts';
import { hotQuery } from '@hub/shared/mongo';

/**
 * Every read this service makes per request or per event, each an `_id` lookup or an equality on indexed top-level
 * fields, the only reads FerretDB 1.24 hands to PostgreSQL's indexes (test/hot-queries.test.ts checks their plans).
 * Reads of many documents by id go through findByIds: one lookup like `offeringById` each. Not here: the catalogue's
 * load at start; an admin's list of every provider's drafts (by status); the funders' indicators, a report over every
 * offering, roster and outcome in its scope (by project or the whole hub); and an erasure's and a right-of-access
 * copy's search for who recorded an outcome.
 */
export const hotQueries = {
  offeringById: hotQuery('Offering', (id: string) => ({ _id: id }), ['6650c0ffee00000000000011']),
  /** A write under the offering's lock, guarded by the revision it read. */
  offeringAtRevision: hotQuery('Offering', (id: Types.ObjectId, revision: number) => ({ _id: id, revision }), [new Types.ObjectId('6650c0ffee00000000000011'), 2]),
  /** A provider's drafts as its staff list them: no event announces a draft, so no replica's index holds them. */
  providerOfferings: hotQuery('Offering', (status: OfferingStatus, providerId: string) => ({ status, providerId }), ['draft', '6650c0ffee00000000000001']),
  rosterEntriesOf: hotQuery('RosterEntry', (offeringId: string) => ({ offeringId }), ['6650c0ffee00000000000011']),
  enrolmentEntry: hotQuery('RosterEntry', (enrolmentId: string) => ({ enrolmentId, type: 'enrol' as const }), ['6650c0ffee00000000000021']),
  attendanceById: hotQuery('Attendance', (id: string) => ({ _id: id }), ['6650c0ffee00000000000021:6650c0ffee00000000000031']),
  attendedIn: hotQuery('Attendance', (offeringId: string) => ({ offeringId, attended: true }), ['6650c0ffee00000000000011']),
  outcomesOf: hotQuery('Outcome', (enrolmentId: string) => ({ enrolmentId }), ['6650c0ffee00000000000021']),
  organisationFactsById: hotQuery('OrganisationFacts', (id: string) => ({ _id: id }), ['6650c0ffee00000000000001']),
  projectFactsById: hotQuery('ProjectFacts', (id: string) => ({ _id: id }), ['6650c0ffee00000000000002']),
};
