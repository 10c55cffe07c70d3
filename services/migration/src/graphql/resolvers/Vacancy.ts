import { documentOrItem } from '@hub/shared/graphql';
import type { VacancyFacts } from '../../domain/matching';
import type { SharedField, VacancyDocument } from '../../infrastructure/models';
import type { MigrationContext } from '../context';
import { municipalityRef, occupation, organisationRef } from './references';
import { sharedProfile } from './SharedProfile';

/** A vacancy as stored, or as the matching index holds it (a match's vacancy): its facts, title and id. */
type VacancyView = VacancyDocument | VacancyFacts;

/** The stored vacancy is read by id (one lookup per vacancy, batched per request) only when a field the index does not hold is asked for. */
const { idOf, storedField } = documentOrItem<VacancyDocument, VacancyFacts, MigrationContext>((id) => ({ en: `No vacancy with id ${id}`, sv: `Det finns inget ledigt jobb med id ${id}` }), (id, ctx) => ctx.loaders.vacancy.load(id));

export const Vacancy = {
  __resolveReference: (reference: { id: string }, ctx: MigrationContext) => ctx.app.vacancies.find(reference.id),
  id: idOf,
  employer: (v: VacancyView) => organisationRef(v.employerId),
  occupation: (v: VacancyView) => occupation(v.occupationCode),
  municipality: (v: VacancyView) => municipalityRef(v.municipalityCode),
  positions: storedField('positions'),
  description: storedField('description'),
  externalId: storedField('externalId'),
  publishedAt: storedField('publishedAt'),
  sharedProfiles: async (v: VacancyView, args: { first: number }, ctx: MigrationContext) =>
    (await ctx.app.matching.sharedProfiles(ctx.claims, v, args.first, ctx.correlationId)).map(({ candidate, sharedFields }) => sharedProfile(candidate, sharedFields as SharedField[])),
};
