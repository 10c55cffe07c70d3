import { hasRole, type HubClaims } from '@hub/shared/auth';
import {
  NEEDS,
  OFFERING_FORMATS,
  OFFERING_KINDS,
  TARGET_GROUPS,
  type Need,
  type OfferingFormat,
  type OfferingKind,
  type OfferingStatus,
  type TargetGroup,
} from '@hub/shared/contracts';
import { ConflictError, ForbiddenError, ValidationError, type Wording } from '@hub/shared/errors';
import { isMunicipalityCode, KNOWN_MUNICIPALITY_CODES } from './municipalities';

export { NEEDS, OFFERING_FORMATS, OFFERING_KINDS, TARGET_GROUPS, type Need, type OfferingFormat, type OfferingKind, type OfferingStatus, type TargetGroup };

/** A status as the Swedish wording of an error names it (the English wording uses the status itself). */
export const OFFERING_STATUS_IN_SWEDISH: Record<OfferingStatus, string> = { draft: 'utkast', published: 'publicerad', closed: 'stängd', archived: 'arkiverad' };

/** Swedish is the hub's language; English is offered alongside for in-movers and international partners. */
export interface LocalisedText {
  sv: string;
  en?: string;
}

/** Who may take part; a null limit means no limit, an empty list means no restriction. */
export interface Eligibility {
  maxEmployees: number | null;
  maxCompanyAgeYears: number | null;
  sniPrefixes: string[];
  municipalityCodes: string[];
}

/** Either a free-text source ("ERUF 50 %, Region Västerbotten 25 %…") or the funder organisation, not both. */
export interface Funding {
  description?: string;
  funderId?: string;
}

export interface Session {
  id: string;
  title: string;
  /** ISO-8601 UTC */
  startsAt: string;
  endsAt: string;
  /** Where it is held, or the link to join; at least one of the two. */
  place?: string;
  link?: string;
}

export type SessionInput = Omit<Session, 'id' | 'startsAt' | 'endsAt'> & { startsAt: Date | string; endsAt: Date | string };

/** Everything about an offering its provider edits; the provider itself is fixed at creation. */
export interface OfferingDetails {
  projectId: string | null;
  kind: OfferingKind;
  title: LocalisedText | null;
  description: LocalisedText | null;
  targetGroups: TargetGroup[];
  /** SNI prefixes the offering is meant for; empty = every industry. */
  industries: string[];
  /** Municipalities served; empty = the whole region. */
  municipalityCodes: string[];
  format: OfferingFormat | null;
  startDate: string | null;
  endDate: string | null;
  applicationDeadline: string | null;
  /** The offering's own page, where companies read more and apply. */
  link: string | null;
  /** Seats; null = unlimited. */
  capacity: number | null;
  /** SEK, 0 = free of charge. */
  priceSek: number;
  funding: Funding | null;
  eligibility: Eligibility;
  needs: Need[];
}

/** What a caller sends: omitted lists are empty and omitted values unset. */
export type OfferingDetailsInput = { kind: OfferingKind } & {
  [K in Exclude<keyof OfferingDetails, 'kind' | 'eligibility'>]?: OfferingDetails[K] | null;
} & { eligibility?: Partial<Eligibility> | null };

export const LIMITS = {
  title: 200,
  description: 4000,
  fundingDescription: 200,
  sessionTitle: 200,
  place: 200,
  link: 500,
  sessions: 100,
  codes: 50,
  priceSek: 100_000_000,
} as const;

const OBJECT_ID = /^[0-9a-f]{24}$/i;

function text(value: string, max: number, field: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new ValidationError({ en: 'Must not be empty', sv: 'Får inte vara tomt' }, field);
  if (trimmed.length > max) throw new ValidationError({ en: `At most ${max} characters`, sv: `Högst ${max} tecken` }, field);
  return trimmed;
}

function localised(value: LocalisedText | null | undefined, max: number, field: string): LocalisedText | null {
  if (!value) return null;
  const en = value.en?.trim() ? text(value.en, max, `${field}.en`) : undefined;
  return { sv: text(value.sv ?? '', max, `${field}.sv`), ...(en ? { en } : {}) };
}

