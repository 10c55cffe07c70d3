import type { VacancyMatch as Match } from '../../domain/matching';

export const VacancyMatch = {
  // the index's facts, held with the match: its fields beyond them read the vacancy only when asked for
  vacancy: (match: Match) => match.vacancy,
};
