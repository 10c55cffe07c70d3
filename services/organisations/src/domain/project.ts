import { ValidationError } from '@hub/shared/errors';
import { validateFundingShares, type FundingShare } from './funding';
import { isMunicipalityCode } from './municipalities';

export const PROJECT_KINDS = ['project', 'programme'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

export interface ProjectDetails {
  kind: ProjectKind;
  name: string;
  description?: string;
  ownerId: string;
  startDate: string;
  endDate?: string;
  municipalityCodes: string[];
  funders: FundingShare[];
  partnerIds: string[];
}

function isoDate(value: string, field: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new ValidationError('A date is written YYYY-MM-DD', field);
  }
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) throw new ValidationError('No such date', field);
  return value;
}

export function validateProjectDetails(details: ProjectDetails, prefix = 'input'): ProjectDetails {
  const name = details.name.trim();
  if (name.length === 0 || name.length > 200) throw new ValidationError('A name has 1 to 200 characters', `${prefix}.name`);
  const description = details.description?.trim();
  if (description && description.length > 4000) throw new ValidationError('At most 4000 characters', `${prefix}.description`);
  const startDate = isoDate(details.startDate, `${prefix}.startDate`);
  const endDate = details.endDate ? isoDate(details.endDate, `${prefix}.endDate`) : undefined;
  if (endDate && endDate < startDate) throw new ValidationError('A period ends on or after its start', `${prefix}.endDate`);
  if (details.municipalityCodes.length === 0) {
    throw new ValidationError('A project covers at least one municipality', `${prefix}.municipalityCodes`);
  }
  details.municipalityCodes.forEach((code, index) => {
    if (!isMunicipalityCode(code)) throw new ValidationError('A municipality code has four digits', `${prefix}.municipalityCodes.${index}`);
  });
  validateFundingShares(details.funders, `${prefix}.funders`);
  if (details.partnerIds.length > 100) throw new ValidationError('At most 100 partners', `${prefix}.partnerIds`);
  return {
    kind: details.kind,
    name,
    ...(description ? { description } : {}),
    ownerId: details.ownerId,
    startDate,
    ...(endDate ? { endDate } : {}),
    municipalityCodes: [...new Set(details.municipalityCodes)],
    funders: details.funders,
    partnerIds: [...new Set(details.partnerIds)],
  };
}
