import type { TFunction } from 'i18next';
import { placeRefusals } from '../graph';
import type {
  CreateOfferingDraftInput,
  FundingInput,
  JobBasis,
  Need,
  OfferingFormat,
  OfferingKind,
  OfferingStatus,
  OutcomeInput,
  OutcomeKind,
  SessionInput,
  TargetGroup,
  TurnoverBand,
  UpdateOfferingInput,
} from '../graphql/graphql';

/** The offering form as the person fills it in: text as typed, so nothing they wrote is changed or lost. */
export interface OfferingForm {
  titleSv: string;
  titleEn: string;
  descriptionSv: string;
  descriptionEn: string;
  kind: string;
  format: string;
  needs: string[];
  targetGroups: string[];
  municipalityCodes: string[];
  startDate: string;
  endDate: string;
  applicationDeadline: string;
  capacity: string;
  priceSek: string;
  link: string;
  maxEmployees: string;
  maxCompanyAgeYears: string;
  /** '' for none. */
  projectId: string;
  /** SNI codes or prefixes as typed, separated by commas or spaces. */
  industries: string;
  /** Where the money comes from: not said, a description, or a funder organisation. */
  fundingKind: '' | 'description' | 'funder';
  fundingDescription: string;
  funderId: string;
  eligibleSniPrefixes: string;
  eligibleMunicipalityCodes: string[];
}

export type OfferingField = keyof OfferingForm;

/** Field errors in the person's language, by the form field they concern. */
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export const EMPTY_OFFERING_FORM: OfferingForm = {
  titleSv: '',
  titleEn: '',
  descriptionSv: '',
  descriptionEn: '',
  kind: '',
  format: '',
  needs: [],
  targetGroups: [],
  municipalityCodes: [],
  startDate: '',
  endDate: '',
  applicationDeadline: '',
  capacity: '',
  priceSek: '',
  link: '',
  maxEmployees: '',
  maxCompanyAgeYears: '',
  projectId: '',
  industries: '',
  fundingKind: '',
  fundingDescription: '',
  funderId: '',
  eligibleSniPrefixes: '',
  eligibleMunicipalityCodes: [],
};

/** What the graph holds of an offering, as the form shows it. */
export interface OfferingValues {
  title?: { sv: string; en?: string | null } | null;
  description?: { sv: string; en?: string | null } | null;
  kind: OfferingKind;
  format?: OfferingFormat | null;
  needs: readonly Need[];
  targetGroups: readonly TargetGroup[];
  municipalitiesServed: ReadonlyArray<{ code: string }>;
  startDate?: string | null;
  endDate?: string | null;
  applicationDeadline?: string | null;
  capacity?: number | null;
  priceSek: number;
  link?: string | null;
  project?: { id: string } | null;
  industries: readonly string[];
  funding?: { description?: string | null; funder?: { id: string } | null } | null;
  eligibility: { maxEmployees?: number | null; maxCompanyAgeYears?: number | null; sniPrefixes: readonly string[]; municipalityCodes: readonly string[] };
}

const number = (value: number | null | undefined): string => (value === null || value === undefined ? '' : String(value));

export function formFromOffering(offering: OfferingValues): OfferingForm {
  return {
    titleSv: offering.title?.sv ?? '',
    titleEn: offering.title?.en ?? '',
    descriptionSv: offering.description?.sv ?? '',
    descriptionEn: offering.description?.en ?? '',
    kind: offering.kind,
    format: offering.format ?? '',
    needs: [...offering.needs],
    targetGroups: [...offering.targetGroups],
    municipalityCodes: offering.municipalitiesServed.map((municipality) => municipality.code),
    startDate: offering.startDate ?? '',
    endDate: offering.endDate ?? '',
    applicationDeadline: offering.applicationDeadline ?? '',
    capacity: number(offering.capacity),
    // a price of 0 is "free", which an empty field says as well
    priceSek: offering.priceSek === 0 ? '' : String(offering.priceSek),
    link: offering.link ?? '',
    maxEmployees: number(offering.eligibility.maxEmployees),
    maxCompanyAgeYears: number(offering.eligibility.maxCompanyAgeYears),
    projectId: offering.project?.id ?? '',
    industries: offering.industries.join(', '),
    fundingKind: offering.funding?.funder ? 'funder' : offering.funding ? 'description' : '',
    fundingDescription: offering.funding?.description ?? '',
    funderId: offering.funding?.funder?.id ?? '',
    eligibleSniPrefixes: offering.eligibility.sniPrefixes.join(', '),
    eligibleMunicipalityCodes: [...offering.eligibility.municipalityCodes],
  };
}

