import { createHash } from 'node:crypto';
import { hasRole, type HubClaims } from '@hub/shared/auth';
import { ForbiddenError, ValidationError } from '@hub/shared/errors';
import { isoDate, isProviderStaff, type LocalisedText, type Need, type OfferingDetailsInput, type TargetGroup } from './offering';

/** A funding call as an integration imports it from its source, e.g. Vinnova's open data. */
export interface FundingCallInput {
  /** `source:id`, unique per provider, e.g. `vinnova:2026-01234`. */
  externalId: string;
  title: LocalisedText;
  description: LocalisedText;
  link?: string | null;
  /** The day the call opens (Swedish time). */
  startDate: string;
  /** The last day to apply (Swedish time). */
  applicationDeadline: string;
  /** Left out: a new call gets the defaults below, an existing one keeps what it has. */
  needs?: Need[] | null;
  targetGroups?: TargetGroup[] | null;
  /** Empty: the whole region. */
  municipalityCodes?: string[] | null;
}

export const MAX_SYNC_ITEMS = 100;
const MAX_EXTERNAL_ID = 100;
const EXTERNAL_ID = /^[a-z][a-z0-9-]{0,29}:\S+$/;

/** What a new imported call gets unless the source says otherwise: sources publish calls to apply for online. */
export function newFundingCallDefaults(providerId: string): OfferingDetailsInput {
  return {
    kind: 'funding-call',
    format: 'digital',
    needs: ['financing', 'innovation'],
    targetGroups: ['established-companies'],
    municipalityCodes: [],
    funding: { funderId: providerId },
  };
}

/**
 * Integration jobs import for any provider; the provider's own staff and admins for their own. Everyone else is
 * refused before any input is looked at.
 */
export function assertMayImportOfferings(claims: HubClaims, providerId: string): void {
  if (hasRole(claims, 'integration') || isProviderStaff(claims, providerId)) return;
  throw new ForbiddenError({ en: 'Only integrations, admins and the provider\'s own staff may import its offerings', sv: 'Bara integrationer, administratörer och arrangörens egen personal får importera dess insatser' });
}

export function validateExternalId(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed.length > MAX_EXTERNAL_ID) throw new ValidationError({ en: `At most ${MAX_EXTERNAL_ID} characters`, sv: `Högst ${MAX_EXTERNAL_ID} tecken` }, field);
  if (!EXTERNAL_ID.test(trimmed)) throw new ValidationError({ en: 'An external id is written source:id, e.g. vinnova:2026-01234', sv: 'Ett externt id skrivs källa:id, t.ex. vinnova:2026-01234' }, field);
  return trimmed;
}

/** A batch of external ids, each once; `fieldOf` names an item's path in the input (`input.3.externalId`). */
export function validateExternalIds(values: readonly string[], listField: string, fieldOf: (index: number) => string): string[] {
  if (values.length > MAX_SYNC_ITEMS) throw new ValidationError({ en: `At most ${MAX_SYNC_ITEMS} items at a time`, sv: `Högst ${MAX_SYNC_ITEMS} poster åt gången` }, listField);
  const ids = values.map((value, index) => validateExternalId(value, fieldOf(index)));
  const repeated = ids.findIndex((id, index) => ids.indexOf(id) !== index);
  if (repeated >= 0) throw new ValidationError({ en: 'An external id is listed once', sv: 'Ett externt id får bara anges en gång' }, fieldOf(repeated));
  return ids;
}

/**
 * The fields the source decides, as offering details input: they replace what an existing offering has, and the
 * rest is left as the provider set it. The call runs until its deadline, so that is also its period's end.
 */
export function importedFields(input: FundingCallInput, field: string): Partial<OfferingDetailsInput> {
  const deadline = isoDate(input.applicationDeadline, `${field}.applicationDeadline`);
  const opens = isoDate(input.startDate, `${field}.startDate`);
  if (deadline !== null && opens !== null && deadline < opens) {
    throw new ValidationError({ en: 'A call closes on or after the day it opens', sv: 'En utlysning kan inte stänga före den dag den öppnar' }, `${field}.applicationDeadline`);
  }
  return {
    kind: 'funding-call',
    title: input.title,
    description: input.description,
    link: input.link ?? null,
    startDate: opens,
    endDate: deadline,
    applicationDeadline: deadline,
    ...(input.needs ? { needs: input.needs } : {}),
    ...(input.targetGroups ? { targetGroups: input.targetGroups } : {}),
    ...(input.municipalityCodes ? { municipalityCodes: input.municipalityCodes } : {}),
  };
}

/**
 * An imported offering's id follows from its provider and external id, so two imports running at once cannot
 * both create it: the second insert of the same `_id` fails atomically, on FerretDB as on MongoDB.
 */
export function importedOfferingId(providerId: string, externalId: string): string {
  return createHash('sha256').update(`${providerId}\n${externalId}`).digest('hex').slice(0, 24);
}
