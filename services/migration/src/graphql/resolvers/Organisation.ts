import type { VacancyStatus } from '../../domain/vacancy';
import type { MigrationContext } from '../context';

type OrganisationKey = { id: string };

export const Organisation = {
  __resolveReference: (reference: OrganisationKey) => ({ id: reference.id }),
  vacancies: (organisation: OrganisationKey, args: { status?: VacancyStatus | null }, ctx: MigrationContext) => ctx.app.vacancies.ofEmployer(organisation.id, args.status),
};
