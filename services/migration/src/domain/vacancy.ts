import { ValidationError } from '@hub/shared/errors';
import { assertCalendarDate } from './dates';
import { isRegion10Municipality } from '@hub/shared/contracts';
import { isOccupationCode } from './occupations';
import { optionalText, requiredText } from './text';

/** A job an employer in the region wants filled, entered by the project or taken from JobTech's job ads. */

export const WORK_MODES = ['on-site', 'remote', 'hybrid'] as const;
export type WorkMode = (typeof WORK_MODES)[number];

export const VACANCY_STATUSES = ['open', 'closed'] as const;
export type VacancyStatus = (typeof VACANCY_STATUSES)[number];

export const VACANCY_LIMITS = {
  titleLength: 200,
  positions: { min: 1, max: 500 },
  externalIdLength: 100,
  descriptionLength: 20_000,
} as const;

export interface VacancyInput {
  title: string;
  occupationCode: string;
  municipalityCode: string;
  startDate?: string | null;
  workMode: WorkMode;
  housingHelp: boolean;
  positions?: number | null;
  externalId?: string | null;
  description?: string | null;
  applicationDeadline?: string | null;
}

export interface VacancyDetails {
  title: string;
  /** SSYK 2012 */
  occupationCode: string;
  /** One of Region 10's; where the job is. */
  municipalityCode: string;
  /** YYYY-MM-DD */
  startDate: string | null;
  workMode: WorkMode;
  /** The employer helps find somewhere to live. */
  housingHelp: boolean;
  positions: number;
  /** The ad's id in its source (JobTech), to match later updates of the same ad. */
  externalId: string | null;
  description: string | null;
  /** YYYY-MM-DD, the last day to apply (Swedish time). */
  applicationDeadline: string | null;
}

export function validateVacancy(input: VacancyInput, prefix = 'input'): VacancyDetails {
  const title = requiredText(input.title, `${prefix}.title`, VACANCY_LIMITS.titleLength);
  const occupationCode = input.occupationCode.trim();
  if (!isOccupationCode(occupationCode)) throw new ValidationError({ en: `not an SSYK 2012 occupation code: ${input.occupationCode}`, sv: `inte en yrkeskod enligt SSYK 2012: ${input.occupationCode}` }, `${prefix}.occupationCode`);
  const municipalityCode = input.municipalityCode.trim();
  if (!isRegion10Municipality(municipalityCode)) {
    throw new ValidationError({ en: `not a Region 10 municipality: ${input.municipalityCode}`, sv: `inte en kommun i Region 10: ${input.municipalityCode}` }, `${prefix}.municipalityCode`);
  }
  if (!WORK_MODES.includes(input.workMode)) throw new ValidationError({ en: `work mode is one of ${WORK_MODES.join(', ')}`, sv: `arbetsformen är en av ${WORK_MODES.join(', ')}` }, `${prefix}.workMode`);
  if (typeof input.housingHelp !== 'boolean') throw new ValidationError({ en: 'housing help is true or false', sv: 'hjälp med bostad är true eller false' }, `${prefix}.housingHelp`);
  return {
    title,
    occupationCode,
    municipalityCode,
    startDate: optionalDate(input.startDate, `${prefix}.startDate`),
    workMode: input.workMode,
    housingHelp: input.housingHelp,
    positions: validatePositions(input.positions, `${prefix}.positions`),
    externalId: optionalText(input.externalId, `${prefix}.externalId`, VACANCY_LIMITS.externalIdLength),
    description: optionalText(input.description, `${prefix}.description`, VACANCY_LIMITS.descriptionLength),
    applicationDeadline: optionalDate(input.applicationDeadline, `${prefix}.applicationDeadline`),
  };
}

function optionalDate(value: string | null | undefined, field: string): string | null {
  return value === null || value === undefined ? null : assertCalendarDate(value.trim(), field);
}

function validatePositions(positions: number | null | undefined, field: string): number {
  if (positions === null || positions === undefined) return VACANCY_LIMITS.positions.min;
  const { min, max } = VACANCY_LIMITS.positions;
  if (!Number.isInteger(positions) || positions < min || positions > max) throw new ValidationError({ en: `positions is a whole number from ${min} to ${max}`, sv: `antalet tjänster är ett heltal från ${min} till ${max}` }, field);
  return positions;
}
