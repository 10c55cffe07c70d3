import { hasRole, type HubClaims } from '@hub/shared/auth';
import { ForbiddenError, ValidationError } from '@hub/shared/errors';
import { swedishDate } from '@hub/shared/calendar';
import { AGE_GROUPS, GENDERS, type JobBasis, type Member, type OfferingSnapshot, type OwnerProfile } from './enrolment';

/** Which enrolments a report counts; from–to (YYYY-MM-DD, inclusive) is on the enrolment date. */
export interface IndicatorScope {
  offeringId?: string;
  projectId?: string;
  /** The company's municipality (as it was when the company enrolled). */
  municipalityCode?: string;
  from?: string;
  to?: string;
}

/** A count that may be withheld: `value` is null exactly when `suppressed` is true. */
export interface SuppressibleCount {
  value: number | null;
  suppressed: boolean;
}

export interface BreakdownCell extends SuppressibleCount {
  category: string;
}

export interface IndicatorReport {
  scope: IndicatorScope;
  /** Each company once, however many offerings in scope it took part in. */
  participatingCompanies: SuppressibleCount;
  /** woman, man, non-binary, not-stated */
  ownerGender: BreakdownCell[];
  /** under-30, 30-49, 50-plus, not-stated */
  ownerAgeGroup: BreakdownCell[];
  /** yes, no, not-stated */
  ownerForeignBorn: BreakdownCell[];
  newCompaniesStarted: number;
  /** Annual full-time equivalents; expected and realised apart, as agencies report both. */
  jobsCreatedExpected: number;
  jobsCreatedRealised: number;
  /** Sessions of the offerings in scope held in the period. */
  activitiesHeld: number;
}

/** What the indicators read of an outcome; never the goals text. */
export interface OutcomeFact {
  enrolmentId: string;
  companyId: string;
  kind: string;
  jobs?: number | null;
  jobsBasis?: JobBasis | null;
  newCompanyId?: string | null;
  recordedAt: Date;
}

/** Counts of 1 to 4 people could identify them, so such cells are withheld. */
export const SMALLEST_PUBLISHED_COUNT = 5;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function assertMayReadIndicators(claims: HubClaims): void {
  if (hasRole(claims, 'partner-staff', 'municipal-staff', 'integration')) return;
  throw new ForbiddenError({ en: 'Indicators are for the staff of partner organisations', sv: 'Indikatorerna är till för personal hos partnerorganisationer' });
}

export function validateScope(scope: IndicatorScope): IndicatorScope {
  const valid: IndicatorScope = {};
  for (const key of ['offeringId', 'projectId'] as const) {
    const value = scope[key];
    if (value === undefined || value === null) continue;
    if (value.length === 0 || value.length > 100) throw new ValidationError({ en: 'Not an id', sv: 'Inte ett id' }, `scope.${key}`);
    valid[key] = value;
  }
  if (scope.municipalityCode !== undefined && scope.municipalityCode !== null) {
    if (!/^\d{4}$/.test(scope.municipalityCode)) throw new ValidationError({ en: 'Expected a four-digit SCB municipality code', sv: 'Ange en fyrsiffrig kommunkod enligt SCB' }, 'scope.municipalityCode');
    valid.municipalityCode = scope.municipalityCode;
  }
  for (const key of ['from', 'to'] as const) {
    const value = scope[key];
    if (value === undefined || value === null) continue;
    if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
      throw new ValidationError({ en: 'Expected a date YYYY-MM-DD', sv: 'Ange ett datum ÅÅÅÅ-MM-DD' }, `scope.${key}`);
    }
    valid[key] = value;
  }
  if (valid.from && valid.to && valid.from > valid.to) throw new ValidationError({ en: 'The period ends before it starts', sv: 'Perioden slutar innan den börjar' }, 'scope.to');
  return valid;
}

function inPeriod(date: string, scope: IndicatorScope): boolean {
  return (scope.from === undefined || date >= scope.from) && (scope.to === undefined || date <= scope.to);
}

/**
 * A company took part when it held a seat and still does, or attended a session before it withdrew; a company
 * that only waited, or left before anything was held, did not.
 */
export function tookPart(member: Member): boolean {
  return member.seatedAt !== null && (member.status === 'enrolled' || member.attendedSessionIds.length > 0);
}

const isSmall = (n: number): boolean => n > 0 && n < SMALLEST_PUBLISHED_COUNT;

/**
 * Small-count suppression of one breakdown of a published total. Primary: every cell of 1–4 is withheld.
 * Secondary: a single withheld cell would be the total minus the others, so the smallest other non-zero cell is
 * withheld too (two withheld cells only reveal their sum). A total of 1–4 is itself withheld, and then every
 * non-zero cell is too, being smaller. Zero cells are published: they identify nobody.
 */
export function suppressBreakdown(counts: ReadonlyArray<{ category: string; count: number }>): BreakdownCell[] {
  const withheld = new Set(counts.filter((c) => isSmall(c.count)).map((c) => c.category));
  if (withheld.size === 1) {
    const next = counts.filter((c) => c.count > 0 && !withheld.has(c.category)).sort((a, b) => a.count - b.count)[0];
    if (next) withheld.add(next.category);
  }
  return counts.map((c) => (withheld.has(c.category) ? { category: c.category, value: null, suppressed: true } : { category: c.category, value: c.count, suppressed: false }));
}

