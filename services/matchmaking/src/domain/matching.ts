/**
 * Matching, pure: which offerings suit a company (and why the relevant others do not), which companies it could do
 * business with, and which advisers know its needs. Scores are weighted sums of named components, each of which
 * yields a human-readable reason, so an adviser can see why a match was made and disagree with it.
 */
import { NEEDS, TARGET_GROUPS, type Need, type OfferingKind, type OfferingStatus, type TargetGroup } from '@hub/shared/contracts';
import { ValidationError } from '@hub/shared/errors';
import { foldText } from '@hub/shared/search';
import type { AdviserProfile, CompanyProfile, LocalisedText, NeedPriority, OfferingFacts } from './model';

export interface MatchReason {
  code: string;
  /** In English, as the graph gave it before it gave `texts`. */
  text: string;
  texts: LocalisedText;
}

function reason(code: string, texts: LocalisedText): MatchReason {
  return { code, text: texts.en, texts };
}

export interface OfferingMatch {
  offeringId: string;
  /** 0..1, three decimals */
  score: number;
  reasons: MatchReason[];
}

export const EXCLUSION_REASONS = ['NOT_PUBLISHED', 'CLOSED', 'DEADLINE_PASSED', 'FULL', 'NOT_ELIGIBLE', 'OUTSIDE_AREA', 'NO_SHARED_NEED'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface ExcludedOffering {
  offeringId: string;
  reason: ExclusionReason;
  /** In English, as the graph gave it before it gave `texts`. */
  text: string;
  texts: LocalisedText;
}

export interface OfferingMatchResult {
  matches: OfferingMatch[];
  /** The offerings that address a need of the company (any, when it has none) but cannot be had; by id. */
  excluded: ExcludedOffering[];
}

export interface CompanyMatch {
  companyId: string;
  score: number;
  reasons: MatchReason[];
}

export interface AdviserMatch {
  organisationId: string;
  contactId: string;
  score: number;
  reasons: MatchReason[];
}

export interface MatchOptions {
  /** How many matches at most; 10 unless given. */
  limit?: number;
}

export const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 1_000;

// ─── reference data ─────────────────────────────────────────────────────────────────────────────────────────

const MUNICIPALITY_NAMES: Readonly<Record<string, string>> = {
  '2506': 'Arjeplog', '2505': 'Arvidsjaur', '2425': 'Dorotea', '2481': 'Lycksele', '2418': 'Malå',
  '2417': 'Norsjö', '2422': 'Sorsele', '2421': 'Storuman', '2462': 'Vilhelmina', '2463': 'Åsele',
  '2584': 'Kiruna', '2523': 'Gällivare', '2510': 'Jokkmokk', '2521': 'Pajala', '2518': 'Övertorneå',
  '2513': 'Överkalix', '2480': 'Umeå', '2580': 'Luleå', '0180': 'Stockholm',
};

/** The name for reasons; an unknown code is shown as it is, since the hub must not assume a fixed list of places. */
export function municipalityName(code: string): string {
  return MUNICIPALITY_NAMES[code] ?? code;
}

type Language = keyof LocalisedText;

/** The needs as the web client names them in Swedish, in lower case to stand inside a sentence. */
const NEED_LABELS: Readonly<Record<Need, LocalisedText>> = {
  export: { sv: 'export', en: 'export' },
  'industry-cooperation': { sv: 'samverkan med näringsliv', en: 'industry cooperation' },
  recruitment: { sv: 'rekrytering', en: 'recruitment' },
  'business-planning': { sv: 'affärsplanering', en: 'business planning' },
  budgeting: { sv: 'budgetering', en: 'budgeting' },
  'analysing-surroundings': { sv: 'omvärldsanalys', en: 'analysing the surroundings' },
  suppliers: { sv: 'att hitta leverantörer', en: 'finding suppliers' },
  digitalisation: { sv: 'digitalisering', en: 'digitalisation' },
  financing: { sv: 'finansiering', en: 'financing' },
  sustainability: { sv: 'hållbarhet', en: 'sustainability' },
  innovation: { sv: 'innovation', en: 'innovation' },
  'start-up': { sv: 'nyföretagande', en: 'starting up' },
  'gender-equality': { sv: 'jämställdhet', en: 'gender equality' },
  competence: { sv: 'kompetensutveckling', en: 'competence' },
};

const GROUP_LABELS: Readonly<Record<TargetGroup, LocalisedText>> = {
  'new-entrepreneurs': { sv: 'nya företagare', en: 'new entrepreneurs' },
  'established-companies': { sv: 'etablerade företag', en: 'established companies' },
  'micro-companies': { sv: 'mikroföretag', en: 'micro companies' },
  women: { sv: 'kvinnor som driver företag', en: 'women entrepreneurs' },
  'young-people': { sv: 'unga företagare', en: 'young entrepreneurs' },
  'foreign-born': { sv: 'utrikes födda företagare', en: 'foreign-born entrepreneurs' },
};

const KIND_LABELS: Readonly<Record<OfferingKind, LocalisedText>> = {
  'development-programme': { sv: 'ett utvecklingsprogram', en: 'a development programme' },
  coaching: { sv: 'coachning', en: 'coaching' },
  'consulting-support': { sv: 'konsultstöd', en: 'consultant support' },
  'workshop-or-seminar': { sv: 'en workshop eller ett seminarium', en: 'a workshop or seminar' },
  course: { sv: 'en kurs', en: 'a course' },
  'network-or-fair': { sv: 'ett nätverk eller en mässa', en: 'a network or fair' },
  'matchmaking-event': { sv: 'ett matchmakingevent', en: 'a matchmaking event' },
  'start-up-advice': { sv: 'nyföretagarrådgivning', en: 'start-up advice' },
  'innovation-advice': { sv: 'innovationsrådgivning', en: 'innovation advice' },
  'funding-call': { sv: 'en utlysning', en: 'a funding call' },
  loan: { sv: 'ett lån', en: 'a loan' },
  grant: { sv: 'ett bidrag', en: 'a grant' },
};

/** How a closed offering's status reads in a reason. */
const CLOSED_STATUS_LABELS: Readonly<Record<OfferingStatus, LocalisedText>> = {
  draft: { sv: 'utkast', en: 'draft' },
  published: { sv: 'publicerat', en: 'published' },
  closed: { sv: 'stängt', en: 'closed' },
  archived: { sv: 'arkiverat', en: 'archived' },
};

/**
 * The forms of support that serve a need best, from the texts: money for financing, meetings and fairs for new
 * markets, partners and suppliers, advice for starting up and innovating, courses and workshops for skills.
 */
const SUITED_KINDS: Readonly<Record<Need, readonly OfferingKind[]>> = {
  export: ['network-or-fair', 'matchmaking-event'],
  'industry-cooperation': ['network-or-fair', 'matchmaking-event'],
  suppliers: ['network-or-fair', 'matchmaking-event'],
  recruitment: ['matchmaking-event', 'consulting-support'],
  'business-planning': ['coaching', 'development-programme', 'consulting-support'],
  budgeting: ['coaching', 'workshop-or-seminar', 'course'],
  'analysing-surroundings': ['consulting-support', 'workshop-or-seminar', 'network-or-fair'],
  digitalisation: ['course', 'workshop-or-seminar', 'consulting-support'],
  financing: ['loan', 'grant', 'funding-call'],
  sustainability: ['workshop-or-seminar', 'consulting-support'],
  innovation: ['innovation-advice', 'funding-call'],
  'start-up': ['start-up-advice'],
  'gender-equality': ['workshop-or-seminar', 'development-programme'],
  competence: ['course', 'workshop-or-seminar'],
};

/**
 * SNI 2007 divisions named in reasons; others are shown by number. Short everyday names: the Swedish ones are
 * shortened from SCB's division titles (https://sni2007.scb.se/, "Aktivitetsrubrik" per huvudgrupp).
 */
const DIVISION_NAMES: Readonly<Record<string, LocalisedText>> = {
  '01': { sv: 'jordbruk', en: 'agriculture' },
  '02': { sv: 'skogsbruk', en: 'forestry' },
  '10': { sv: 'livsmedelsframställning', en: 'food production' },
  '11': { sv: 'framställning av drycker', en: 'beverages' },
  '16': { sv: 'trävarutillverkning', en: 'wood products' },
  '25': { sv: 'metallvarutillverkning', en: 'metal products' },
  '41': { sv: 'byggande av hus', en: 'construction' },
  '42': { sv: 'anläggningsarbeten', en: 'civil engineering' },
  '43': { sv: 'specialiserad bygg- och anläggningsverksamhet', en: 'specialised construction' },
  '45': { sv: 'handel med och reparation av motorfordon', en: 'motor vehicle trade and repair' },
  '47': { sv: 'detaljhandel', en: 'retail' },
  '49': { sv: 'landtransport', en: 'land transport' },
  '55': { sv: 'hotell och logi', en: 'accommodation' },
  '56': { sv: 'restaurang, catering och bar', en: 'food and beverage service' },
  '62': { sv: 'IT-konsulter och programmering', en: 'IT services' },
  '63': { sv: 'informationstjänster', en: 'data processing' },
  '68': { sv: 'fastighetsverksamhet', en: 'real estate' },
  '69': { sv: 'redovisning och juridik', en: 'accounting' },
  '71': { sv: 'arkitekt- och teknisk konsultverksamhet', en: 'architecture and engineering' },
  '74': { sv: 'design', en: 'design' },
  '79': { sv: 'resebyråer och researrangörer', en: 'travel and tours' },
  '81': { sv: 'fastighetsservice och lokalvård', en: 'cleaning' },
  '86': { sv: 'hälso- och sjukvård', en: 'health care' },
  '93': { sv: 'sport, fritid och nöjen', en: 'sport and recreation' },
  '96': { sv: 'andra konsumenttjänster', en: 'personal services' },
};

function divisionLabel(division: string): LocalisedText {
  const name = DIVISION_NAMES[division];
  return name ? { sv: `${name.sv} (SNI ${division})`, en: `${name.en} (SNI ${division})` } : { sv: `SNI ${division}`, en: `SNI ${division}` };
}

/**
 * Divisions whose companies buy from or sell with each other: tourism with retail, transport and local food;
 * building with wood, architecture and real estate; forestry with wood. IT goes with every company that needs
 * digitalisation, which is a need rather than an industry, so it is handled apart.
 */
const COMPLEMENTARY_GROUPS: ReadonlyArray<readonly [readonly string[], readonly string[]]> = [
  [['55', '56', '79', '93'], ['47', '49', '10', '11', '96']],
  [['55', '56'], ['01', '10', '11']],
  [['41', '42', '43'], ['16', '71', '68']],
  [['02'], ['16']],
  [['25'], ['28', '33', '43']],
];
const COMPLEMENTS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const map = new Map<string, Set<string>>();
  const link = (a: string, b: string): void => {
    if (a === b) return;
    map.set(a, (map.get(a) ?? new Set()).add(b));
  };
  for (const [left, right] of COMPLEMENTARY_GROUPS) {
    for (const a of left) {
      for (const b of right) {
        link(a, b);
        link(b, a);
      }
    }
  }
  return map;
})();
const IT_DIVISIONS: ReadonlySet<string> = new Set(['62', '63']);

