import type { CaseDocument } from '../../infrastructure/models';
import type { MigrationContext } from '../context';
import { municipalityRef } from './references';

export const InMigrationCase = {
  id: (c: CaseDocument) => c._id.toHexString(),
  candidate: (c: CaseDocument, _: unknown, ctx: MigrationContext) => (c.candidateId ? ctx.app.candidates.read(ctx.claims, c.candidateId, ctx.correlationId) : null),
  municipality: (c: CaseDocument) => municipalityRef(c.municipalityCode),
  openedAt: (c: CaseDocument) => new Date(c.openedAt),
  anonymised: (c: CaseDocument) => c.anonymisedAt !== null && c.anonymisedAt !== undefined,
};