function suppressTotal(count: number): SuppressibleCount {
  return isSmall(count) ? { value: null, suppressed: true } : { value: count, suppressed: false };
}

function tally<K extends string>(categories: readonly K[], profiles: OwnerProfile[], categoryOf: (profile: OwnerProfile) => K): Array<{ category: K; count: number }> {
  return categories.map((category) => ({ category, count: profiles.filter((p) => categoryOf(p) === category).length }));
}

const roundTenths = (n: number): number => Math.round(n * 10) / 10;

/**
 * The funders' indicators for one scope, from the rosters and outcomes of the offerings in it.
 * Company counts are by company id. A company in several offerings in scope is described by its latest
 * enrolment's owner profile. Jobs: the latest figure per company and basis (a later one corrects an earlier),
 * summed over companies. New companies: each started company once (by its id, else once per participant).
 */
export function computeIndicators(
  scope: IndicatorScope,
  offerings: readonly OfferingSnapshot[],
  members: ReadonlyArray<Member & { offeringId: string }>,
  outcomes: readonly OutcomeFact[],
): IndicatorReport {
  const inScope = members.filter(
    (m) => tookPart(m) && (scope.municipalityCode === undefined || m.municipalityCode === scope.municipalityCode) && inPeriod(swedishDate(m.enrolledAt), scope),
  );
  const latestByCompany = new Map<string, Member>();
  for (const member of inScope) {
    const seen = latestByCompany.get(member.companyId);
    if (!seen || member.enrolledAt > seen.enrolledAt) latestByCompany.set(member.companyId, member);
  }
  const profiles = [...latestByCompany.values()].map((m) => m.ownerProfile);
  const participating = latestByCompany.size;

  const counted = new Set(inScope.map((m) => m.enrolmentId));
  const relevant = outcomes.filter((o) => counted.has(o.enrolmentId));
  const started = new Set(relevant.filter((o) => o.kind === 'company-started').map((o) => (o.newCompanyId ? `company:${o.newCompanyId}` : `participant:${o.companyId}`)));
  const latestJobs = new Map<string, OutcomeFact>();
  for (const outcome of relevant) {
    if (outcome.kind !== 'jobs-created' || !outcome.jobsBasis) continue;
    const key = `${outcome.companyId}:${outcome.jobsBasis}`;
    const seen = latestJobs.get(key);
    if (!seen || outcome.recordedAt >= seen.recordedAt) latestJobs.set(key, outcome);
  }
  const jobs = (basis: JobBasis): number => roundTenths([...latestJobs.values()].filter((o) => o.jobsBasis === basis).reduce((sum, o) => sum + (o.jobs ?? 0), 0));

  const activitiesHeld = offerings.flatMap((o) => o.sessions).filter((s) => inPeriod(swedishDate(new Date(s.startsAt)), scope)).length;

  return {
    scope,
    participatingCompanies: suppressTotal(participating),
    ownerGender: suppressBreakdown(tally([...GENDERS, 'not-stated'] as const, profiles, (p) => p.gender ?? 'not-stated')),
    ownerAgeGroup: suppressBreakdown(tally([...AGE_GROUPS, 'not-stated'] as const, profiles, (p) => p.ageGroup ?? 'not-stated')),
    ownerForeignBorn: suppressBreakdown(
      tally(['yes', 'no', 'not-stated'] as const, profiles, (p) => (p.foreignBorn === undefined ? 'not-stated' : p.foreignBorn ? 'yes' : 'no')),
    ),
    newCompaniesStarted: started.size,
    jobsCreatedExpected: jobs('expected'),
    jobsCreatedRealised: jobs('realised'),
    activitiesHeld,
  };
}

export interface IndicatorRow {
  indicator: string;
  breakdown: string | null;
  category: string | null;
  value: number | null;
  suppressed: boolean;
}

/** The report flattened: one row per indicator and per breakdown cell. */
export function indicatorRows(report: IndicatorReport): IndicatorRow[] {
  const plain = (indicator: string, value: number): IndicatorRow => ({ indicator, breakdown: null, category: null, value, suppressed: false });
  const cells = (breakdown: string, list: BreakdownCell[]): IndicatorRow[] =>
    list.map((c) => ({ indicator: 'participating-companies', breakdown, category: c.category, value: c.value, suppressed: c.suppressed }));
  return [
    { indicator: 'participating-companies', breakdown: null, category: null, ...report.participatingCompanies },
    ...cells('owner-gender', report.ownerGender),
    ...cells('owner-age-group', report.ownerAgeGroup),
    ...cells('owner-foreign-born', report.ownerForeignBorn),
    plain('new-companies-started', report.newCompaniesStarted),
    plain('jobs-created-expected', report.jobsCreatedExpected),
    plain('jobs-created-realised', report.jobsCreatedRealised),
    plain('activities-held', report.activitiesHeld),
  ];
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled; records end in CRLF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const CSV_HEADER = ['indicator', 'breakdown', 'category', 'value', 'suppressed'] as const;

/** One header row, then one row per indicator; a withheld value is an empty field with suppressed = true. */
export function indicatorsCsv(rows: readonly IndicatorRow[]): string {
  const records = [
    [...CSV_HEADER],
    ...rows.map((r) => [r.indicator, r.breakdown ?? '', r.category ?? '', r.value === null ? '' : String(r.value), String(r.suppressed)]),
  ];
  return records.map((fields) => fields.map(csvField).join(',') + '\r\n').join('');
}
