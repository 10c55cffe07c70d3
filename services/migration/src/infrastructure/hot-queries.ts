import { Types } from 'mongoose';
import { hotQuery } from '@hub/shared/mongo';
import type { CaseStatus } from '../domain/case';

/**
 * Every read this service makes per request, per event or per import batch, each an `_id` lookup or an equality on
 * indexed top-level fields, the only reads FerretDB 1.24 hands to PostgreSQL's indexes (test/hot-queries.test.ts checks
 * their plans). Vacancy lists and matching answer from memory; reads of many documents by id go through findByIds.
 * Not here: the loads at start (vacancies, employers); an admin's lists of every candidate and of the access log; the
 * right of access, erasure and retention, which look for a person or a closed case in every document.
 */
export const hotQueries = {
  vacancyById: hotQuery('Vacancy', (id: Types.ObjectId) => ({ _id: id }), [new Types.ObjectId('6650c0ffee00000000000061')]),
  candidateById: hotQuery('Candidate', (id: Types.ObjectId) => ({ _id: id }), [new Types.ObjectId('6650c0ffee00000000000071')]),
  /** A write under the candidate's lock, guarded by the revision it read. */
  candidateAtRevision: hotQuery('Candidate', (id: Types.ObjectId, revision: number) => ({ _id: id, revision }), [new Types.ObjectId('6650c0ffee00000000000071'), 2]),
  /** A municipality's candidates are those who wish to move there and those with a case there: two equalities, not an `$or`. */
  candidatesWishingToMoveTo: hotQuery('Candidate', (municipalityCode: string) => ({ wishedMunicipalityCodes: municipalityCode }), ['2422']),
  candidatesWithCaseIn: hotQuery('Candidate', (municipalityCode: string) => ({ caseMunicipalityCodes: municipalityCode }), ['2422']),
  /** Whom an employer's staff may see: those whose latest consent to share with employers is given. */
  candidatesSharingWithEmployers: hotQuery('Candidate', () => ({ sharesWithEmployers: true }), []),
  caseById: hotQuery('InMigrationCase', (id: Types.ObjectId) => ({ _id: id }), [new Types.ObjectId('6650c0ffee00000000000081')]),
  caseAtRevision: hotQuery('InMigrationCase', (id: Types.ObjectId, revision: number) => ({ _id: id, revision }), [new Types.ObjectId('6650c0ffee00000000000081'), 5]),
  /** A municipality's cases, for its officers' list (of one status when asked) and its public indicators. */
  casesIn: hotQuery('InMigrationCase', (municipalityCode: string, status?: CaseStatus) => ({ municipalityCode, ...(status ? { status } : {}) }), ['2422', 'open']),
  casesOfCandidate: hotQuery('InMigrationCase', (candidateId: string) => ({ candidateId }), ['6650c0ffee00000000000071']),
  capacityById: hotQuery('ReceivingCapacity', (id: string) => ({ _id: id }), ['2422:2026']),
  capacitiesOfYear: hotQuery('ReceivingCapacity', (year: number) => ({ year }), [2026]),
  employerById: hotQuery('EmployerFacts', (id: string) => ({ _id: id }), ['6650c0ffee00000000000001']),
  erasureById: hotQuery('Erasure', (id: string) => ({ _id: id }), ['0f6a3c1e-2b4d-4e8f-9a7b-5c3d2e1f0a9b']),
};
