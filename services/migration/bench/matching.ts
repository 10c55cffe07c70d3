/**
 * Benchmark of matching people to jobs and places, pure (no database, no services): 20,000 synthetic open
 * vacancies in a VacancyIndex and 200 synthetic candidates, both generated from a seed so runs compare.
 *
 * The vacancies: a quarter in the groups the region recruits most for (nurses 2221, specialist nurses 2222,
 * compulsory-school teachers 2341, preschool teachers 2343), the rest spread over every SSYK 2012 unit group; spread
 * over Region 10's ten municipalities; half with housing help; some with a start date, some with an application
 * deadline (a few already passed).
 *
 * Measures, per candidate, what one candidateMatches request computes: matchVacancies for the candidate, for the
 * partner, and matchPlaces → p50/p95/p99/max. Target: p95 under 50 ms. Missed targets are reported, not fatal.
 *
 * Run alone: `npx tsx bench/matching.ts` in services/migration.
 */
import { swedishDate } from '@hub/shared/calendar';
import { formatLoadAverages, loadAverage, prng, round, summarise, type Summary } from '@hub/infra/bench';
import { matchPlaces, matchVacancies, VacancyIndex, type MatchCandidate, type PlaceCapacity, type VacancyFacts } from '../src/domain/matching';
import { REGION10_MUNICIPALITIES } from '@hub/shared/contracts';
import { OCCUPATIONS, occupationGroup } from '../src/domain/occupations';
import type { HousingType } from '../src/domain/candidate';
import type { WorkMode } from '../src/domain/vacancy';

export const VACANCY_COUNT = 20_000;
const CANDIDATE_COUNT = 200;
const WARM_UP_CANDIDATES = 50;
const LIMIT = 10;
export const ENGINE_TARGETS = { matchP95Ms: 50 };

export const REGION10 = REGION10_MUNICIPALITIES.map((m) => m.code);
/** Nurses, specialist nurses, compulsory-school and preschool teachers: what the region recruits most for. */
export const SHORTAGE_OCCUPATIONS = ['2221', '2222', '2341', '2343'];
const ALL_OCCUPATIONS = OCCUPATIONS.map((o) => o.code);
const WORK_MODES: readonly WorkMode[] = ['on-site', 'on-site', 'on-site', 'hybrid', 'remote'];
const HOUSING_TYPES: readonly HousingType[] = ['rental', 'owned-apartment', 'house', 'any'];

export type Random = () => number;

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Between `min` and `max` distinct items. */
export function some<T>(random: Random, items: readonly T[], min: number, max: number): T[] {
  const count = min + Math.floor(random() * (max - min + 1));
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(pick(random, items));
  return [...chosen];
}

/** YYYY-MM-DD `days` after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** What publishVacancy takes, in the domain's spelling (work mode 'on-site'). */
export interface SyntheticVacancy {
  title: string;
  occupationCode: string;
  municipalityCode: string;
  startDate: string | null;
  workMode: WorkMode;
  housingHelp: boolean;
  positions: number;
  applicationDeadline: string | null;
}

/**
 * An open vacancy: a quarter in the shortage occupations, the rest over all SSYK unit groups; half with housing
 * help; half with a start date in the coming eight months; six in ten with a deadline, one in six of those passed.
 */
export function syntheticVacancy(random: Random, today: string): SyntheticVacancy {
  const occupationCode = random() < 0.25 ? pick(random, SHORTAGE_OCCUPATIONS) : pick(random, ALL_OCCUPATIONS);
  const municipalityCode = pick(random, REGION10);
  return {
    title: `Benchtjänst ${occupationCode} i ${municipalityCode}`,
    occupationCode,
    municipalityCode,
    startDate: random() < 0.5 ? addDays(today, 14 + Math.floor(random() * 240)) : null,
    workMode: pick(random, WORK_MODES),
    housingHelp: random() < 0.5,
    positions: 1 + Math.floor(random() * 3),
    applicationDeadline: random() < 0.6 ? addDays(today, -20 + Math.floor(random() * 140)) : null,
  };
}

export function toFacts(id: string, employerId: string, vacancy: SyntheticVacancy): VacancyFacts {
  return {
    id,
    employerId,
    title: vacancy.title,
    municipalityCode: vacancy.municipalityCode,
    occupationCode: vacancy.occupationCode,
    startDate: vacancy.startDate,
    workMode: vacancy.workMode,
    housingHelp: vacancy.housingHelp,
    status: 'open',
    applicationDeadline: vacancy.applicationDeadline,
  };
}

/** One to three occupations, half the time one of the shortage ones; a partner in seven households of ten. */
export function syntheticCandidate(random: Random, today: string): MatchCandidate {
  const occupation = (): string => (random() < 0.5 ? pick(random, SHORTAGE_OCCUPATIONS) : pick(random, ALL_OCCUPATIONS));
  const occupations = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, occupation))];
  const children = random() < 0.5 ? Math.floor(random() * 4) : 0;
  const moveIn = addDays(today, 30 + Math.floor(random() * 330)).slice(0, 7);
  return {
    occupations,
    partnerOccupation: random() < 0.7 ? occupation() : null,
    childrenAges: Array.from({ length: children }, () => Math.floor(random() * 18)),
    wishes: { municipalityCodes: some(random, REGION10, 1, 3), housingType: pick(random, HOUSING_TYPES), moveFrom: random() < 0.7 ? moveIn : null },
  };
}

