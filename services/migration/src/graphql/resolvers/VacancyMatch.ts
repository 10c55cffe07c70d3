import type { VacancyMatch as Match } from '../../domain/matching';
import type { MigrationContext } from '../context';

export const VacancyMatch = {
  // read only when asked for: a list of ids and scores costs no lookups
  vacancy: (match: Match, _: unknown, ctx: MigrationContext) => ctx.app.vacancies.require(match.vacancyId),
};
