import { GatewayRefusal, type GatewayClient, type GraphQLErrorDetail } from '@hub/shared/client';
import { DomainError } from '@hub/shared/errors';
import type { Logger } from '@hub/shared/logging';
import { untranslated, WordedError, type LocalisedText } from '../domain/text';

export const JOB_NAMES = ['job-ads', 'funding-calls', 'organisation-import', 'funder-report'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** What a run counts; a job uses the ones that fit it. */
export const RUN_COUNTS = ['fetched', 'created', 'updated', 'unchanged', 'closed', 'rejected', 'exported'] as const;
export type RunCount = (typeof RUN_COUNTS)[number];

/**
 * Where a job resumes: the value it committed after the last batch it applied in full. A run that fails half-way
 * leaves the cursor at its last committed batch, so the next run redoes at most the batches it had under way
 * (idempotently).
 */
export interface JobCursor {
  read(): Promise<string | null>;
  commit(value: string): Promise<void>;
}

/** What one run of a job is given. */
export interface JobContext {
  /** The hub's gateway with the integration token: jobs are clients like any partner's. */
  gateway: GatewayClient;
  cursor: JobCursor;
  /** Options of this run, e.g. `{ file: 'orgs.csv' }` or `{ out: 'reports/', from: '2026-01-01' }`. */
  options: Readonly<Record<string, string>>;
  count(name: RunCount, by?: number): void;
  /** An item the job could not take, with why in both languages; the run goes on and the run record lists it. */
  reject(item: string, reason: LocalisedText): void;
  /** How far the run is, for progress bars; `total` when it is known. */
  progress(done: number, total?: number): void;
  /** Set when the run should stop (Ctrl-C, shutdown): stop between batches, after committing the cursor. */
  signal: AbortSignal;
  logger: Logger;
}

export interface Job {
  name: JobName;
  description: string;
  run(context: JobContext): Promise<void>;
}

/**
 * Why a run failed, in both languages: a job's or the shared kit's own failure as it words it, the hub's refusal in the hub's words
 * (extensions.texts, where the service gives them), anything else as its message in both.
 */
export function failureTexts(error: unknown): LocalisedText {
  if (error instanceof WordedError || error instanceof DomainError) return error.texts;
  if (error instanceof GatewayRefusal) {
    const details = (language: keyof LocalisedText) => error.errors.map((detail) => `${hubWords(detail)[language]}${detail.code ? ` (${detail.code})` : ''}`).join('; ');
    return { sv: `hubben avvisade begäran: ${details('sv')}`, en: error.message };
  }
  return untranslated(error instanceof Error ? error.message : String(error));
}

/** An item the hub refused, in the hub's own words, and the input it refused where that is known. */
export function refusedByTheHub(details: readonly GraphQLErrorDetail[], field?: string): LocalisedText {
  const words = (language: keyof LocalisedText) => `${details.map((detail) => hubWords(detail)[language]).join('; ')}${field ? ` (${field})` : ''}`;
  return { sv: `avvisad av hubben: ${words('sv')}`, en: `refused by the hub: ${words('en')}` };
}

/** One of the hub's errors in its own words: its Swedish where the service gives it, else its English message in both. */
export function hubWords(detail: GraphQLErrorDetail): LocalisedText {
  return { sv: detail.texts?.sv ?? detail.message, en: detail.message };
}
