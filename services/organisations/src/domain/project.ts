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
    throw new ValidationError({ en: 'A date is written YYYY-MM-DD', sv: 'Ett datum skrivs ÅÅÅÅ-MM-DD' }, field);
  }
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) throw new ValidationError({ en: 'No such date', sv: 'Datumet finns inte' }, field);
  return value;
}

export function validateProjectDetails(details: ProjectDetails, prefix = 'input'): ProjectDetails {
  const name = details.name.trim();
  if (name.length === 0 || name.length > 200) throw new ValidationError({ en: 'A name has 1 to 200 characters', sv: 'Ett namn har 1 till 200 tecken' }, `${prefix}.name`);
  const description = details.description?.trim();
  if (description && description.length > 4000) throw new ValidationError({ en: 'At most 4000 characters', sv: 'Högst 4000 tecken' }, `${prefix}.description`);
  const startDate = isoDate(details.startDate, `${prefix}.startDate`);
  const endDate = details.endDate ? isoDate(details.endDate, `${prefix}.endDate`) : undefined;
  if (endDate && endDate < startDate) throw new ValidationError({ en: 'A period ends on or after its start', sv: 'En period kan inte sluta före sin början' }, `${prefix}.endDate`);
  if (details.municipalityCodes.length === 0) {
    throw new ValidationError({ en: 'A project covers at least one municipality', sv: 'Ett projekt omfattar minst en kommun' }, `${prefix}.municipalityCodes`);
  }
  details.municipalityCodes.forEach((code, index) => {
    if (!isMunicipalityCode(code)) throw new ValidationError({ en: 'A municipality code has four digits', sv: 'En kommunkod har fyra siffror' }, `${prefix}.municipalityCodes.${index}`);
  });
  validateFundingShares(details.funders, `${prefix}.funders`);
  if (details.partnerIds.length > 100) throw new ValidationError({ en: 'At most 100 partners', sv: 'Högst 100 partnerorganisationer' }, `${prefix}.partnerIds`);
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
