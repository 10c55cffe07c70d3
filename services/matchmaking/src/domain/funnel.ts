import type { HubClaims } from '@hub/shared/auth';
import { ForbiddenError, ValidationError } from '@hub/shared/errors';

/**
 * The work with companies as a funnel, per project: many are contacted, fewer engaged, a few get a deep dive
 * (North Business Arena: 1200 contacts, 220 companies worked with, 20 deep dives). Funders read it cumulatively,
 * so a company's stage is the furthest it has come: it moves forward only (possibly skipping a stage), and a
 * backward move is accepted only as a correction of a stage set by mistake.
 */
export const FUNNEL_STAGES = ['contact', 'engaged', 'deep-dive'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** A stage as the Swedish wording of an error names it, as the funnel is spoken of in the offices. */
const STAGE_IN_SWEDISH: Record<FunnelStage, string> = { contact: 'kontakt', engaged: 'bearbetas', 'deep-dive': 'fördjupning' };

export interface StageChange {
  stage: FunnelStage;
  /** ISO-8601, when it was recorded */
  at: string;
  /** The user (claims.sub). */
  by: string;
  /** Present when the change replaces the one before it, which was a mistake, rather than being a step of the company. */
  correction?: true;
}

/** Who is in the funnel of which project. The municipality is the company's when it entered, and scopes reports. */
export interface FunnelSubject {
  companyId: string;
  projectId: string;
  municipalityCode: string;
}

export interface FunnelEntry extends FunnelSubject {
  stage: FunnelStage;
  /** Oldest first; never empty. */
  history: StageChange[];
}

const order = (stage: FunnelStage): number => FUNNEL_STAGES.indexOf(stage);

/**
 * Sets a company's stage in a project: `entry` is its entry, or who it is when it is new to the project's funnel.
 * `mayWork` is the caller's answer to whether the user works in the project (municipal or partner staff of one of
 * its organisations, or an admin). Setting the stage it has already is no change (changed: false), so a repeated
 * request is harmless.
 */
export function setStage(
  entry: FunnelEntry | FunnelSubject,
  stage: FunnelStage,
  claims: HubClaims,
  mayWork: boolean,
  now: Date,
  options: { correction?: boolean } = {},
): { entry: FunnelEntry; changed: boolean } {
  if (!mayWork) throw new ForbiddenError({ en: "Only the staff of the project's organisations may set a company's stage", sv: 'Bara personal hos projektets organisationer får ange ett företags steg' });
  if (!(FUNNEL_STAGES as readonly string[]).includes(stage)) throw new ValidationError({ en: `Unknown stage ${String(stage)}`, sv: `Okänt steg ${String(stage)}` }, 'stage');
  const change: StageChange = { stage, at: now.toISOString(), by: claims.sub };
  if (options.correction) change.correction = true;

  if (!('history' in entry)) {
    if (options.correction) throw new ValidationError({ en: 'The company has no stage in this project to correct', sv: 'Företaget har inget steg i projektet att rätta' }, 'correction');
    const { companyId, projectId, municipalityCode } = entry;
    return { entry: { companyId, projectId, municipalityCode, stage, history: [change] }, changed: true };
  }
  if (entry.stage === stage) return { entry, changed: false };
  if (order(stage) < order(entry.stage) && !options.correction) {
    throw new ValidationError(
      {
        en: `The company has reached ${entry.stage}, and a company does not move back in the funnel; mark the change as a correction if ${entry.stage} was set by mistake`,
        sv: `Företaget har nått steget ${STAGE_IN_SWEDISH[entry.stage]}, och ett företag går inte bakåt i tratten; markera ändringen som rättelse om steget ${STAGE_IN_SWEDISH[entry.stage]} blev fel`,
      },
      'stage',
    );
  }
  return { entry: { ...entry, stage, history: [...entry.history, change] }, changed: true };
}

/**
 * The stages a company actually went through, with when: a correction replaces the step before it, keeping
 * that step's time (the company did something then; only the stage recorded was wrong).
 */
function effectiveSteps(history: readonly StageChange[]): Array<{ stage: FunnelStage; at: number }> {
  const steps: Array<{ stage: FunnelStage; at: number }> = [];
  for (const change of history) {
    const replaced = change.correction ? steps.pop() : undefined;
    steps.push({ stage: change.stage, at: replaced?.at ?? Date.parse(change.at) });
  }
  return steps;
}

export type StageCounts = Record<FunnelStage, number>;

export interface FunnelCounts {
  /** Companies that reached each stage in the period; cumulative, so one at deep-dive counts in all three. */
  reached: StageCounts;
  /** Companies at each stage at the end of the period (now when it is open); each in one stage. */
  current: StageCounts;
}

export interface FunnelRow extends FunnelCounts {
  projectId: string;
  municipalityCode: string;
}

export interface FunnelReport {
  /** Distinct companies over all the rows: a company in two projects counts once, at its furthest stage. */
  total: FunnelCounts;
  /** Per project and municipality, ordered by both; a place with entries but nothing in the period shows zeros. */
  rows: FunnelRow[];
}

export interface FunnelFilter {
  projectId?: string;
  municipalityCode?: string;
  /** ISO-8601, inclusive */
  from?: string;
  /** ISO-8601, exclusive */
  to?: string;
}

const zero = (): StageCounts => ({ contact: 0, engaged: 0, 'deep-dive': 0 });

function parseTime(value: string | undefined, field: string): number | null {
  if (value === undefined) return null;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new ValidationError({ en: 'Expected an ISO-8601 time', sv: 'Ange en tidpunkt enligt ISO 8601' }, field);
  return time;
}

/** The furthest stage reached in the period and the stage at its end, as indexes in FUNNEL_STAGES; -1 for none. */
function positions(entry: Pick<FunnelEntry, 'history'>, from: number | null, to: number | null): { reached: number; current: number } {
  let reached = -1;
  let current = -1;
  for (const step of effectiveSteps(entry.history)) {
    if (to !== null && step.at >= to) continue;
    current = order(step.stage);
    if (from === null || step.at >= from) reached = Math.max(reached, current);
  }
  return { reached, current };
}

function add(counts: FunnelCounts, reached: number, current: number): void {
  FUNNEL_STAGES.forEach((stage, i) => {
    if (i <= reached) counts.reached[stage]++;
  });
  const stage = FUNNEL_STAGES[current];
  if (stage) counts.current[stage]++;
}

/** Counts per stage for the entries the filter selects: reached in the period, and where the companies stand at its end. */
export function funnelCounts(entries: readonly FunnelEntry[], filter: FunnelFilter = {}): FunnelReport {
  const from = parseTime(filter.from, 'filter.from');
  const to = parseTime(filter.to, 'filter.to');
  if (from !== null && to !== null && to < from) throw new ValidationError({ en: 'The period ends before it starts', sv: 'Perioden slutar innan den börjar' }, 'filter.to');

  const rows = new Map<string, FunnelRow>();
  const furthest = new Map<string, { reached: number; current: number }>();
  for (const entry of entries) {
    if (filter.projectId !== undefined && entry.projectId !== filter.projectId) continue;
    if (filter.municipalityCode !== undefined && entry.municipalityCode !== filter.municipalityCode) continue;
    const { reached, current } = positions(entry, from, to);
    const key = JSON.stringify([entry.projectId, entry.municipalityCode]);
    const row = rows.get(key) ?? { projectId: entry.projectId, municipalityCode: entry.municipalityCode, reached: zero(), current: zero() };
    rows.set(key, row);
    add(row, reached, current);
    const company = furthest.get(entry.companyId) ?? { reached: -1, current: -1 };
    furthest.set(entry.companyId, { reached: Math.max(company.reached, reached), current: Math.max(company.current, current) });
  }

  const total: FunnelCounts = { reached: zero(), current: zero() };
  for (const { reached, current } of furthest.values()) add(total, reached, current);
  const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...rows.values()].sort((a, b) => byKey(a.projectId, b.projectId) || byKey(a.municipalityCode, b.municipalityCode));
  return { total, rows: sorted };
}
