import { setTimeout as sleep } from 'node:timers/promises';
import { WordedError, type LocalisedText } from '../domain/text';

/** How a job talks to an outside source; from the configuration. */
export interface SourceSettings {
  /** Per attempt, including reading the answer. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** The first retry waits about this long, each next one twice as long (plus up to as much again at random). */
  backoffMs: number;
}

export interface FetchOptions extends SourceSettings {
  headers?: Record<string, string>;
  /** The run's signal: stops waiting and retrying at once. */
  signal?: AbortSignal;
}

export interface FetchJsonOptions<T> extends FetchOptions {
  /** `json-lines`: one JSON value per line, handed to `parse` as an array. */
  format?: 'json' | 'json-lines';
  /** Validates the answer (a zod schema's `parse`, say); a throw counts as garbage and is retried. */
  parse: (body: unknown) => T;
}

/** A source that could not be read: what failed, after how many attempts, at which URL (without secrets). */
export class SourceError extends WordedError {
  constructor(
    texts: LocalisedText,
    readonly attempts: number,
    readonly status?: number,
  ) {
    super(texts);
    this.name = 'SourceError';
  }
}

/** Thrown by a reader of an answer that is not what was expected: garbage, retried like invalid JSON. */
export class UnexpectedAnswer extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnexpectedAnswer';
  }
}

/** A Retry-After longer than this is not waited for: the run fails and the next scheduled one tries again. */
const LONGEST_RETRY_AFTER_MS = 60_000;

type Attempt<T> = { ok: true; value: T } | { ok: false; reason: LocalisedText; retry: boolean; status?: number; retryAfterMs?: number };

/**
 * GETs JSON from a source. Network errors, timeouts, 5xx, 429 and garbage (invalid JSON, or an answer `parse`
 * refuses) are retried with exponential backoff and jitter; other 4xx (401, 404…) fail at once, since asking
 * again would not change the answer. After the last attempt it throws a SourceError saying what failed.
 */
export function fetchJson<T>(url: string, options: FetchJsonOptions<T>): Promise<T> {
  return fetchWithRetries(url, options, async (response) => {
    const text = await response.text();
    try {
      return options.parse(options.format === 'json-lines' ? parseJsonLines(text) : JSON.parse(text));
    } catch (error) {
      throw new UnexpectedAnswer(errorMessage(error));
    }
  });
}

/**
 * GETs from a source as fetchJson does, with the same retries, but hands each successful (2xx) response to `read`,
 * which may stream its body. `read` runs within the attempt's timeout (`signal` ends with it, and so does the
 * body): an UnexpectedAnswer it throws counts as garbage, any other throw as a failed attempt; both are retried.
 */
export async function fetchWithRetries<T>(url: string, options: FetchOptions, read: (response: Response, signal: AbortSignal) => Promise<T>): Promise<T> {
  const maxAttempts = options.retries + 1;
  for (let attempt = 1; ; attempt++) {
    throwIfStopped(url, attempt - 1, options.signal);
    const outcome = await fetchOnce(url, options, read);
    if (outcome.ok) return outcome.value;
    throwIfStopped(url, attempt, options.signal);
    const get = `GET ${describeUrl(url)}`;
    const { sv, en } = outcome.reason;
    if (!outcome.retry) throw new SourceError({ sv: `${get} ${sv} (inte försökt igen)`, en: `${get} ${en} (not retried)` }, attempt, outcome.status);
    const gaveUp = { sv: `gav upp efter ${attempt} försök`, en: `gave up after ${attempt} attempts` };
    if (attempt >= maxAttempts) throw new SourceError({ sv: `${get} ${sv}; ${gaveUp.sv}`, en: `${get} ${en}; ${gaveUp.en}` }, attempt, outcome.status);
    if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > LONGEST_RETRY_AFTER_MS) {
      const seconds = Math.round(outcome.retryAfterMs / 1000);
      throw new SourceError({ sv: `${get} ${sv} och ber om att få vänta ${seconds} s; ${gaveUp.sv}`, en: `${get} ${en} and asks to wait ${seconds} s; ${gaveUp.en}` }, attempt, outcome.status);
    }
    const backoff = options.backoffMs * 2 ** (attempt - 1) + Math.random() * options.backoffMs * 2 ** (attempt - 1);
    await sleep(Math.max(backoff, outcome.retryAfterMs ?? 0), undefined, { signal: options.signal }).catch(() => undefined);
  }
}

async function fetchOnce<T>(url: string, options: FetchOptions, read: (response: Response, signal: AbortSignal) => Promise<T>): Promise<Attempt<T>> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await fetch(url, { headers: { accept: 'application/json', ...options.headers }, signal });
    if (!response.ok) {
      await response.text();
      const status = response.status;
      const retry = status >= 500 || status === 429;
      const answered = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
      return { ok: false, reason: { sv: `svarade ${answered}`, en: `answered ${answered}` }, retry, status, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
    }
    return { ok: true, value: await read(response, signal) };
  } catch (error) {
    if (error instanceof UnexpectedAnswer) {
      const answer = error.message.slice(0, 300);
      return { ok: false, reason: { sv: `skickade ett svar som inte var det väntade: ${answer}`, en: `sent an answer that is not what was expected: ${answer}` }, retry: true };
    }
    if (timeout.aborted) return { ok: false, reason: { sv: `svarade inte inom ${options.timeoutMs} ms`, en: `timed out after ${options.timeoutMs} ms` }, retry: true };
    const message = errorMessage(error);
    return { ok: false, reason: { sv: `misslyckades: ${message}`, en: `failed: ${message}` }, retry: true };
  }
}

function parseJsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, index) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        throw new Error(`line ${index + 1}: ${errorMessage(error)}`);
      }
    });
}

function throwIfStopped(url: string, attempts: number, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SourceError({ sv: `GET ${describeUrl(url)} stoppad: körningen avbröts`, en: `GET ${describeUrl(url)} stopped: the run was interrupted` }, attempts);
}

/** Seconds or an HTTP date, as Retry-After allows. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The URL as messages and run records show it: any key or token in the query left out. */
function describeUrl(url: string): string {
  const parsed = new URL(url);
  for (const name of [...parsed.searchParams.keys()]) {
    if (/key|token|secret/i.test(name)) parsed.searchParams.set(name, '…');
  }
  return parsed.toString();
}

function errorMessage(error: unknown): string {
  // duck-typed: errors thrown by fetch may come from another realm (a test's VM context), failing instanceof
  const { message, cause } = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as { message?: unknown; cause?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  // fetch wraps the reason (ECONNREFUSED, ECONNRESET…) in a generic "fetch failed"
  return cause === undefined ? text : `${text} (${errorMessage(cause)})`;
}
