/**
 * Benchmark of company-to-offering matching, pure (no database, no services): 50,000 synthetic offerings in an
 * OfferingIndex and 10,000 companies, both generated from a seed so runs compare.
 *
 * Measures:
 *  - building the index;
 *  - the top 10 for one company, for 200 companies drawn at random (after a warm-up) → p50/p95/p99;
 *  - a bulk change: 5,000 offerings changed and re-upserted, then the top 10 for every one of the 10,000
 *    companies, as the service does when many offerings change at once.
 * Targets: p95 under 50 ms for one company; the bulk change and re-matching under 60 s in total. Missed targets
 * are reported, not fatal, because the figures depend on what else the machine runs (the load is printed).
 *
 * Run alone: `npx tsx bench/matching.ts` in services/matchmaking.
 */
import { NEEDS, OFFERING_FORMATS, OFFERING_KINDS, TARGET_GROUPS, type Need } from '@hub/shared/contracts';
import { formatLoadAverages, loadAverage, prng, round, summarise } from '@hub/infra/bench';
import { OfferingIndex, topOfferings } from '../src/domain/matching';
import type { CompanyProfile, NeedPriority, OfferingFacts } from '../src/domain/model';

const OFFERING_COUNT = 50_000;
const COMPANY_COUNT = 10_000;
const SAMPLED_COMPANIES = 200;
const WARM_UP_COMPANIES = 50;
const CHANGED_OFFERINGS = 5_000;
const LIMIT = 10;
const TARGETS = { topP95Ms: 50, rematchAllMs: 60_000 };
const TODAY = '2026-11-23';

const REGION10 = ['2506', '2505', '2425', '2481', '2418', '2417', '2422', '2421', '2462', '2463'];
const PARTNERS = ['2584', '2523', '2510', '2521', '2518', '2513', '2480', '2580', '0180'];
const SNI_DIVISIONS = ['02', '10', '16', '25', '41', '43', '45', '47', '49', '55', '56', '62', '69', '71', '79', '86', '96'];
const DATES = ['2026-10-01', '2026-11-20', '2026-11-30', '2026-12-05', '2026-12-15', '2027-01-15', '2027-02-01', '2027-03-01', '2027-05-01'];

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
/** Between `min` and `max` distinct items. */
function some<T>(random: Random, items: readonly T[], min: number, max: number): T[] {
  const count = min + Math.floor(random() * (max - min + 1));
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(pick(random, items));
  return [...chosen];
}

/** Published for the most part, a third of them limited in seats, four in ten for the whole region. */
export function syntheticOffering(random: Random, id: string): OfferingFacts {
  const roll = random();
  const capacity = random() < 0.35 ? 5 + Math.floor(random() * 40) : null;
  const deadline = random() < 0.6 ? pick(random, DATES) : null;
  return {
    id,
    providerId: `provider-${Math.floor(random() * 60)}`,
    projectId: random() < 0.3 ? `project-${Math.floor(random() * 200)}` : null,
    kind: pick(random, OFFERING_KINDS),
    status: roll < 0.85 ? 'published' : roll < 0.9 ? 'draft' : roll < 0.97 ? 'closed' : 'archived',
    needs: some(random, NEEDS, 1, 3),
    targetGroups: some(random, TARGET_GROUPS, 1, 3),
    sniCodes: random() < 0.25 ? some(random, SNI_DIVISIONS, 1, 3) : [],
    municipalityCodes: random() < 0.4 ? [] : some(random, random() < 0.85 ? REGION10 : PARTNERS, 1, 3),
    format: pick(random, OFFERING_FORMATS),
    startDate: deadline === null ? null : '2027-06-01',
    endDate: random() < 0.05 ? '2026-11-01' : null,
    applicationDeadline: deadline,
    capacity,
    enrolled: capacity === null ? 0 : Math.floor(random() * (capacity + 5)),
    eligibility: {
      maxEmployees: random() < 0.2 ? pick(random, [9, 49, 249]) : null,
      maxCompanyAgeYears: random() < 0.1 ? pick(random, [3, 5]) : null,
      sniPrefixes: random() < 0.05 ? [pick(random, SNI_DIVISIONS)] : [],
      municipalityCodes: random() < 0.1 ? some(random, REGION10, 2, 8) : [],
    },
  };
}

