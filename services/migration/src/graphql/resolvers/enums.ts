import { CASE_OUTCOMES, CASE_STEPS, CONSENT_PURPOSES } from '@hub/shared/contracts';
import { HOUSING_TYPES } from '../../domain/candidate';
import { CASE_STATUSES } from '../../domain/case';
import { CONSENT_CHANNELS } from '../../domain/consent';
import { VACANCY_STATUSES, WORK_MODES } from '../../domain/vacancy';
import { SHARED_FIELDS } from '../../infrastructure/models';

/** GraphQL enum values mapped to the values the domain and the events use: ON_SITE ↔ 'on-site'. */
function byConstantName<T extends string>(values: readonly T[]): Record<string, T> {
  return Object.fromEntries(values.map((value) => [value.toUpperCase().replace(/-/g, '_'), value]));
}

export const WorkMode = byConstantName(WORK_MODES);
export const VacancyStatus = byConstantName(VACANCY_STATUSES);
export const HousingType = byConstantName(HOUSING_TYPES);
export const ConsentPurpose = byConstantName(CONSENT_PURPOSES);
export const ConsentChannel = byConstantName(CONSENT_CHANNELS);
export const SharedField = byConstantName(SHARED_FIELDS);
export const CaseStatus = byConstantName(CASE_STATUSES);
export const CaseStep = byConstantName(CASE_STEPS);
export const CaseOutcome = byConstantName(CASE_OUTCOMES);