// ─── weights ────────────────────────────────────────────────────────────────────────────────────────────────

/** What a needs analysis's priority is worth: the most pressing need counts most, the third still clearly. */
const PRIORITY_WEIGHT: Readonly<Record<NeedPriority, number>> = { 1: 1, 2: 0.7, 3: 0.45 };

/**
 * Company to offering, components summing to at most 1. Addressing the company's needs dominates (an offering
 * for the priority-1 need outranks anything that only fits the company's profile). Next, whether it is meant
 * for companies like this one: its target groups, and its industries (made for the company's industry beats
 * open to every industry beats made for another one), and whether the company can take part without long
 * travel (its own municipality over the whole region over digital from elsewhere). Whether the offering's form
 * suits the need (a loan for financing) refines the order, and a close deadline or start lifts what must be
 * acted on now without overturning relevance.
 */
const OFFERING_WEIGHTS = {
  needs: 0.45,
  suitedKind: 0.12,
  targetGroup: 0.15,
  industry: 0.1,
  anyIndustry: 0.05,
  servesMunicipality: 0.12,
  wholeRegion: 0.08,
  digitalElsewhere: 0.05,
  deadlineSoon: 0.06,
  startsSoon: 0.04,
} as const;
/** The most an offering can score besides its needs: what bounds the score of an offering of a given need. */
const OFFERING_MAX_BESIDES_NEEDS =
  OFFERING_WEIGHTS.suitedKind +
  OFFERING_WEIGHTS.targetGroup +
  Math.max(OFFERING_WEIGHTS.industry, OFFERING_WEIGHTS.anyIndustry) +
  Math.max(OFFERING_WEIGHTS.servesMunicipality, OFFERING_WEIGHTS.wholeRegion, OFFERING_WEIGHTS.digitalElsewhere) +
  Math.max(OFFERING_WEIGHTS.deadlineSoon, OFFERING_WEIGHTS.startsSoon);
const DEADLINE_SOON_DAYS = 14;
const STARTS_SOON_DAYS = 30;
/** A company founded fewer years ago than this is a new entrepreneur. */
const NEW_COMPANY_YEARS = 3;