/** SNI codes as typed ("62, 47111" or "62 47111"); the graph checks each and names the one it refuses. */
function codes(text: string): string[] {
  return text.split(/[\s,;]+/).filter((code) => code !== '');
}

/** The funding as the graph takes it: one of a description and a funder, or null to say nothing (or clear it). */
function fundingInput(form: OfferingForm, errors: FieldErrors<OfferingField>): FundingInput | null {
  if (form.fundingKind === 'description') {
    if (form.fundingDescription.trim() === '') errors.fundingDescription = 'required';
    return { description: form.fundingDescription.trim() };
  }
  if (form.fundingKind === 'funder') {
    if (form.funderId === '') errors.funderId = 'choose';
    return { funderId: form.funderId };
  }
  return null;
}

const NUMBER_FIELDS = ['capacity', 'priceSek', 'maxEmployees', 'maxCompanyAgeYears'] as const;

/** A whole number as typed (spaces as Swedes group thousands allowed); null when empty, NaN when not a whole number. */
function wholeNumber(text: string): number | null {
  const compact = text.replace(/[\s\u00a0]/g, '');
  if (compact === '') return null;
  return /^\d+$/.test(compact) ? Number(compact) : Number.NaN;
}

function localised(sv: string, en: string): { sv: string; en: string | null } | null {
  if (sv.trim() === '' && en.trim() === '') return null;
  return { sv: sv.trim(), en: en.trim() === '' ? null : en.trim() };
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/**
 * The form as the graph's input: empty fields are null (the update clears them), lists as chosen. Numbers that are
 * not whole are refused here, by field, since the graph's Int cannot carry them.
 */
export function offeringInput(form: OfferingForm): { input: UpdateOfferingInput & { kind: OfferingKind }; errors: FieldErrors<OfferingField> } {
  const errors: FieldErrors<OfferingField> = {};
  const numbers = {} as Record<(typeof NUMBER_FIELDS)[number], number | null>;
  for (const field of NUMBER_FIELDS) {
    const value = wholeNumber(form[field]);
    if (Number.isNaN(value)) errors[field] = 'wholeNumber';
    numbers[field] = Number.isNaN(value) ? null : value;
  }
  if (form.kind === '') errors.kind = 'required';
  const funding = fundingInput(form, errors);
  return {
    errors,
    input: {
      kind: form.kind as OfferingKind,
      title: localised(form.titleSv, form.titleEn),
      description: localised(form.descriptionSv, form.descriptionEn),
      format: form.format === '' ? null : (form.format as OfferingFormat),
      needs: form.needs as Need[],
      targetGroups: form.targetGroups as TargetGroup[],
      municipalityCodes: form.municipalityCodes,
      startDate: orNull(form.startDate),
      endDate: orNull(form.endDate),
      applicationDeadline: orNull(form.applicationDeadline),
      capacity: numbers.capacity,
      priceSek: numbers.priceSek ?? 0,
      link: orNull(form.link),
      projectId: orNull(form.projectId),
      industries: codes(form.industries),
      funding,
      eligibility: {
        maxEmployees: numbers.maxEmployees,
        maxCompanyAgeYears: numbers.maxCompanyAgeYears,
        sniPrefixes: codes(form.eligibleSniPrefixes),
        municipalityCodes: form.eligibleMunicipalityCodes,
      },
    },
  };
}

export function draftInput(form: OfferingForm, providerId: string): { input: CreateOfferingDraftInput; errors: FieldErrors<OfferingField> } {
  const { input, errors } = offeringInput(form);
  return { input: { ...input, providerId }, errors };
}

/** The graph's input paths (after `input.`) by the form field that holds them; lists point at the list's field. */
const OFFERING_PATHS: Record<string, OfferingField> = {
  kind: 'kind',
  'title.sv': 'titleSv',
  'title.en': 'titleEn',
  'description.sv': 'descriptionSv',
  'description.en': 'descriptionEn',
  format: 'format',
  needs: 'needs',
  targetGroups: 'targetGroups',
  municipalityCodes: 'municipalityCodes',
  startDate: 'startDate',
  endDate: 'endDate',
  applicationDeadline: 'applicationDeadline',
  capacity: 'capacity',
  priceSek: 'priceSek',
  link: 'link',
  'eligibility.maxEmployees': 'maxEmployees',
  'eligibility.maxCompanyAgeYears': 'maxCompanyAgeYears',
  'eligibility.sniPrefixes': 'eligibleSniPrefixes',
  'eligibility.municipalityCodes': 'eligibleMunicipalityCodes',
  projectId: 'projectId',
  industries: 'industries',
  funding: 'fundingKind',
  'funding.description': 'fundingDescription',
  'funding.funderId': 'funderId',
};

/** The form field a graph error's path concerns: `input.needs.2` is the needs, `title.sv` (on publishing) the title. */
function fieldOfPath<F extends string>(paths: Record<string, F>, path: string): F | undefined {
  const parts = path.replace(/^input\./, '').split('.');
  for (let length = parts.length; length > 0; length -= 1) {
    const field = paths[parts.slice(0, length).join('.')];
    if (field) return field;
  }
  return undefined;
}

/**
 * The graph's refusals beside the form's fields, in the person's language, and whether one concerns no field of the
 * form (the form then shows the problem with a retry).
 */
export function fieldErrors<F extends string>(paths: Record<string, F>, error: unknown, language: string): { errors: FieldErrors<F>; unplaced: boolean } {
  return placeRefusals(error, (path) => fieldOfPath(paths, path), language);
}

export const offeringFieldErrors = (error: unknown, language: string) => fieldErrors(OFFERING_PATHS, error, language);

/** What the form checks itself before asking the graph, as keys of `ownOfferings.fieldErrors`. */
type FormErrorKey = 'required' | 'wholeNumber' | 'dateTime' | 'jobs' | 'choose';

/** The form's own errors (keys of `ownOfferings.fieldErrors`) in the person's language. */
export function localErrors<F extends string>(errors: FieldErrors<F>, t: TFunction): FieldErrors<F> {
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, t(`ownOfferings.fieldErrors.${key as FormErrorKey}`)])) as FieldErrors<F>;
}

