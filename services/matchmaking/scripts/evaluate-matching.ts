/**
 * Offline evaluation of company-to-offering matching against the labelled set in eval/ (see eval/README.md):
 * ranks the offerings for each company with topOfferings and prints precision@5 and nDCG@10 per company and
 * their means. Run from the repo root: `npx tsx services/matchmaking/scripts/evaluate-matching.ts`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OfferingIndex, topOfferings } from '../src/domain/matching';
import type { CompanyProfile, OfferingFacts } from '../src/domain/model';

const EVAL_DIR = path.resolve(__dirname, '../eval');
const K_PRECISION = 5;
const K_NDCG = 10;

interface Label {
  companyId: string;
  profile: string;
  /** offering id → 2 (clearly right) or 1 (useful); unlisted offerings are 0. */
  relevance: Record<string, number>;
}

interface LabelFile {
  today: string;
  labels: Label[];
}

function readJson<T>(file: string): T {
  // the set is this repository's own data, checked by the consistency checks below rather than by a schema
  return JSON.parse(readFileSync(path.join(EVAL_DIR, file), 'utf8')) as T;
}

/** Only the facts matching reads: the file also carries a title for the people who label. */
function facts(offering: OfferingFacts & { title?: string }): OfferingFacts {
  const { title: _title, ...rest } = offering;
  return rest;
}

function precisionAt(k: number, ranked: readonly string[], relevance: Readonly<Record<string, number>>): number {
  return ranked.slice(0, k).filter((id) => (relevance[id] ?? 0) > 0).length / k;
}

/** Graded gains (the label itself), discount log2(rank + 1), normalised by the best ranking the labels allow. */
function ndcgAt(k: number, ranked: readonly string[], relevance: Readonly<Record<string, number>>): number {
  const dcg = (gains: readonly number[]): number => gains.slice(0, k).reduce((sum, gain, i) => sum + gain / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(relevance).sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked.map((id) => relevance[id] ?? 0)) / ideal;
}

function main(): void {
  const companies = readJson<CompanyProfile[]>('companies.json');
  const offerings = readJson<Array<OfferingFacts & { title?: string }>>('offerings.json').map(facts);
  const { today, labels } = readJson<LabelFile>('labels.json');

  const offeringIds = new Set(offerings.map((o) => o.id));
  const byId = new Map(companies.map((c) => [c.id, c]));
  for (const label of labels) {
    if (!byId.has(label.companyId)) throw new Error(`labels name an unknown company ${label.companyId}`);
    const unknown = Object.keys(label.relevance).filter((id) => !offeringIds.has(id));
    if (unknown.length > 0) throw new Error(`labels of ${label.companyId} name unknown offerings: ${unknown.join(', ')}`);
  }

  const index = new OfferingIndex(offerings);
  console.log(`matching evaluation: ${companies.length} companies, ${offerings.length} offerings, today ${today}`);
  console.log(`${'company'.padEnd(16)}  P@${K_PRECISION}   nDCG@${K_NDCG}  labelled  top ${K_PRECISION} (grade)`);
  let precisionSum = 0;
  let ndcgSum = 0;
  for (const label of labels) {
    const ranked = topOfferings(index, byId.get(label.companyId)!, today, K_NDCG).map((m) => m.offeringId);
    const precision = precisionAt(K_PRECISION, ranked, label.relevance);
    const ndcg = ndcgAt(K_NDCG, ranked, label.relevance);
    precisionSum += precision;
    ndcgSum += ndcg;
    const grades = ranked.slice(0, K_PRECISION).map((id) => label.relevance[id] ?? 0).join('');
    console.log(`${label.companyId.padEnd(16)}  ${precision.toFixed(2)}  ${ndcg.toFixed(3)}    ${String(Object.keys(label.relevance).length).padStart(8)}  ${grades}`);
  }
  console.log(`${'mean'.padEnd(16)}  ${(precisionSum / labels.length).toFixed(3)}  ${(ndcgSum / labels.length).toFixed(3)}`);
}

main();