export function isoDate(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new ValidationError({ en: 'A date is written YYYY-MM-DD', sv: 'Ett datum skrivs ÅÅÅÅ-MM-DD' }, field);
  }
  return value;
}

function wholeNumber(value: number | null | undefined, field: string, max = Number.MAX_SAFE_INTEGER): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0) throw new ValidationError({ en: 'A whole number, zero or more', sv: 'Ett heltal, noll eller mer' }, field);
  if (value > max) throw new ValidationError({ en: `At most ${max}`, sv: `Högst ${max}` }, field);
  return value;
}

function list<T>(values: readonly T[] | null | undefined, field: string, check: (value: T, field: string) => T): T[] {
  const items = values ?? [];
  if (items.length > LIMITS.codes) throw new ValidationError({ en: `At most ${LIMITS.codes} entries`, sv: `Högst ${LIMITS.codes} val` }, field);
  return [...new Set(items.map((value, index) => check(value, `${field}.${index}`)))];
}

function member<T extends string>(allowed: readonly T[], unknown: Wording) {
  return (value: T, field: string): T => {
    if (!allowed.includes(value)) throw new ValidationError(unknown, field);
    return value;
  };
}

export function sniPrefix(value: string, field: string): string {
  if (!/^\d{2,5}$/.test(value) || value.startsWith('00')) {
    throw new ValidationError({ en: `"${value.slice(0, 12)}" is not an SNI code or prefix (2 to 5 digits)`, sv: `"${value.slice(0, 12)}" är inte en SNI-kod eller början på en (2 till 5 siffror)` }, field);
  }
  return value;
}

export function knownMunicipality(code: string, field: string): string {
  if (!isMunicipalityCode(code)) throw new ValidationError({ en: 'A municipality code has four digits', sv: 'En kommunkod har fyra siffror' }, field);
  if (!KNOWN_MUNICIPALITY_CODES.has(code)) throw new ValidationError({ en: `Unknown municipality code ${code}`, sv: `Okänd kommunkod ${code}` }, field);
  return code;
}

function funding(value: Funding | null | undefined, field: string): Funding | null {
  if (!value) return null;
  const description = value.description?.trim() || undefined;
  const funderId = value.funderId?.trim() || undefined;
  if ((description === undefined) === (funderId === undefined)) {
    throw new ValidationError({ en: 'Funding is either a description or a funder organisation, one of the two', sv: 'Finansieringen anges antingen som en beskrivning eller som en finansierande organisation, inte båda' }, field);
  }
  if (description !== undefined) return { description: text(description, LIMITS.fundingDescription, `${field}.description`) };
  if (!OBJECT_ID.test(funderId as string)) throw new ValidationError({ en: 'Not a valid id', sv: 'Inte ett giltigt id' }, `${field}.funderId`);
  return { funderId: (funderId as string).toLowerCase() };
}

function objectId(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (!OBJECT_ID.test(value)) throw new ValidationError({ en: 'Not a valid id', sv: 'Inte ett giltigt id' }, field);
  return value.toLowerCase();
}

