import type { SharedField, VacancyDocument } from '../../infrastructure/models';
import type { MigrationContext } from '../context';
import { municipalityRef, occupation, organisationRef } from './references';
import { sharedProfile } from './SharedProfile';

export const Vacancy = {
  __resolveReference: (reference: { id: string }, ctx: MigrationContext) => ctx.app.vacancies.find(reference.id),
  id: (v: VacancyDocument) => v._id.toHexString(),
  employer: (v: VacancyDocument) => organisationRef(v.employerId),
  occupation: (v: VacancyDocument) => occupation(v.occupationCode),
  municipality: (v: VacancyDocument) => municipalityRef(v.municipalityCode),
  sharedProfiles: async (v: VacancyDocument, args: { first: number }, ctx: MigrationContext) =>
    (await ctx.app.matching.sharedProfiles(ctx.claims, v, args.first, ctx.correlationId)).map(({ candidate, sharedFields }) => sharedProfile(candidate, sharedFields as SharedField[])),
};