/** Free places reported by some of the municipalities, as setReceivingCapacity would record them. */
export function syntheticCapacities(random: Random): Map<string, PlaceCapacity> {
  const capacities = new Map<string, PlaceCapacity>();
  for (const code of REGION10) {
    if (random() < 0.3) continue;
    capacities.set(code, {
      municipalityCode: code,
      housingUnits: Math.floor(random() * 30),
      preschoolPlaces: Math.floor(random() * 20),
      schoolPlaces: Math.floor(random() * 40),
    });
  }
  return capacities;
}

export interface EngineResult {
  vacancies: number;
  candidates: number;
  buildMs: number;
  /** Own + partner vacancies + places, per candidate. */
  total: Summary;
  own: Summary;
  partner: Summary;
  places: Summary;
  /** Open vacancies in the candidate's and partner's SSYK minor groups, which matching reads. */
  scannedMean: number;
  scannedMax: number;
}

export async function benchEngine(print: (line: string) => void): Promise<EngineResult> {
  const random = prng(20_261_123);
  const today = swedishDate();
  const loadBefore = loadAverage();
  const vacancies = Array.from({ length: VACANCY_COUNT }, (_, i) =>
    toFacts(`vacancy-${String(i).padStart(6, '0')}`, `employer-${i % 40}`, syntheticVacancy(random, today)),
  );
  const candidates = Array.from({ length: CANDIDATE_COUNT + WARM_UP_CANDIDATES }, () => syntheticCandidate(random, today));
  const capacities = syntheticCapacities(random);
  print(`candidate matching: ${VACANCY_COUNT} open vacancies, ${CANDIDATE_COUNT} candidates, top ${LIMIT} own + top ${LIMIT} for the partner + places`);

  const started = performance.now();
  const index = new VacancyIndex();
  for (const vacancy of vacancies) index.upsert(vacancy);
  const buildMs = performance.now() - started;

  const matchOne = (candidate: MatchCandidate): [number, number, number] => {
    const t0 = performance.now();
    matchVacancies(candidate, index, { today, first: LIMIT });
    const t1 = performance.now();
    if (candidate.partnerOccupation) matchVacancies(candidate, index, { today, first: LIMIT, forPartner: true });
    const t2 = performance.now();
    matchPlaces(candidate, index, capacities, { today });
    const t3 = performance.now();
    return [t1 - t0, t2 - t1, t3 - t2];
  };
  for (const candidate of candidates.slice(0, WARM_UP_CANDIDATES)) matchOne(candidate);

  const total: number[] = [];
  const own: number[] = [];
  const partner: number[] = [];
  const places: number[] = [];
  const scanned: number[] = [];
  for (const candidate of candidates.slice(WARM_UP_CANDIDATES)) {
    const [a, b, c] = matchOne(candidate);
    own.push(a);
    partner.push(b);
    places.push(c);
    total.push(a + b + c);
    const groups = new Set([...candidate.occupations, ...(candidate.partnerOccupation ? [candidate.partnerOccupation] : [])].map(occupationGroup));
    scanned.push([...groups].reduce((sum, group) => sum + [...index.byOccupationGroup(group)].length, 0));
  }
  const result: EngineResult = {
    vacancies: VACANCY_COUNT,
    candidates: CANDIDATE_COUNT,
    buildMs,
    total: summarise(total),
    own: summarise(own),
    partner: summarise(partner),
    places: summarise(places),
    scannedMean: scanned.reduce((a, b) => a + b, 0) / scanned.length,
    scannedMax: Math.max(...scanned),
  };
  const ms = (value: number): string => `${round(value, 2)} ms`;
  print(`index of ${VACANCY_COUNT} vacancies built in ${ms(buildMs)}`);
  print(
    `one candidate (own + partner + places): p50 ${ms(result.total.p50)}, p95 ${ms(result.total.p95)}, p99 ${ms(result.total.p99)}, max ${ms(result.total.max)}; ` +
      `target p95 under ${ENGINE_TARGETS.matchP95Ms} ms — ${result.total.p95 < ENGINE_TARGETS.matchP95Ms ? 'met' : 'MISSED'}`,
  );
  print(`  parts at p95: own vacancies ${ms(result.own.p95)}, partner's ${ms(result.partner.p95)}, places ${ms(result.places.p95)}`);
  print(`  vacancies in the household's SSYK minor groups: ${Math.round(result.scannedMean)} on average, ${result.scannedMax} at most`);
  print(`load average 1/5/15 min before · after: ${formatLoadAverages(loadBefore, loadAverage())}`);
  return result;
}

if (require.main === module) {
  benchEngine((line) => console.log(line)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