/** What the provider may do with an offering in each status: the lifecycle runs draft → published → closed → archived. */
export interface StatusActions {
  edit: boolean;
  publish: boolean;
  close: boolean;
  archive: boolean;
}

export function actionsFor(status: OfferingStatus): StatusActions {
  return {
    // closed and archived offerings are history, edited no more (sessions included)
    edit: status === 'DRAFT' || status === 'PUBLISHED',
    publish: status === 'DRAFT',
    close: status === 'PUBLISHED',
    archive: status === 'CLOSED',
  };
}

// ---- Sessions ----

export interface SessionForm {
  title: string;
  startsAt: string;
  endsAt: string;
  place: string;
  link: string;
}

export type SessionField = keyof SessionForm;

export const EMPTY_SESSION_FORM: SessionForm = { title: '', startsAt: '', endsAt: '', place: '', link: '' };

export const SESSION_PATHS: Record<string, SessionField> = { title: 'title', startsAt: 'startsAt', endsAt: 'endsAt', place: 'place', link: 'link' };

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** How far Swedish time is ahead of UTC at a moment, in milliseconds (one or two hours). */
function stockholmOffset(moment: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(moment))
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!) - moment;
}

/** A time typed in a datetime-local field, which means Swedish time where the sessions are held, as UTC ISO-8601. */
export function stockholmTimeToUtc(local: string): string | null {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const asIfUtc = Date.UTC(year, month - 1, day, hour, minute);
  // the offset at the guessed moment, corrected once for a time near the change to or from summer time
  const first = asIfUtc - stockholmOffset(asIfUtc);
  return new Date(asIfUtc - stockholmOffset(first)).toISOString();
}