/** Companies of the region with one to three needs from a needs analysis. */
export function syntheticCompany(random: Random, id: string): CompanyProfile {
  const needs: Need[] = some(random, NEEDS, 1, 3);
  return {
    id,
    municipalityCode: random() < 0.95 ? pick(random, REGION10) : pick(random, PARTNERS),
    sniCodes: random() < 0.9 ? [`${pick(random, SNI_DIVISIONS)}${String(100 + Math.floor(random() * 900))}`] : [],
    employees: random() < 0.85 ? Math.floor(random() * 40) : null,
    foundedYear: random() < 0.9 ? 1970 + Math.floor(random() * 57) : null,
    ownerGroups: random() < 0.3 ? [pick(random, ['women', 'young-people', 'foreign-born'] as const)] : [],
    needs: needs.map((need, i) => ({ need, priority: (i + 1) as NeedPriority })),
    offers: [],
    seeks: [],
  };
}

export async function benchMatching(print: (line: string) => void): Promise<void> {
  const random = prng(20_261_123);
  const loadBefore = loadAverage();
  const offerings = Array.from({ length: OFFERING_COUNT }, (_, i) => syntheticOffering(random, `offering-${i}`));
  const companies = Array.from({ length: COMPANY_COUNT }, (_, i) => syntheticCompany(random, `company-${i}`));
  print(`company-to-offering matching: ${OFFERING_COUNT} offerings, ${COMPANY_COUNT} companies, top ${LIMIT}`);

  let started = performance.now();
  const index = new OfferingIndex(offerings);
  print(`index built: ${round(performance.now() - started)} ms`);

  for (let i = 0; i < WARM_UP_COMPANIES; i++) topOfferings(index, pick(random, companies), TODAY, LIMIT);
  const latencies: number[] = [];
  let candidates = 0;
  for (let i = 0; i < SAMPLED_COMPANIES; i++) {
    const company = pick(random, companies);
    const sent = performance.now();
    topOfferings(index, company, TODAY, LIMIT);
    latencies.push(performance.now() - sent);
    candidates += index.candidates(company).length;
  }
  const one = summarise(latencies);
  const oneVerdict = one.p95 < TARGETS.topP95Ms ? 'ok' : 'MISSED';
  print(
    `top ${LIMIT} for one company (${SAMPLED_COMPANIES} companies, ${Math.round(candidates / SAMPLED_COMPANIES)} candidates on average): ` +
      `p50 ${round(one.p50, 2)} ms, p95 ${round(one.p95, 2)} ms, p99 ${round(one.p99, 2)} ms, max ${round(one.max, 2)} ms; target p95 under ${TARGETS.topP95Ms} ms — ${oneVerdict}`,
  );

  started = performance.now();
  const changeRandom = prng(7);
  for (let i = 0; i < CHANGED_OFFERINGS; i++) {
    const id = `offering-${Math.floor(changeRandom() * OFFERING_COUNT)}`;
    index.upsert(syntheticOffering(changeRandom, id));
  }
  const upsertMs = performance.now() - started;
  let matched = 0;
  for (const company of companies) matched += topOfferings(index, company, TODAY, LIMIT).length;
  const totalMs = performance.now() - started;
  const allVerdict = totalMs < TARGETS.rematchAllMs ? 'ok' : 'MISSED';
  print(
    `bulk change: ${CHANGED_OFFERINGS} offerings re-upserted in ${round(upsertMs)} ms, then top ${LIMIT} for all ${COMPANY_COUNT} companies ` +
      `(${matched} matches) in ${round((totalMs - upsertMs) / 1000, 2)} s; total ${round(totalMs / 1000, 2)} s, target under ${TARGETS.rematchAllMs / 1000} s — ${allVerdict}`,
  );
  print(`load average 1/5/15 min before · after: ${formatLoadAverages(loadBefore, loadAverage())}`);
}

if (require.main === module) {
  benchMatching((line) => console.log(line)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
