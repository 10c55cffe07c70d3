import { consentStates, type ConsentRecord } from '../../domain/consent';
import type { CandidateDocument } from '../../infrastructure/models';
import type { MigrationContext } from '../context';
import { occupation } from './references';

export const Candidate = {
  id: (c: CandidateDocument) => c._id.toHexString(),
  occupations: (c: CandidateDocument) => c.occupations.map(occupation),
  consents: (c: CandidateDocument) => consentStates(c.consents as ConsentRecord[]),
  consentHistory: (c: CandidateDocument) => c.consents,
  cases: (c: CandidateDocument, _: unknown, ctx: MigrationContext) => ctx.app.cases.ofCandidate(ctx.claims, c._id.toHexString()),
  registeredAt: (c: CandidateDocument) => new Date(c.registeredAt),
};