/** Validates and normalises what a caller sends; `prefix` makes the error's field path match the input. */
export function validateOfferingDetails(input: OfferingDetailsInput, prefix = 'input'): OfferingDetails {
  const kind = member(OFFERING_KINDS, { en: 'Unknown offering kind', sv: 'Okänd typ av insats' })(input.kind, `${prefix}.kind`);
  const format = input.format ? member(OFFERING_FORMATS, { en: 'Unknown format', sv: 'Okänd form' })(input.format, `${prefix}.format`) : null;
  const startDate = isoDate(input.startDate, `${prefix}.startDate`);
  const endDate = isoDate(input.endDate, `${prefix}.endDate`);
  const applicationDeadline = isoDate(input.applicationDeadline, `${prefix}.applicationDeadline`);
  if (startDate && endDate && endDate < startDate) throw new ValidationError({ en: 'A period ends on or after its start', sv: 'En period kan inte sluta före sin början' }, `${prefix}.endDate`);
  // a funding call takes applications while it is open, so its deadline falls after the day it opens
  if (applicationDeadline && startDate && applicationDeadline > startDate && kind !== 'funding-call') {
    throw new ValidationError({ en: 'The application deadline is on or before the start', sv: 'Sista ansökningsdag måste vara senast startdatumet' }, `${prefix}.applicationDeadline`);
  }
  if (input.capacity !== null && input.capacity !== undefined && input.capacity < 0) {
    throw new ValidationError({ en: 'Capacity is zero or more seats; leave it out for unlimited', sv: 'Antalet platser är noll eller fler; lämna tomt för obegränsat' }, `${prefix}.capacity`);
  }
  const eligibility = input.eligibility ?? {};
  return {
    projectId: objectId(input.projectId, `${prefix}.projectId`),
    kind,
    title: localised(input.title, LIMITS.title, `${prefix}.title`),
    description: localised(input.description, LIMITS.description, `${prefix}.description`),
    targetGroups: list(input.targetGroups, `${prefix}.targetGroups`, member(TARGET_GROUPS, { en: 'Unknown target group', sv: 'Okänd målgrupp' })),
    industries: list(input.industries, `${prefix}.industries`, sniPrefix),
    municipalityCodes: list(input.municipalityCodes, `${prefix}.municipalityCodes`, knownMunicipality),
    format,
    startDate,
    endDate,
    applicationDeadline,
    link: input.link?.trim() ? httpUrl(input.link, `${prefix}.link`) : null,
    capacity: wholeNumber(input.capacity, `${prefix}.capacity`),
    priceSek: wholeNumber(input.priceSek ?? 0, `${prefix}.priceSek`, LIMITS.priceSek) ?? 0,
    funding: funding(input.funding, `${prefix}.funding`),
    eligibility: {
      maxEmployees: wholeNumber(eligibility.maxEmployees, `${prefix}.eligibility.maxEmployees`),
      maxCompanyAgeYears: wholeNumber(eligibility.maxCompanyAgeYears, `${prefix}.eligibility.maxCompanyAgeYears`),
      sniPrefixes: list(eligibility.sniPrefixes, `${prefix}.eligibility.sniPrefixes`, sniPrefix),
      municipalityCodes: list(eligibility.municipalityCodes, `${prefix}.eligibility.municipalityCodes`, knownMunicipality),
    },
    needs: list(input.needs, `${prefix}.needs`, member(NEEDS, { en: 'Unknown need', sv: 'Okänt behov' })),
  };
}

/** The fields an update changed, in the order of the details (for the event and the audit trail). */
export function changedFields(before: OfferingDetails, after: OfferingDetails): Array<keyof OfferingDetails> {
  return (Object.keys(after) as Array<keyof OfferingDetails>).filter((key) => canonical(before[key]) !== canonical(after[key]));
}

/** JSON with object keys sorted and undefined left out, so stored and freshly validated values compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, nested: unknown) =>
    nested && typeof nested === 'object' && !Array.isArray(nested)
      ? Object.fromEntries(Object.entries(nested).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)))
      : nested,
  );
}

/** Paths of what a company needs to know before an offering may be published (empty when complete). */
export function missingForPublishing(details: OfferingDetails): string[] {
  const missing: string[] = [];
  if (!details.title) missing.push('title.sv');
  if (!details.description) missing.push('description.sv');
  if (!details.startDate) missing.push('startDate');
  if (!details.endDate) missing.push('endDate');
  if (details.needs.length === 0) missing.push('needs');
  if (details.targetGroups.length === 0) missing.push('targetGroups');
  if (!details.format) missing.push('format');
  return missing;
}

export type PublishableDetails = OfferingDetails & { format: OfferingFormat; title: LocalisedText; description: LocalisedText };

/** What each field a published offering needs is called, for the refusal that names the missing ones. */
const PUBLISHING_FIELD_NAMES: Record<string, Wording> = {
  'title.sv': { en: 'Swedish title', sv: 'titel på svenska' },
  'description.sv': { en: 'Swedish description', sv: 'beskrivning på svenska' },
  startDate: { en: 'start date', sv: 'startdatum' },
  endDate: { en: 'end date', sv: 'slutdatum' },
  needs: { en: 'needs', sv: 'behov' },
  targetGroups: { en: 'target groups', sv: 'målgrupper' },
  format: { en: 'format', sv: 'form' },
};

