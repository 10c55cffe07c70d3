import { NEEDS, ORGANISATION_KINDS, type Need, type OrganisationKind } from '@hub/shared/contracts';
import { ValidationError, type Wording } from '@hub/shared/errors';
import { normaliseIndustryCodes, type IndustryCode } from './industry';
import { isMunicipalityCode } from './municipalities';
import { normaliseOrganisationNumber } from './organisation-number';

export { ORGANISATION_KINDS, type OrganisationKind };

export const CONTACT_ROLES = ['adviser', 'business-developer', 'coach', 'project-manager', 'migration-officer', 'manager', 'other'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export interface Contact {
  /** Stable across updates when the caller sends it back; matching refers to advisers by it. */
  id?: string;
  name: string;
  role: ContactRole;
  email?: string;
  phone?: string;
  /** Areas of expertise from the needs taxonomy, used later to match companies to advisers. */
  expertise: string[];
}

export interface OrganisationDetails {
  kind: OrganisationKind;
  name: string;
  organisationNumber: string;
  industries: IndustryCode[];
  municipalityCode: string;
  website?: string;
  contacts: Contact[];
  /** For companies and employers: what matching uses to judge eligibility (size, age). */
  employees?: number;
  foundedYear?: number;
}

const CONTACT_ID = /^[0-9a-f]{24}$/;
const MAX_EMPLOYEES = 1_000_000;

export const LIMITS = { name: 200, website: 300, contacts: 50, contactName: 120, expertise: 20, tag: 60 } as const;

function text(value: string, max: number, field: string, required = true): string {
  const trimmed = value.trim();
  if (required && trimmed.length === 0) throw new ValidationError({ en: 'Must not be empty', sv: 'Får inte vara tomt' }, field);
  if (trimmed.length > max) throw new ValidationError({ en: `At most ${max} characters`, sv: `Högst ${max} tecken` }, field);
  return trimmed;
}

function website(value: string | undefined, field: string): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = text(value, LIMITS.website, field);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ValidationError({ en: 'A website is an http(s) URL', sv: 'En webbplats är en http(s)-adress' }, field);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ValidationError({ en: 'A website is an http(s) URL', sv: 'En webbplats är en http(s)-adress' }, field);
  return url.toString();
}

function contact(value: Contact, field: string): Contact {
  const email = value.email?.trim() || undefined;
  const phone = value.phone?.trim() || undefined;
  if (email !== undefined && !/^[^\s@]{1,64}@[^\s@]{1,190}\.[a-z]{2,}$/i.test(email)) {
    throw new ValidationError({ en: 'Not an e-mail address', sv: 'Inte en e-postadress' }, `${field}.email`);
  }
  if (phone !== undefined && !/^\+?[0-9 ()-]{6,20}$/.test(phone)) {
    throw new ValidationError({ en: 'Not a phone number', sv: 'Inte ett telefonnummer' }, `${field}.phone`);
  }
  if (value.expertise.length > LIMITS.expertise) throw new ValidationError({ en: `At most ${LIMITS.expertise} areas`, sv: `Högst ${LIMITS.expertise} områden` }, `${field}.expertise`);
  const unknownArea = value.expertise.findIndex((area) => !(NEEDS as readonly string[]).includes(area.trim()));
  if (unknownArea >= 0) throw new ValidationError({ en: `An area of expertise is one of the needs: ${NEEDS.join(', ')}`, sv: `Ett kompetensområde är ett av behoven: ${NEEDS.join(', ')}` }, `${field}.expertise.${unknownArea}`);
  const id = value.id?.trim().toLowerCase();
  if (id !== undefined && !CONTACT_ID.test(id)) throw new ValidationError({ en: 'Not a contact id', sv: 'Inte ett kontakt-id' }, `${field}.id`);
  return {
    ...(id ? { id } : {}),
    name: text(value.name, LIMITS.contactName, `${field}.name`),
    role: value.role,
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    expertise: [...new Set(value.expertise.map((area) => area.trim() as Need))],
  };
}

function wholeNumber(value: number | undefined | null, min: number, max: number, message: Wording, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) throw new ValidationError(message, field);
  return value;
}

/** Validates and normalises what a caller sends; `prefix` makes the error's field path match the input. */
export function validateOrganisationDetails(details: OrganisationDetails, prefix = 'input'): OrganisationDetails {
  if (!ORGANISATION_KINDS.includes(details.kind)) throw new ValidationError({ en: 'Unknown organisation kind', sv: 'Okänd typ av organisation' }, `${prefix}.kind`);
  if (!isMunicipalityCode(details.municipalityCode)) {
    throw new ValidationError({ en: 'A municipality code has four digits', sv: 'En kommunkod har fyra siffror' }, `${prefix}.municipalityCode`);
  }
  if (details.contacts.length > LIMITS.contacts) throw new ValidationError({ en: `At most ${LIMITS.contacts} contacts`, sv: `Högst ${LIMITS.contacts} kontakter` }, `${prefix}.contacts`);
  const site = website(details.website, `${prefix}.website`);
  const employees = wholeNumber(details.employees, 0, MAX_EMPLOYEES, { en: 'Employees are a whole number, 0 or more', sv: 'Antalet anställda är ett heltal, 0 eller mer' }, `${prefix}.employees`);
  const thisYear = new Date().getUTCFullYear();
  const foundedYear = wholeNumber(details.foundedYear, 1800, thisYear, { en: `A founding year is between 1800 and ${thisYear}`, sv: `Grundåret är mellan 1800 och ${thisYear}` }, `${prefix}.foundedYear`);
  const contactIds = details.contacts.map((c) => c.id?.trim().toLowerCase()).filter((id) => id);
  if (new Set(contactIds).size !== contactIds.length) throw new ValidationError({ en: 'Two contacts have the same id', sv: 'Två kontakter har samma id' }, `${prefix}.contacts`);
  return {
    kind: details.kind,
    name: text(details.name, LIMITS.name, `${prefix}.name`),
    organisationNumber: normaliseOrganisationNumber(details.organisationNumber, `${prefix}.organisationNumber`),
    industries: normaliseIndustryCodes(details.industries, `${prefix}.industries`),
    municipalityCode: details.municipalityCode,
    ...(site ? { website: site } : {}),
    contacts: details.contacts.map((c, index) => contact(c, `${prefix}.contacts.${index}`)),
    ...(employees !== undefined ? { employees } : {}),
    ...(foundedYear !== undefined ? { foundedYear } : {}),
  };
}

/** The facts matching needs, as the organisation events carry them: ids and codes, no names. */
export type IdentifiedDetails = Omit<OrganisationDetails, 'contacts'> & { contacts: Array<Contact & { id: string }> };

export function matchingFacts(details: IdentifiedDetails) {
  return {
    employees: details.employees ?? null,
    foundedYear: details.foundedYear ?? null,
    advisers: details.contacts.filter((c) => c.expertise.length > 0).map((c) => ({ contactId: c.id, expertise: c.expertise as Need[] })),
  };
}

/** The fields an update changed, in the order of the details (for the event and the audit trail). */
export function changedFields(before: OrganisationDetails, after: OrganisationDetails): string[] {
  return (Object.keys(after) as Array<keyof OrganisationDetails>).filter(
    (key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null),
  );
}
