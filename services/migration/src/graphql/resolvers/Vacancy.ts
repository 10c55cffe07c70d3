import { NotFoundError } from '@hub/shared/errors';
import type { VacancyFacts } from '../../domain/matching';
import type { SharedField, VacancyDocument } from '../../infrastructure/models';
import type { MigrationContext } from '../context';
import { municipalityRef, occupation, organisationRef } from './references';
import { sharedProfile } from './SharedProfile';

/** A vacancy as stored, or as the matching index holds it (a match's vacancy): its facts, title and id. */
type VacancyView = VacancyDocument | VacancyFacts;

const idOf = (vacancy: VacancyView): string => ('_id' in vacancy ? vacancy._id.toHexString() : vacancy.id);

/** The stored vacancy, read by id (one lookup per vacancy, batched per request) only when a field the index does not hold is asked for. */
async function stored(vacancy: VacancyView, ctx: MigrationContext): Promise<VacancyDocument> {
  if ('_id' in vacancy) return vacancy;
  const found = await ctx.loaders.vacancy.load(vacancy.id);
  if (!found) throw new NotFoundError(`No vacancy with id ${vacancy.id}`, 'id');
  return found;
}

/** A field only the stored vacancy has. */
const storedField =
  <Field extends keyof VacancyDocument>(field: Field) =>
  async (vacancy: VacancyView, _: unknown, ctx: MigrationContext): Promise<VacancyDocument[Field]> =>
    (await stored(vacancy, ctx))[field];

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
