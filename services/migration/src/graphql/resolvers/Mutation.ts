import type { CaseOutcome, CaseStep, ConsentPurpose } from '@hub/shared/contracts';
import type { CapacityInput } from '../../application/cases';
import type { ConsentInput, RegisterCandidateInput } from '../../application/candidates';
import type { VacancySyncItem } from '../../application/vacancies';
import type { CandidateProfileInput } from '../../domain/candidate';
import type { ConsentChannel } from '../../domain/consent';
import type { VacancyInput } from '../../domain/vacancy';
import type { SharedField } from '../../infrastructure/models';
import type { MigrationContext } from '../context';

export const Mutation = {
  registerCandidate: (_: unknown, args: { input: RegisterCandidateInput }, ctx: MigrationContext) => ctx.app.candidates.register(ctx.claims, args.input, ctx.correlationId),
  updateCandidate: (_: unknown, args: { id: string; input: CandidateProfileInput }, ctx: MigrationContext) =>
    ctx.app.candidates.updateProfile(ctx.claims, args.id, args.input, ctx.correlationId),
  giveConsent: (_: unknown, args: { candidateId: string; input: ConsentInput }, ctx: MigrationContext) =>
    ctx.app.candidates.giveConsent(ctx.claims, args.candidateId, args.input, ctx.correlationId),
  withdrawConsent: (_: unknown, args: { candidateId: string; purpose: ConsentPurpose; channel: ConsentChannel }, ctx: MigrationContext) =>
    ctx.app.candidates.withdrawConsent(ctx.claims, args.candidateId, args.purpose, args.channel, ctx.correlationId),
  setSharedFields: (_: unknown, args: { candidateId: string; fields: SharedField[] }, ctx: MigrationContext) =>
    ctx.app.candidates.setSharedFields(ctx.claims, args.candidateId, args.fields, ctx.correlationId),
  openCase: (_: unknown, args: { candidateId: string; municipalityCode: string }, ctx: MigrationContext) =>
    ctx.app.cases.open(ctx.claims, args.candidateId, args.municipalityCode, ctx.correlationId),
  completeCaseStep: (_: unknown, args: { caseId: string; step: CaseStep }, ctx: MigrationContext) => ctx.app.cases.completeStep(ctx.claims, args.caseId, args.step, ctx.correlationId),
  addCaseNote: (_: unknown, args: { caseId: string; text: string }, ctx: MigrationContext) => ctx.app.cases.addNote(ctx.claims, args.caseId, args.text, ctx.correlationId),
  recordMoveIn: (_: unknown, args: { caseId: string; movedInOn: string }, ctx: MigrationContext) => ctx.app.cases.recordMoveIn(ctx.claims, args.caseId, args.movedInOn, ctx.correlationId),
  recordFollowUp: (_: unknown, args: { caseId: string; input: { months: number; stillLiving: boolean; peopleEmployed: number } }, ctx: MigrationContext) =>
    ctx.app.cases.recordFollowUp(ctx.claims, args.caseId, args.input, ctx.correlationId),
  closeCase: (_: unknown, args: { caseId: string; outcome: CaseOutcome }, ctx: MigrationContext) => ctx.app.cases.close(ctx.claims, args.caseId, args.outcome, ctx.correlationId),
  setReceivingCapacity: (_: unknown, args: { municipalityCode: string; year: number; input: CapacityInput }, ctx: MigrationContext) =>
    ctx.app.cases.setCapacity(ctx.claims, args.municipalityCode, args.year, args.input),
  publishVacancy: (_: unknown, args: { employerId: string; input: VacancyInput }, ctx: MigrationContext) =>
    ctx.app.vacancies.publish(ctx.claims, args.employerId, args.input, ctx.correlationId),
  closeVacancy: (_: unknown, args: { id: string }, ctx: MigrationContext) => ctx.app.vacancies.close(ctx.claims, args.id, ctx.correlationId),
  syncVacancies: (_: unknown, args: { input: VacancySyncItem[] }, ctx: MigrationContext) => ctx.app.vacancies.sync(ctx.claims, args.input, ctx.correlationId),
  closeImportedVacancies: (_: unknown, args: { externalIds: string[] }, ctx: MigrationContext) => ctx.app.vacancies.closeImported(ctx.claims, args.externalIds, ctx.correlationId),
  erasePerson: (_: unknown, args: { personId: string }, ctx: MigrationContext) => ctx.app.privacy.requestErasure(ctx.claims, args.personId, ctx.correlationId),
  runRetention: (_: unknown, __: unknown, ctx: MigrationContext) => ctx.app.privacy.runRetentionFor(ctx.claims),
};