export function sessionInput(form: SessionForm): { input: SessionInput; errors: FieldErrors<SessionField> } {
  const errors: FieldErrors<SessionField> = {};
  const startsAt = stockholmTimeToUtc(form.startsAt);
  const endsAt = stockholmTimeToUtc(form.endsAt);
  if (!startsAt) errors.startsAt = 'dateTime';
  if (!endsAt) errors.endsAt = 'dateTime';
  return {
    errors,
    input: { title: form.title, startsAt: startsAt ?? '', endsAt: endsAt ?? '', place: orNull(form.place), link: orNull(form.link) },
  };
}

// ---- Outcomes ----

export interface OutcomeForm {
  kind: string;
  goals: string;
  investmentSek: string;
  jobs: string;
  jobsBasis: string;
  turnoverBand: string;
  /** The started company's organisation id, '' for none named. */
  newCompanyId: string;
}

export type OutcomeField = keyof OutcomeForm;

export const EMPTY_OUTCOME_FORM: OutcomeForm = { kind: '', goals: '', investmentSek: '', jobs: '', jobsBasis: '', turnoverBand: '', newCompanyId: '' };

export const OUTCOME_PATHS: Record<string, OutcomeField> = {
  kind: 'kind',
  goals: 'goals',
  investmentSek: 'investmentSek',
  jobs: 'jobs',
  jobsBasis: 'jobsBasis',
  turnoverBand: 'turnoverBand',
  newCompanyId: 'newCompanyId',
};

/** The fields each kind of outcome has; the graph refuses a field of another kind. */
export const OUTCOME_FIELDS: Record<OutcomeKind, readonly OutcomeField[]> = {
  GOALS_SET: ['goals'],
  INVESTMENT_MADE: ['investmentSek'],
  JOBS_CREATED: ['jobs', 'jobsBasis'],
  COMPANY_STARTED: ['newCompanyId'],
  TURNOVER_BAND: ['turnoverBand'],
};

/** Full-time equivalents as Swedes write them: 1,5 or 1.5. */
function decimal(text: string): number | null {
  const compact = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (compact === '') return null;
  return /^\d+(\.\d+)?$/.test(compact) ? Number(compact) : Number.NaN;
}

export function outcomeInput(form: OutcomeForm): { input: OutcomeInput; errors: FieldErrors<OutcomeField> } {
  const errors: FieldErrors<OutcomeField> = {};
  if (form.kind === '') return { input: { kind: 'GOALS_SET' }, errors: { kind: 'choose' } };
  const kind = form.kind as OutcomeKind;
  const input: OutcomeInput = { kind };
  if (kind === 'GOALS_SET') input.goals = form.goals;
  if (kind === 'INVESTMENT_MADE') {
    const amount = wholeNumber(form.investmentSek);
    if (Number.isNaN(amount)) errors.investmentSek = 'wholeNumber';
    else input.investmentSek = amount;
  }
  if (kind === 'JOBS_CREATED') {
    const jobs = decimal(form.jobs);
    if (Number.isNaN(jobs)) errors.jobs = 'jobs';
    else input.jobs = jobs;
    input.jobsBasis = form.jobsBasis === '' ? null : (form.jobsBasis as JobBasis);
  }
  if (kind === 'COMPANY_STARTED') input.newCompanyId = form.newCompanyId === '' ? null : form.newCompanyId;
  if (kind === 'TURNOVER_BAND') input.turnoverBand = form.turnoverBand === '' ? null : (form.turnoverBand as TurnoverBand);
  return { input, errors };
}