/** Refuses incomplete details, naming every missing field; `prefix` is the input path the caller sent them in. */
export function assertPublishable(details: OfferingDetails, prefix?: string): asserts details is PublishableDetails {
  const missing = missingForPublishing(details);
  if (missing.length > 0) {
    const names = (language: keyof Wording) => missing.map((path) => PUBLISHING_FIELD_NAMES[path]![language]).join(', ');
    throw new ValidationError(
      { en: `A published offering needs these filled in: ${names('en')}`, sv: `En publicerad insats behöver det här ifyllt: ${names('sv')}` },
      missing.map((path) => (prefix ? `${prefix}.${path}` : path)),
    );
  }
}

/** The lifecycle runs one way: draft → published → closed → archived. */
const NEXT_STATUS: Record<OfferingStatus, OfferingStatus | null> = { draft: 'published', published: 'closed', closed: 'archived', archived: null };

export function assertTransition(from: OfferingStatus, to: OfferingStatus): void {
  if (NEXT_STATUS[from] !== to) throw new ConflictError({ en: `A ${from} offering cannot become ${to}`, sv: `En insats kan inte gå från status ${OFFERING_STATUS_IN_SWEDISH[from]} till ${OFFERING_STATUS_IN_SWEDISH[to]}` }, 'id');
}

/** Closed and archived offerings are history: companies took part in them as they were. */
export function assertEditable(status: OfferingStatus): void {
  if (status !== 'draft' && status !== 'published') throw new ConflictError({ en: `A ${status} offering is no longer edited`, sv: `En insats med status ${OFFERING_STATUS_IN_SWEDISH[status]} kan inte längre ändras` }, 'id');
}

export function validateSession(input: SessionInput, id: string, field: string): Session {
  const startsAt = dateTime(input.startsAt, `${field}.startsAt`);
  const endsAt = dateTime(input.endsAt, `${field}.endsAt`);
  if (endsAt <= startsAt) throw new ValidationError({ en: 'A session ends after it starts', sv: 'Ett tillfälle måste sluta efter att det börjar' }, `${field}.endsAt`);
  const place = input.place?.trim() ? text(input.place, LIMITS.place, `${field}.place`) : undefined;
  const link = input.link?.trim() ? httpUrl(input.link, `${field}.link`) : undefined;
  if (!place && !link) throw new ValidationError({ en: 'A session has a place or a link to join', sv: 'Ett tillfälle har en plats eller en länk för att delta' }, `${field}.place`);
  return { id, title: text(input.title, LIMITS.sessionTitle, `${field}.title`), startsAt, endsAt, ...(place ? { place } : {}), ...(link ? { link } : {}) };
}

function dateTime(value: Date | string, field: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new ValidationError({ en: 'A time is an ISO-8601 date and time', sv: 'En tidpunkt är ett datum och klockslag enligt ISO 8601' }, field);
  return date.toISOString();
}

function httpUrl(value: string, field: string): string {
  const trimmed = text(value, LIMITS.link, field);
  const url = URL.canParse(trimmed) ? new URL(trimmed) : null;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new ValidationError({ en: 'A link is an http(s) URL', sv: 'En länk är en http(s)-adress' }, field);
  return url.toString();
}

/** The provider's own staff and admins edit an offering, and see it before and after it is published. */
export function isProviderStaff(claims: HubClaims, providerId: string): boolean {
  if (claims.roles.includes('admin')) return true;
  return hasRole(claims, 'partner-staff', 'municipal-staff') && claims.organisationId === providerId;
}

export function assertMayEditOffering(claims: HubClaims, providerId: string): void {
  if (!isProviderStaff(claims, providerId)) throw new ForbiddenError({ en: 'Only the provider\'s own staff may change its offerings', sv: 'Bara arrangörens egen personal får ändra dess insatser' });
}

/** Everyone else sees an offering only while it is published. */
export function isVisibleTo(claims: HubClaims, offering: { providerId: string; status: OfferingStatus }): boolean {
  return offering.status === 'published' || isProviderStaff(claims, offering.providerId);
}
