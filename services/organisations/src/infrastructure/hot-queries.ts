import { Types } from 'mongoose';
import { hotQuery } from '@hub/shared/mongo';

/**
 * Every read this service makes per request or per event, each an `_id` lookup or an equality on indexed top-level
 * fields, the only reads FerretDB 1.24 hands to PostgreSQL's indexes (test/hot-queries.test.ts checks their plans).
 * Reads of many documents by id go through findByIds: one lookup like `organisationById` each. Organisations are read
 * from memory (RegisterIndex) but for a write, under the lock. Not here: the lists' load at start, the search for a contact (`contacts.id`) that only an erasure and an admin's right-of-access copy make,
 * and the municipalities, reference data read once at start and answered from memory.
 */
export const hotQueries = {
  organisationById: hotQuery('Organisation', (id: Types.ObjectId) => ({ _id: id }), [new Types.ObjectId('6650c0ffee00000000000001')]),
  /** A write under the organisation's lock, guarded by the revision it read. */
  organisationAtRevision: hotQuery('Organisation', (id: Types.ObjectId, revision: number) => ({ _id: id, revision }), [new Types.ObjectId('6650c0ffee00000000000001'), 3]),
  projectById: hotQuery('Project', (id: Types.ObjectId) => ({ _id: id }), [new Types.ObjectId('6650c0ffee00000000000002')]),
  projectAtRevision: hotQuery('Project', (id: Types.ObjectId, revision: number) => ({ _id: id, revision }), [new Types.ObjectId('6650c0ffee00000000000002'), 1]),
};