/**
 * Company to company, at most 1. Trade is what partner meetings are for, so what one offers and the other seeks
 * weighs most, in each direction; then industries that complement each other (or the same industry when the
 * company wants cooperation within it), needs both work on, and a mild bonus for another municipality when the
 * company looks for new markets or suppliers, "new business in other places".
 */
const COMPANY_WEIGHTS = {
  firstTag: 0.25,
  furtherTag: 0.05,
  tagDirectionMax: 0.3,
  industry: 0.15,
  firstSharedNeed: 0.1,
  furtherSharedNeed: 0.05,
  otherMunicipality: 0.1,
} as const;
/** Needs two companies can work on together: joint export, partners in the industry, shared suppliers and recruiting. */
const COOPERATIVE_NEEDS: readonly Need[] = ['export', 'industry-cooperation', 'suppliers', 'recruitment'];
/** The needs for which another municipality is the point: new markets and new suppliers. */
const ELSEWHERE_NEEDS: readonly Need[] = ['export', 'suppliers'];

/** Company to adviser: knowing the needs (weighted as for offerings) dominates; a local adviser is met more easily. */
const ADVISER_WEIGHTS = { expertise: 0.85, sameMunicipality: 0.15 } as const;

// ─── shared helpers ─────────────────────────────────────────────────────────────────────────────────────────

const NEED_INDEX: ReadonlyMap<Need, number> = new Map(NEEDS.map((need, index) => [need, index]));
const GROUP_BIT: ReadonlyMap<TargetGroup, number> = new Map(TARGET_GROUPS.map((group, index) => [group, 1 << index]));
const KIND_NEED_MASK: ReadonlyMap<OfferingKind, number> = (() => {
  const map = new Map<OfferingKind, number>();
  for (const need of NEEDS) for (const kind of SUITED_KINDS[need]) map.set(kind, (map.get(kind) ?? 0) | (1 << NEED_INDEX.get(need)!));
  return map;
})();

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date; NaN for null, so comparisons with it are false. */
function dayNumber(date: string | null): number {
  if (date === null) return NaN;
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function validDate(value: string, field: string): string {
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new ValidationError({ en: 'Expected a date YYYY-MM-DD', sv: 'Ange ett datum ÅÅÅÅ-MM-DD' }, field);
  }
  return value;
}

function validLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new ValidationError({ en: `A limit is a whole number from 1 to ${MAX_LIMIT}`, sv: `En gräns är ett heltal från 1 till ${MAX_LIMIT}` }, 'limit');
  return limit;
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** "a", "a and b", "a, b and c"; in Swedish "a, b och c" (no comma before och). */
function listText(items: readonly string[], lang: Language): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'sv' ? 'och' : 'and'} ${items.at(-1)!}`;
}

/** "deadline in 5 days", "sista ansökningsdag om 5 dagar"; today and tomorrow in words. */
function inDays(what: LocalisedText, days: number): LocalisedText {
  if (days === 0) return { sv: `${what.sv} i dag`, en: `${what.en} today` };
  if (days === 1) return { sv: `${what.sv} i morgon`, en: `${what.en} tomorrow` };
  return { sv: `${what.sv} om ${days} dagar`, en: `${what.en} in ${days} days` };
}

function bitCount(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}

/** Best priority weight plus a share for the rest: the most pressing need addressed decides, more needs refine. */
function needScore(best: number, sum: number, total: number): number {
  return total === 0 ? 0 : 0.8 * best + 0.2 * (sum / total);
}

// ─── the company as matching sees it ────────────────────────────────────────────────────────────────────────

interface CompanyContext {
  company: CompanyProfile;
  todayDay: number;
  /** -Infinity when unknown, so that no eligibility limit excludes on it. */
  employees: number;
  /** Years since founding, by calendar year; -Infinity when unknown. */
  knownAge: number;
  needMask: number;
  /** Priority weight by need index, 0 for needs the company did not record. */
  weights: Float64Array;
  priorities: Array<NeedPriority | undefined>;
  /** The company's need indexes, most pressing first. */
  needOrder: number[];
  totalWeight: number;
  groupMask: number;
  /** Two-digit SNI divisions of the company's codes. */
  divisions: string[];
}

/**
 * The target groups a company belongs to: micro with fewer than 10 employees, new when founded fewer than three
 * years ago (or not founded yet: no founding year and no employees), established from three years on, plus the
 * owner groups it declared. Unknown facts add no group.
 */
export function companyTargetGroups(company: CompanyProfile, today: string): TargetGroup[] {
  return [...companyGroupSet(company, Number(validDate(today, 'today').slice(0, 4)))];
}

function companyGroupSet(company: CompanyProfile, year: number): Set<TargetGroup> {
  const groups = new Set<TargetGroup>();
  if (company.employees !== null && company.employees < 10) groups.add('micro-companies');
  if (company.foundedYear === null) {
    if (company.employees === null || company.employees === 0) groups.add('new-entrepreneurs');
  } else if (year - company.foundedYear < NEW_COMPANY_YEARS) {
    groups.add('new-entrepreneurs');
  } else {
    groups.add('established-companies');
  }
  for (const group of company.ownerGroups) groups.add(group);
  return groups;
}

function companyContext(company: CompanyProfile, today: string): CompanyContext {
  validDate(today, 'today');
  const year = Number(today.slice(0, 4));
  const weights = new Float64Array(NEEDS.length);
  const priorities: Array<NeedPriority | undefined> = NEEDS.map(() => undefined);
  for (const { need, priority } of company.needs) {
    const index = NEED_INDEX.get(need);
    if (index === undefined) continue;
    const known = priorities[index];
    // a need recorded twice counts at its most pressing priority
    if (known === undefined || priority < known) {
      priorities[index] = priority;
      weights[index] = PRIORITY_WEIGHT[priority];
    }
  }
  const needOrder = NEEDS.map((_, index) => index)
    .filter((index) => priorities[index] !== undefined)
    .sort((a, b) => priorities[a]! - priorities[b]! || a - b);
  let groupMask = 0;
  for (const group of companyGroupSet(company, year)) groupMask |= GROUP_BIT.get(group) ?? 0;
  return {
    company,
    todayDay: dayNumber(today),
    employees: company.employees ?? -Infinity,
    knownAge: company.foundedYear === null ? -Infinity : year - company.foundedYear,
    needMask: needOrder.reduce((mask, index) => mask | (1 << index), 0),
    weights,
    priorities,
    needOrder,
    totalWeight: needOrder.reduce((sum, index) => sum + weights[index]!, 0),
    groupMask,
    divisions: [...new Set(company.sniCodes.map((code) => code.slice(0, 2)))],
  };
}

// ─── offerings ──────────────────────────────────────────────────────────────────────────────────────────────

/**
 * An offering's facts turned into what matching compares, once per offering rather than once per company, and
 * flat: the ranking pass reads only these fields, never the facts, which keeps it to one object per offering.
 */
interface PreparedOffering {
  facts: OfferingFacts;
  id: string;
  /** What the status alone excludes it for. */
  statusExclusion: 'NOT_PUBLISHED' | 'CLOSED' | null;
  full: boolean;
  /** Eligibility limits, Infinity for none. */
  maxEmployees: number;
  maxAge: number;
  eligibleSniPrefixes: readonly string[];
  eligibleMunicipalities: readonly string[];
  needMask: number;
  needIndexes: number[];
  groupMask: number;
  groupCount: number;
  /** The needs this offering's kind serves best. */
  kindNeedMask: number;
  divisions: string[];
  municipalities: ReadonlySet<string>;
  wholeRegion: boolean;
  digital: boolean;
  /** Published with seats left: the only offerings that can match at all. */
  open: boolean;
  deadlineDay: number;
  /** For ranking: an offering without a deadline comes after those with one. */
  deadlineKey: number;
  startDay: number;
  endDay: number;
}

function prepare(facts: OfferingFacts): PreparedOffering {
  const needIndexes = [...new Set(facts.needs.map((need) => NEED_INDEX.get(need)).filter((index) => index !== undefined))];
  const deadlineDay = dayNumber(facts.applicationDeadline);
  const groupMask = facts.targetGroups.reduce((mask, group) => mask | (GROUP_BIT.get(group) ?? 0), 0);
  const full = isFull(facts);
  const { eligibility } = facts;
  return {
    facts,
    id: facts.id,
    statusExclusion: facts.status === 'draft' ? 'NOT_PUBLISHED' : facts.status === 'published' ? null : 'CLOSED',
    full,
    maxEmployees: eligibility.maxEmployees ?? Infinity,
    maxAge: eligibility.maxCompanyAgeYears ?? Infinity,
    eligibleSniPrefixes: eligibility.sniPrefixes,
    eligibleMunicipalities: eligibility.municipalityCodes,
    needMask: needIndexes.reduce((mask, index) => mask | (1 << index), 0),
    needIndexes,
    groupMask,
    groupCount: bitCount(groupMask),
    kindNeedMask: KIND_NEED_MASK.get(facts.kind) ?? 0,
    divisions: [...new Set(facts.sniCodes.map((code) => code.slice(0, 2)))],
    municipalities: new Set(facts.municipalityCodes),
    wholeRegion: facts.municipalityCodes.length === 0,
    digital: facts.format === 'digital',
    open: facts.status === 'published' && !full,
    deadlineDay,
    deadlineKey: Number.isNaN(deadlineDay) ? Infinity : deadlineDay,
    startDay: dayNumber(facts.startDate),
    endDay: dayNumber(facts.endDate),
  };
}

function isFull(facts: OfferingFacts): boolean {
  return facts.capacity !== null && facts.enrolled >= facts.capacity;
}

type EligibilityRule = 'maxEmployees' | 'maxCompanyAgeYears' | 'sniPrefixes' | 'municipalityCodes';

/** The first eligibility rule the company fails; facts the register lacks fail none. */
function failedEligibility(ctx: CompanyContext, p: PreparedOffering): EligibilityRule | null {
  const { company } = ctx;
  // unknown employees and age are -Infinity: above no limit
  if (ctx.employees > p.maxEmployees) return 'maxEmployees';
  if (ctx.knownAge > p.maxAge) return 'maxCompanyAgeYears';
  const prefixes = p.eligibleSniPrefixes;
  if (prefixes.length > 0 && company.sniCodes.length > 0 && !company.sniCodes.some((code) => prefixes.some((prefix) => code.startsWith(prefix)))) {
    return 'sniPrefixes';
  }
  if (p.eligibleMunicipalities.length > 0 && !p.eligibleMunicipalities.includes(company.municipalityCode)) return 'municipalityCodes';
  return null;
}

/** Why the company cannot have the offering, in the order a person would check; null when it can. */
function exclusion(ctx: CompanyContext, p: PreparedOffering): ExclusionReason | null {
  if (p.statusExclusion !== null) return p.statusExclusion;
  // an offering whose period is over is as closed as one its provider closed
  if (p.endDay < ctx.todayDay) return 'CLOSED';
  if (p.deadlineDay < ctx.todayDay) return 'DEADLINE_PASSED';
  if (p.full) return 'FULL';
  if (failedEligibility(ctx, p) !== null) return 'NOT_ELIGIBLE';
  if (!p.wholeRegion && !p.digital && !p.municipalities.has(ctx.company.municipalityCode)) return 'OUTSIDE_AREA';
  if (ctx.needMask !== 0 && (p.needMask & ctx.needMask) === 0) return 'NO_SHARED_NEED';
  return null;
}

function excluded(ctx: CompanyContext, p: PreparedOffering, reason: ExclusionReason): ExcludedOffering {
  const texts = exclusionTexts(ctx, p, reason);
  return { offeringId: p.id, reason, text: texts.en, texts };
}

function exclusionTexts(ctx: CompanyContext, p: PreparedOffering, reason: ExclusionReason): LocalisedText {
  const { facts } = p;
  switch (reason) {
    case 'NOT_PUBLISHED':
      return { sv: 'inte publicerat än (utkast)', en: 'not published yet (draft)' };
    case 'CLOSED':
      return facts.status === 'published'
        ? { sv: `avslutades ${facts.endDate ?? ''}`, en: `ended on ${facts.endDate ?? ''}` }
        : CLOSED_STATUS_LABELS[facts.status];
    case 'DEADLINE_PASSED':
      return { sv: `sista ansökningsdagen ${facts.applicationDeadline ?? ''} har passerat`, en: `the application deadline ${facts.applicationDeadline ?? ''} has passed` };
    case 'FULL':
      return { sv: `fullt: ${facts.enrolled} av ${facts.capacity ?? 0} platser tagna`, en: `full: ${facts.enrolled} of ${facts.capacity ?? 0} seats taken` };
    case 'NOT_ELIGIBLE': {
      const rule = eligibilityTexts(facts, failedEligibility(ctx, p));
      return { sv: `uppfyller inte villkoren: ${rule.sv}`, en: `not eligible: ${rule.en}` };
    }
    case 'OUTSIDE_AREA': {
      const places = facts.municipalityCodes.map(municipalityName);
      return { sv: `utanför området: erbjuds bara i ${listText(places, 'sv')}`, en: `outside the area: serves only ${listText(places, 'en')}` };
    }
    case 'NO_SHARED_NEED':
      return { sv: 'svarar inte mot något av företagets behov', en: 'addresses none of the company\'s needs' };
  }
}

function eligibilityTexts(facts: OfferingFacts, rule: EligibilityRule | null): LocalisedText {
  const { eligibility } = facts;
  switch (rule) {
    case 'maxEmployees':
      return { sv: `för företag med högst ${eligibility.maxEmployees ?? 0} anställda`, en: `for companies with at most ${eligibility.maxEmployees ?? 0} employees` };
    case 'maxCompanyAgeYears':
      return { sv: `för företag som är högst ${eligibility.maxCompanyAgeYears ?? 0} år gamla`, en: `for companies at most ${eligibility.maxCompanyAgeYears ?? 0} years old` };
    case 'sniPrefixes': {
      const industries = eligibility.sniPrefixes.map((prefix) => `SNI ${prefix}`);
      return { sv: `för branscherna ${listText(industries, 'sv')}`, en: `for industries ${listText(industries, 'en')}` };
    }
    case 'municipalityCodes': {
      const places = eligibility.municipalityCodes.map(municipalityName);
      return { sv: `för företag i ${listText(places, 'sv')}`, en: `for companies in ${listText(places, 'en')}` };
    }
    case null:
      return { sv: 'uppfyller villkoren', en: 'eligible' };
  }
}

/**
 * The score of an offering the company can have, and its reasons when `reasons` is given. One function for
 * both so the ranking and its explanation cannot drift apart; the ranking pass allocates nothing.
 */
function scoreOffering(ctx: CompanyContext, p: PreparedOffering, reasons: MatchReason[] | null): number {
  const w = OFFERING_WEIGHTS;
  let total = 0;

  let best = 0;
  let sum = 0;
  for (let shared = p.needMask & ctx.needMask; shared !== 0; shared &= shared - 1) {
    const weight = ctx.weights[31 - Math.clz32(shared & -shared)]!;
    sum += weight;
    if (weight > best) best = weight;
  }
  total += w.needs * needScore(best, sum, ctx.totalWeight);
  if (reasons && best > 0) {
    for (const index of ctx.needOrder) {
      if ((p.needMask & (1 << index)) !== 0) {
        const need = NEED_LABELS[NEEDS[index]!];
        const priority = ctx.priorities[index]!;
        reasons.push(reason('ADDRESSES_NEED', { sv: `svarar mot behovet av ${need.sv} (prioritet ${priority})`, en: `addresses ${need.en} (priority ${priority})` }));
      }
    }
  }

  const suited = p.kindNeedMask & p.needMask & ctx.needMask;
  if (suited !== 0) {
    let suitedBest = 0;
    let suitedIndex = 0;
    for (const index of ctx.needOrder) {
      if ((suited & (1 << index)) !== 0 && ctx.weights[index]! > suitedBest) {
        suitedBest = ctx.weights[index]!;
        suitedIndex = index;
      }
    }
    total += w.suitedKind * suitedBest;
    if (reasons) {
      const kind = KIND_LABELS[p.facts.kind];
      const need = NEED_LABELS[NEEDS[suitedIndex]!];
      reasons.push(reason('SUITED_KIND', { sv: `${kind.sv} passar för ${need.sv}`, en: `${kind.en}, suited to ${need.en}` }));
    }
  }

  const groups = p.groupMask & ctx.groupMask;
  if (groups !== 0) {
    // half for belonging to the audience at all, half for how much of it: an offering for new entrepreneurs fits
    // a new entrepreneur better than one for foreign-born new entrepreneurs does, when the owner is not foreign-born
    total += w.targetGroup * (0.5 + (0.5 * bitCount(groups)) / p.groupCount);
    if (reasons) {
      const labels = TARGET_GROUPS.filter((group) => (groups & GROUP_BIT.get(group)!) !== 0).map((group) => GROUP_LABELS[group]);
      reasons.push(reason('TARGET_GROUP', { sv: `för ${listText(labels.map((l) => l.sv), 'sv')}`, en: `for ${listText(labels.map((l) => l.en), 'en')}` }));
    }
  }

  if (p.divisions.length === 0) {
    total += w.anyIndustry;
    reasons?.push(reason('INDUSTRY', { sv: 'öppet för alla branscher', en: 'open to every industry' }));
  } else {
    const division = industryFit(ctx.divisions, p.divisions);
    if (division !== null) {
      total += w.industry;
      if (reasons) {
        const industry = divisionLabel(division);
        reasons.push(reason('INDUSTRY', { sv: `för ${industry.sv}`, en: `for ${industry.en}` }));
      }
    }
  }

  const place = ctx.company.municipalityCode;
  if (!p.wholeRegion && p.municipalities.has(place)) {
    total += w.servesMunicipality;
    reasons?.push(reason('SERVES_MUNICIPALITY', { sv: `erbjuds i ${municipalityName(place)}`, en: `serves ${municipalityName(place)}` }));
  } else if (p.wholeRegion) {
    total += w.wholeRegion;
    reasons?.push(reason('WHOLE_REGION', { sv: 'öppet för hela regionen', en: 'open to the whole region' }));
  } else if (p.digital) {
    total += w.digitalElsewhere;
    reasons?.push(reason('DIGITAL', { sv: `digitalt, öppet för företag i ${municipalityName(place)}`, en: `digital, open to companies in ${municipalityName(place)}` }));
  }

  const deadlineIn = p.deadlineDay - ctx.todayDay;
  const startsIn = p.startDay - ctx.todayDay;
  if (deadlineIn >= 0 && deadlineIn <= DEADLINE_SOON_DAYS) {
    total += w.deadlineSoon;
    reasons?.push(reason('DEADLINE_SOON', inDays({ sv: 'sista ansökningsdag', en: 'deadline' }, deadlineIn)));
  } else if (startsIn >= 0 && startsIn <= STARTS_SOON_DAYS) {
    total += w.startsSoon;
    reasons?.push(reason('STARTS_SOON', inDays({ sv: 'startar', en: 'starts' }, startsIn)));
  }

  return round3(total);
}

/** The company's division among the offering's industries, or null (also when the company's industry is unknown). */
function industryFit(companyDivisions: readonly string[], offeringDivisions: readonly string[]): string | null {
  for (const division of offeringDivisions) {
    for (const own of companyDivisions) if (own === division) return division;
  }
  return null;
}

/** Ranking order: higher score, then the earlier deadline (act on it first), then id for a stable order. */
function ranksBefore(scoreA: number, a: PreparedOffering, scoreB: number, b: PreparedOffering): boolean {
  if (scoreA !== scoreB) return scoreA > scoreB;
  if (a.deadlineKey !== b.deadlineKey) return a.deadlineKey < b.deadlineKey;
  return a.id < b.id;
}

/**
 * The best `limit` seen so far, in a binary heap whose root is the weakest kept: O(log limit) per better offering,
 * one comparison per worse one, so ranking 50,000 costs little more than scoring them.
 */
class TopOfferings {
  private readonly items: PreparedOffering[] = [];
  private readonly scores: number[] = [];

  constructor(private readonly limit: number) {}

  /** The score an offering must beat (or equal, ranking before) to get in; -Infinity while there is room. */
  get threshold(): number {
    return this.items.length < this.limit ? -Infinity : this.scores[0]!;
  }

  offer(score: number, p: PreparedOffering): void {
    const { items, scores } = this;
    if (items.length < this.limit) {
      items.push(p);
      scores.push(score);
      this.siftUp(items.length - 1);
    } else if (ranksBefore(score, p, scores[0]!, items[0]!)) {
      items[0] = p;
      scores[0] = score;
      this.siftDown(0);
    }
  }

  /** Best first. */
  ranked(): Array<{ p: PreparedOffering; score: number }> {
    return this.items
      .map((p, i) => ({ p, score: this.scores[i]! }))
      .sort((a, b) => (ranksBefore(a.score, a.p, b.score, b.p) ? -1 : 1));
  }

  /** Heap order: a parent ranks after its children. */
  private weaker(i: number, j: number): boolean {
    return ranksBefore(this.scores[j]!, this.items[j]!, this.scores[i]!, this.items[i]!);
  }

  private swap(i: number, j: number): void {
    const { items, scores } = this;
    [items[i], items[j]] = [items[j]!, items[i]!];
    [scores[i], scores[j]] = [scores[j]!, scores[i]!];
  }

  private siftUp(start: number): void {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.weaker(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(start: number): void {
    const n = this.items.length;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let weakest = i;
      if (left < n && this.weaker(left, weakest)) weakest = left;
      if (right < n && this.weaker(right, weakest)) weakest = right;
      if (weakest === i) return;
      this.swap(i, weakest);
      i = weakest;
    }
  }
}

function toMatch(ctx: CompanyContext, entry: { p: PreparedOffering; score: number }): OfferingMatch {
  const reasons: MatchReason[] = [];
  scoreOffering(ctx, entry.p, reasons);
  return { offeringId: entry.p.id, score: entry.score, reasons };
}

/**
 * A posting list: an array to walk (quicker than a Set) with each item's position, so removal is a swap with
 * the last item. Its order is of no consequence, since ranking orders completely.
 */
class PostingList {
  readonly items: PreparedOffering[] = [];
  private readonly positions = new Map<PreparedOffering, number>();

  add(p: PreparedOffering): void {
    if (this.positions.has(p)) return;
    this.positions.set(p, this.items.length);
    this.items.push(p);
  }

  delete(p: PreparedOffering): void {
    const position = this.positions.get(p);
    if (position === undefined) return;
    const last = this.items.pop()!;
    this.positions.delete(p);
    if (last !== p) {
      this.items[position] = last;
      this.positions.set(last, position);
    }
  }
}

/** Offerings in one area: those open to every company (whole region, or digital) and those by municipality. */
class AreaPostings {
  readonly everywhere = new PostingList();
  readonly byMunicipality = new Map<string, PostingList>();

  add(p: PreparedOffering): void {
    if (p.wholeRegion || p.digital) {
      this.everywhere.add(p);
      return;
    }
    for (const code of p.municipalities) {
      let list = this.byMunicipality.get(code);
      if (!list) this.byMunicipality.set(code, (list = new PostingList()));
      list.add(p);
    }
  }

  delete(p: PreparedOffering): void {
    this.everywhere.delete(p);
    for (const code of p.municipalities) {
      const list = this.byMunicipality.get(code);
      if (!list) continue;
      list.delete(p);
      if (list.items.length === 0) this.byMunicipality.delete(code);
    }
  }
}

interface IndexInternals {
  byId: Map<string, PreparedOffering>;
  /** Every offering by need, whatever its status: what explanations look through. */
  byNeed: Array<Set<PreparedOffering>>;
  /** Open offerings by need and area: the candidates. */
  openByNeed: AreaPostings[];
  /** Open offerings by area alone, for a company that recorded no needs. */
  open: AreaPostings;
}

// Set in OfferingIndex's static block: the module's matching functions walk the posting lists directly, while
// the class keeps them out of its public interface.
let internalsOf: (index: OfferingIndex) => IndexInternals;

/**
 * The offerings held in memory, with inverted indexes by need and by area so that a company's candidates are
 * found without looking at the offerings that could not match it. Re-upsert an offering whenever its facts
 * change: the index prepares them once.
 */
export class OfferingIndex implements Iterable<OfferingFacts> {
  readonly #internals: IndexInternals = {
    byId: new Map(),
    byNeed: NEEDS.map(() => new Set()),
    openByNeed: NEEDS.map(() => new AreaPostings()),
    open: new AreaPostings(),
  };

  static {
    internalsOf = (index) => index.#internals;
  }

  constructor(offerings: Iterable<OfferingFacts> = []) {
    for (const offering of offerings) this.upsert(offering);
  }

  get size(): number {
    return this.#internals.byId.size;
  }

  upsert(offering: OfferingFacts): void {
    this.remove(offering.id);
    const p = prepare(offering);
    const { byId, byNeed, openByNeed, open } = this.#internals;
    byId.set(offering.id, p);
    for (const index of p.needIndexes) byNeed[index]!.add(p);
    if (!p.open) return;
    for (const index of p.needIndexes) openByNeed[index]!.add(p);
    open.add(p);
  }

  /** True when the offering was held. */
  remove(id: string): boolean {
    const { byId, byNeed, openByNeed, open } = this.#internals;
    const p = byId.get(id);
    if (!p) return false;
    byId.delete(id);
    for (const index of p.needIndexes) {
      byNeed[index]!.delete(p);
      openByNeed[index]!.delete(p);
    }
    open.delete(p);
    return true;
  }

  get(id: string): OfferingFacts | undefined {
    return this.#internals.byId.get(id)?.facts;
  }

  *[Symbol.iterator](): Iterator<OfferingFacts> {
    for (const p of this.#internals.byId.values()) yield p.facts;
  }

  /**
   * The offerings that may match the company: published with seats left, addressing one of its needs (any, when
   * it recorded none), and serving its municipality, the whole region or digital. Each once.
   */
  candidates(company: CompanyProfile): OfferingFacts[] {
    const found: OfferingFacts[] = [];
    const needOrder = [...new Set(company.needs.map((n) => NEED_INDEX.get(n.need)).filter((index) => index !== undefined))];
    for (const { items, skipMask } of candidateLists(this.#internals, needOrder, company.municipalityCode)) {
      for (const p of items) if ((p.needMask & skipMask) === 0) found.push(p.facts);
    }
    return found;
  }
}

/** A list of candidates, and the needs whose lists already held those of its offerings that address them. */
interface CandidateList {
  items: readonly PreparedOffering[];
  skipMask: number;
  /** The need the list is for; -1 for the lists of a company without needs. */
  need: number;
}

/**
 * Where a company's candidates are: per need (most pressing first, `needOrder`), the offerings open everywhere
 * and those serving its municipality. Callers walk the lists themselves, so the walk costs no call per offering;
 * an offering whose needs meet `skipMask` was met in an earlier list and is skipped, so each is seen once.
 */
function candidateLists(internals: IndexInternals, needOrder: readonly number[], place: string): CandidateList[] {
  const lists: CandidateList[] = [];
  const add = (postings: AreaPostings, skipMask: number, need: number): void => {
    lists.push({ items: postings.everywhere.items, skipMask, need });
    const local = postings.byMunicipality.get(place);
    if (local) lists.push({ items: local.items, skipMask, need });
  };
  if (needOrder.length === 0) add(internals.open, 0, -1);
  let earlier = 0;
  for (const index of needOrder) {
    add(internals.openByNeed[index]!, earlier, index);
    earlier |= 1 << index;
  }
  return lists;
}

/** Every offering that addresses one of the company's needs (every offering, when it recorded none), each once. */
function visitRelevant(internals: IndexInternals, ctx: CompanyContext, visit: (p: PreparedOffering) => void): void {
  if (ctx.needMask === 0) {
    for (const p of internals.byId.values()) visit(p);
    return;
  }
  let earlier = 0;
  for (const index of ctx.needOrder) {
    for (const p of internals.byNeed[index]!) if ((p.needMask & earlier) === 0) visit(p);
    earlier |= 1 << index;
  }
}

/**
 * The company's best offerings in the index, best first: the fast path, for lists and for re-matching many
 * companies. The same as `matchOfferings(...).matches` over the same offerings.
 */
export function topOfferings(index: OfferingIndex, company: CompanyProfile, today: string, limit: number = DEFAULT_LIMIT): OfferingMatch[] {
  const ctx = companyContext(company, today);
  const top = new TopOfferings(validLimit(limit));
  for (const { items, skipMask, need } of candidateLists(internalsOf(index), ctx.needOrder, company.municipalityCode)) {
    // Threshold pruning: the lists come most pressing need first, and an offering in a later list addresses no
    // earlier need, so its score is bounded by its own need's weight plus the needs still left; once the top is
    // full of offerings above that bound, the whole list can be passed over. Rounding is monotone, so comparing
    // rounded scores is exact; the margin covers a different order of adding the same floating-point weights.
    if (need >= 0) {
      let restWeight = ctx.totalWeight;
      for (let earlier = skipMask; earlier !== 0; earlier &= earlier - 1) restWeight -= ctx.weights[31 - Math.clz32(earlier & -earlier)]!;
      const bound = round3(OFFERING_MAX_BESIDES_NEEDS + OFFERING_WEIGHTS.needs * needScore(ctx.weights[need]!, restWeight, ctx.totalWeight) + 1e-9);
      if (bound < top.threshold) continue;
    }
    for (let i = 0; i < items.length; i++) {
      const p = items[i]!;
      if ((p.needMask & skipMask) === 0 && exclusion(ctx, p) === null) top.offer(scoreOffering(ctx, p, null), p);
    }
  }
  return top.ranked().map((entry) => toMatch(ctx, entry));
}

/**
 * The offerings that suit the company, ranked, with reasons; and the offerings that address one of its needs
 * (any offering, when it recorded none) but that it cannot have, with why, so the list explains the relevant
 * omissions. `today` is the Swedish date. Given an OfferingIndex, only the offerings sharing a need are read.
 */
export function matchOfferings(
  company: CompanyProfile,
  offerings: Iterable<OfferingFacts> | OfferingIndex,
  today: string,
  options: MatchOptions = {},
): OfferingMatchResult {
  const ctx = companyContext(company, today);
  const top = new TopOfferings(validLimit(options.limit));
  const excludedOfferings: ExcludedOffering[] = [];
  const consider = (p: PreparedOffering): void => {
    const reason = exclusion(ctx, p);
    if (reason === null) {
      top.offer(scoreOffering(ctx, p, null), p);
    } else if (ctx.needMask === 0 || (p.needMask & ctx.needMask) !== 0) {
      excludedOfferings.push(excluded(ctx, p, reason));
    }
  };
  if (offerings instanceof OfferingIndex) visitRelevant(internalsOf(offerings), ctx, consider);
  else for (const facts of offerings) consider(prepare(facts));
  excludedOfferings.sort((a, b) => (a.offeringId < b.offeringId ? -1 : a.offeringId > b.offeringId ? 1 : 0));
  return { matches: top.ranked().map((entry) => toMatch(ctx, entry)), excluded: excludedOfferings };
}

/** Why the company cannot have this one offering, whatever its needs; null when it can. */
export function explainExclusion(company: CompanyProfile, offering: OfferingFacts, today: string): ExcludedOffering | null {
  const ctx = companyContext(company, today);
  const p = prepare(offering);
  const why = exclusion(ctx, p);
  return why === null ? null : excluded(ctx, p, why);
}

// ─── companies ──────────────────────────────────────────────────────────────────────────────────────────────

/** Tags compare folded (case and Swedish letters: "Ved" = "ved", "Mala" = "Malå") with spaces collapsed. */
function tagKey(tag: string): string {
  return foldText(tag).trim().replace(/\s+/g, ' ');
}

/** The other's tags that are in `wanted` (by folded key), in the other's spelling, each once. */
function tagOverlap(tags: readonly string[], wanted: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  for (const tag of tags) {
    const key = tagKey(tag);
    if (key.length === 0 || seen.has(key) || !wanted.has(key)) continue;
    seen.add(key);
    found.push(tag.trim());
  }
  return found;
}

function tagScore(count: number): number {
  const w = COMPANY_WEIGHTS;
  return count === 0 ? 0 : Math.min(w.tagDirectionMax, w.firstTag + w.furtherTag * (count - 1));
}

/** How the two companies' industries fit, from the company's point of view; null when they do not. */
function industryReason(other: CompanyProfile, ownDivisions: readonly string[], needs: ReadonlySet<Need>): MatchReason | null {
  const otherDivisions = [...new Set(other.sniCodes.map((code) => code.slice(0, 2)))];
  for (const theirs of otherDivisions) {
    if (ownDivisions.some((own) => COMPLEMENTS.get(own)?.has(theirs))) {
      const industry = divisionLabel(theirs);
      return reason('COMPLEMENTARY_INDUSTRY', { sv: `kompletterande bransch: ${industry.sv}`, en: `complementary industry: ${industry.en}` });
    }
  }
  const otherNeeds = new Set(other.needs.map((n) => n.need));
  const theirIt = otherDivisions.find((division) => IT_DIVISIONS.has(division));
  if (theirIt !== undefined && needs.has('digitalisation')) {
    const industry = divisionLabel(theirIt);
    return reason('COMPLEMENTARY_INDUSTRY', { sv: `${industry.sv}, för er digitalisering`, en: `${industry.en}, for your digitalisation` });
  }
  if (ownDivisions.some((division) => IT_DIVISIONS.has(division)) && otherNeeds.has('digitalisation')) {
    return reason('COMPLEMENTARY_INDUSTRY', { sv: 'behöver digitalisering, som ert IT-företag erbjuder', en: 'needs digitalisation, which your IT company offers' });
  }
  if (needs.has('industry-cooperation')) {
    const same = otherDivisions.find((division) => ownDivisions.includes(division));
    if (same !== undefined) {
      const industry = divisionLabel(same);
      return reason('SAME_INDUSTRY', { sv: `samma bransch: ${industry.sv}, för samverkan inom branschen`, en: `same industry: ${industry.en}, for industry cooperation` });
    }
  }
  return null;
}

/**
 * Companies the company could do business or cooperate with, best first: partner meetings, new suppliers, new
 * markets. Never the company itself, and none without a reason beyond being elsewhere.
 */
export function matchCompanies(company: CompanyProfile, others: Iterable<CompanyProfile>, options: MatchOptions = {}): CompanyMatch[] {
  const limit = validLimit(options.limit);
  const w = COMPANY_WEIGHTS;
  const seeks = new Set(company.seeks.map(tagKey).filter((key) => key.length > 0));
  const offers = new Set(company.offers.map(tagKey).filter((key) => key.length > 0));
  const needs = new Set(company.needs.map((n) => n.need));
  const ownDivisions = [...new Set(company.sniCodes.map((code) => code.slice(0, 2)))];
  const wantsElsewhere = ELSEWHERE_NEEDS.some((need) => needs.has(need));
  const matches: CompanyMatch[] = [];

  for (const other of others) {
    if (other.id === company.id) continue;
    const reasons: MatchReason[] = [];
    let total = 0;

    const theyOffer = tagOverlap(other.offers, seeks);
    if (theyOffer.length > 0) {
      total += tagScore(theyOffer.length);
      reasons.push(reason('OFFERS_WHAT_YOU_SEEK', { sv: `erbjuder ${listText(theyOffer, 'sv')}, som ni söker`, en: `offers ${listText(theyOffer, 'en')}, which you seek` }));
    }
    const theySeek = tagOverlap(other.seeks, offers);
    if (theySeek.length > 0) {
      total += tagScore(theySeek.length);
      reasons.push(reason('SEEKS_WHAT_YOU_OFFER', { sv: `söker ${listText(theySeek, 'sv')}, som ni erbjuder`, en: `seeks ${listText(theySeek, 'en')}, which you offer` }));
    }

    const industry = industryReason(other, ownDivisions, needs);
    if (industry) {
      total += w.industry;
      reasons.push(industry);
    }

    const shared = COOPERATIVE_NEEDS.filter((need) => needs.has(need) && other.needs.some((n) => n.need === need));
    if (shared.length > 0) {
      total += w.firstSharedNeed + w.furtherSharedNeed * Math.min(1, shared.length - 1);
      const labels = shared.map((need) => NEED_LABELS[need]);
      reasons.push(reason('SHARED_NEED', { sv: `arbetar också med ${listText(labels.map((l) => l.sv), 'sv')}`, en: `also working on ${listText(labels.map((l) => l.en), 'en')}` }));
    }

    if (reasons.length === 0) continue;
    if (wantsElsewhere && other.municipalityCode !== company.municipalityCode) {
      total += w.otherMunicipality;
      const place = municipalityName(other.municipalityCode);
      reasons.push(reason('OTHER_MUNICIPALITY', { sv: `i ${place}, en annan kommun`, en: `in ${place}, another municipality` }));
    }
    matches.push({ companyId: other.id, score: round3(total), reasons });
  }

  return matches.sort((a, b) => b.score - a.score || (a.companyId < b.companyId ? -1 : a.companyId > b.companyId ? 1 : 0)).slice(0, limit);
}

// ─── advisers ───────────────────────────────────────────────────────────────────────────────────────────────

/** Advisers who know the company's needs, best first; an adviser who knows none of them is no match. */
export function matchAdvisers(company: CompanyProfile, advisers: Iterable<AdviserProfile>, options: MatchOptions = {}): AdviserMatch[] {
  const limit = validLimit(options.limit);
  const priorities = new Map<Need, NeedPriority>();
  for (const { need, priority } of company.needs) {
    const known = priorities.get(need);
    if (known === undefined || priority < known) priorities.set(need, priority);
  }
  const ranked = [...priorities].sort(([a, pa], [b, pb]) => pa - pb || NEED_INDEX.get(a)! - NEED_INDEX.get(b)!);
  const totalWeight = ranked.reduce((sum, [, priority]) => sum + PRIORITY_WEIGHT[priority], 0);
  const matches: AdviserMatch[] = [];

  for (const adviser of advisers) {
    const expertise = new Set(adviser.expertise);
    const known = ranked.filter(([need]) => expertise.has(need));
    if (known.length === 0) continue;
    const weights = known.map(([, priority]) => PRIORITY_WEIGHT[priority]);
    const sum = weights.reduce((a, b) => a + b, 0);
    let total = ADVISER_WEIGHTS.expertise * needScore(Math.max(...weights), sum, totalWeight);
    const reasons: MatchReason[] = known.map(([need, priority]) =>
      reason('EXPERTISE', { sv: `ger råd om ${NEED_LABELS[need].sv} (prioritet ${priority})`, en: `advises on ${NEED_LABELS[need].en} (priority ${priority})` }),
    );
    if (adviser.municipalityCode === company.municipalityCode) {
      total += ADVISER_WEIGHTS.sameMunicipality;
      const place = municipalityName(adviser.municipalityCode);
      reasons.push(reason('SAME_MUNICIPALITY', { sv: `i ${place}, företagets kommun`, en: `in ${place}, the company's municipality` }));
    }
    matches.push({ organisationId: adviser.organisationId, contactId: adviser.contactId, score: round3(total), reasons });
  }

  const byIds = (a: AdviserMatch, b: AdviserMatch): number =>
    a.organisationId < b.organisationId ? -1 : a.organisationId > b.organisationId ? 1 : a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : 0;
  return matches.sort((a, b) => b.score - a.score || byIds(a, b)).slice(0, limit);
}
