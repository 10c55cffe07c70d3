import { RUN_COUNTS, type RunCount } from '../application/job';
import type { JobRunDocument } from '../infrastructure/models';

/** A run as `hub run` and `hub runs` print it, as text or JSON: the same shape from the database and the graph. */
export interface RunView {
  id: string;
  job: string;
  trigger: string;
  status: string;
  startedAt: string;
  endedAt: string | null;
  durationMs: number | null;
  counts: Record<RunCount, number>;
  /** The first items the run could not take; counts.rejected counts them all. */
  rejected: Array<{ item: string; reason: string }>;
  error: string | null;
  cursorBefore: string | null;
  cursorAfter: string | null;
  options: Record<string, string>;
}

/** What the jobs subgraph answers for a JobRun (enums in GraphQL's upper case). */
export interface GraphJobRun {
  id: string;
  job: string;
  trigger: string;
  status: string;
  startedAt: string;
  endedAt: string | null;
  counts: Partial<Record<RunCount, number>>;
  rejected: Array<{ item: string; reason: string }>;
  error: string | null;
  cursorBefore: string | null;
  cursorAfter: string | null;
  options: Array<{ name: string; value: string }>;
}

export const JOB_RUN_FIELDS = 'id job trigger status startedAt endedAt counts { fetched created updated unchanged closed rejected exported } rejected { item reason } error cursorBefore cursorAfter options { name value }';

/** JOB_ADS → job-ads, SUCCEEDED → succeeded. */
export function fromGraphEnum(value: string): string {
  return value.toLowerCase().replace(/_/g, '-');
}

/** job-ads → JOB_ADS. */
export function toGraphEnum(value: string): string {
  return value.toUpperCase().replace(/-/g, '_');
}

function fullCounts(counts: Partial<Record<RunCount, number>> | undefined): Record<RunCount, number> {
  return Object.fromEntries(RUN_COUNTS.map((name) => [name, counts?.[name] ?? 0])) as Record<RunCount, number>;
}

function durationOf(startedAt: string, endedAt: string | null): number | null {
  return endedAt === null ? null : Math.max(0, Date.parse(endedAt) - Date.parse(startedAt));
}

export function runViewFromRecord(run: JobRunDocument): RunView {
  const startedAt = new Date(run.startedAt).toISOString();
  const endedAt = run.endedAt ? new Date(run.endedAt).toISOString() : null;
  return {
    id: run._id.toHexString(),
    job: run.job,
    trigger: run.trigger,
    status: run.status,
    startedAt,
    endedAt,
    durationMs: durationOf(startedAt, endedAt),
    counts: fullCounts(run.counts as Partial<Record<RunCount, number>>),
    rejected: (run.rejected ?? []).map(({ item, reason }) => ({ item, reason })),
    error: run.error ?? null,
    cursorBefore: run.cursorBefore ?? null,
    cursorAfter: run.cursorAfter ?? null,
    options: Object.fromEntries((run.options ?? []).map(({ name, value }) => [name, value])),
  };
}

export function runViewFromGraph(run: GraphJobRun): RunView {
  return {
    id: run.id,
    job: fromGraphEnum(run.job),
    trigger: fromGraphEnum(run.trigger),
    status: fromGraphEnum(run.status),
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    durationMs: durationOf(run.startedAt, run.endedAt),
    counts: fullCounts(run.counts),
    rejected: run.rejected,
    error: run.error,
    cursorBefore: run.cursorBefore,
    cursorAfter: run.cursorAfter,
    options: Object.fromEntries(run.options.map(({ name, value }) => [name, value])),
  };
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

/** The counts that are not zero, e.g. "fetched 120, created 100, rejected 3"; "nothing" when all are. */
export function formatCounts(counts: Record<RunCount, number>): string {
  const parts = RUN_COUNTS.filter((name) => counts[name] > 0).map((name) => `${name} ${counts[name].toLocaleString('en')}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

/** One run in full, for `hub run`. */
export function formatRun(run: RunView, rejectedShown = 20): string {
  const lines = [
    `${run.job} run ${run.id}: ${run.status.toUpperCase()} (${run.trigger}, ${formatDuration(run.durationMs)})`,
    `  started  ${run.startedAt}`,
    `  ended    ${run.endedAt ?? '—'}`,
    `  counts   ${formatCounts(run.counts)}`,
  ];
  const options = Object.entries(run.options);
  if (options.length > 0) lines.push(`  options  ${options.map(([name, value]) => `${name}=${value}`).join(' ')}`);
  if (run.cursorBefore !== null || run.cursorAfter !== null) lines.push(`  cursor   ${run.cursorBefore ?? '(none)'} → ${run.cursorAfter ?? '(none)'}`);
  if (run.error) lines.push(`  error    ${run.error}`);
  if (run.counts.rejected > 0) {
    lines.push(`  rejected ${run.counts.rejected.toLocaleString('en')}${run.counts.rejected > run.rejected.length ? ` (the first ${run.rejected.length} kept)` : ''}:`);
    for (const { item, reason } of run.rejected.slice(0, rejectedShown)) lines.push(`    ${item}: ${reason}`);
    if (run.rejected.length > rejectedShown) lines.push(`    … and ${run.rejected.length - rejectedShown} more (--json lists them)`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs as a table, newest first, for `hub runs`. */
export function formatRunsTable(runs: RunView[]): string {
  if (runs.length === 0) return 'no runs\n';
  const rows = runs.map((run) => [
    run.startedAt.replace('T', ' ').slice(0, 19),
    run.job,
    run.trigger,
    run.status,
    formatDuration(run.durationMs),
    formatCounts(run.counts) + (run.error ? ` — ${truncate(run.error, 80)}` : ''),
  ]);
  const header = ['STARTED (UTC)', 'JOB', 'TRIGGER', 'STATUS', 'DURATION', 'COUNTS'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] as number))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** An erasure as `hub erase` prints it. */
export interface ErasureView {
  id: string;
  requestedAt: string;
  complete: boolean;
  completions: Array<{ service: string; at: string }>;
}

export function formatErasure(erasure: ErasureView, services: readonly string[]): string {
  const done = new Map(erasure.completions.map((completion) => [completion.service, completion.at]));
  const lines = [`erasure ${erasure.id}: ${erasure.complete ? 'COMPLETE' : 'NOT COMPLETE'} (requested ${erasure.requestedAt})`];
  for (const service of services) lines.push(`  ${service.padEnd(14)} ${done.get(service) ?? 'pending'}`);
  return `${lines.join('\n')}\n`;
}
