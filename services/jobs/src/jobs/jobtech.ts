import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { isRegion10Municipality, REGION10_MUNICIPALITIES } from '@hub/shared/contracts';
import { readOrganisationNumber } from '../domain/organisation-number';
import { WordedError, type LocalisedText } from '../domain/text';
import { fetchJson, fetchWithRetries, UnexpectedAnswer, type SourceSettings } from '../infrastructure/http-source';

/**
 * Arbetsförmedlingen's JobTech JobStream: `GET /snapshot` answers every published ad as line-delimited JSON;
 * `GET /stream?updated-after=…&location-concept-id=…` answers a JSON array of the ads changed since then,
 * upserts and removals (`removed: true`) alike.
 */
export interface JobTechSource extends SourceSettings {
  baseUrl: string;
  /** Sent as the `api-key` header when set. */
  apiKey?: string;
  /** Where the snapshot is spooled while a run applies it (a directory of its own, removed after); the system's temporary directory unless set. */
  spoolDir?: string;
}

const taxonomyItem = z.object({
  concept_id: z.string().nullish(),
  label: z.string().nullish(),
  legacy_ams_taxonomy_id: z.string().nullish(),
});

/** The fields the sync reads; everything else in an ad is left out. Removed ads carry little more than their id. */
const jobAdSchema = z.object({
  id: z.union([z.string().min(1), z.number().int()]).transform(String),
  headline: z.string().nullish(),
  application_deadline: z.string().nullish(),
  number_of_vacancies: z.number().nullish(),
  description: z.object({ text: z.string().nullish() }).nullish(),
  employer: z.object({ name: z.string().nullish(), organization_number: z.string().nullish() }).nullish(),
  occupation_group: taxonomyItem.nullish(),
  workplace_address: z
    .object({ municipality: z.string().nullish(), municipality_code: z.string().nullish(), municipality_concept_id: z.string().nullish() })
    .nullish(),
  /** Newer ads say whether the work can be done remotely; older ones leave it out. */
  remote_work: z.boolean().nullish(),
  removed: z.boolean().nullish(),
  /** When the ad last changed at the source, in epoch milliseconds: the stream's cursor. */
  timestamp: z.number().int(),
});

export type JobAd = z.infer<typeof jobAdSchema>;

/** An answer is garbage, and retried, unless it is a list of ads that each carry an id and a timestamp. */
const answerSchema = z.array(jobAdSchema);

function parseAds(body: unknown): JobAd[] {
  const result = answerSchema.safeParse(body);
  if (!result.success) throw new Error(z.prettifyError(result.error).replace(/\s+/g, ' '));
  return result.data;
}

function headers(source: JobTechSource): Record<string, string> {
  return source.apiKey ? { 'api-key': source.apiKey } : {};
}

/** One ad of a spooled snapshot: what ordering and resuming need, and where the rest lies in the file. */
export interface SnapshotEntry {
  id: string;
  /** When the ad last changed, in epoch milliseconds. */
  timestamp: number;
  /** Where the ad's line starts in the spooled file, and its length without the newline, in bytes. */
  offset: number;
  length: number;
}

/**
 * JobTech's snapshot, spooled to a file: held in memory is only a small entry per ad; the ads themselves are read
 * back from the file a batch at a time. `remove` deletes the file; a run calls it whether it succeeds or not.
 */
export interface SpooledSnapshot {
  /** Every ad of the snapshot, in the source's order. */
  readonly entries: readonly SnapshotEntry[];
  /** The ads of these entries, read back from the file, in the same order. */
  read(entries: readonly SnapshotEntry[]): Promise<JobAd[]>;
  remove(): Promise<void>;
}

/** A line longer than this is garbage: no ad is nearly as long, and a body without newlines must not be held whole. */
const LONGEST_LINE_BYTES = 4 * 2 ** 20;
const NEWLINE = 0x0a;

/**
 * GETs the snapshot (line-delimited JSON, ~2 kB an ad) and streams it to a file of its own under `spoolDir`,
 * indexing each line as it passes: every line must be an ad as `jobAdSchema` reads it, or the attempt is garbage
 * and retried, like any other failed attempt (a timeout while the body streams included), with nothing applied.
 * The file is gone again when this throws.
 */
export async function fetchSnapshot(source: JobTechSource, signal: AbortSignal): Promise<SpooledSnapshot> {
  const dir = await mkdtemp(path.join(source.spoolDir ?? tmpdir(), 'jobtech-snapshot-'));
  const file = path.join(dir, 'snapshot.jsonl');
  try {
    const entries = await fetchWithRetries(`${source.baseUrl}/snapshot`, { ...source, headers: headers(source), signal }, (response) => spool(response, file));
    return new FileSnapshot(entries, await open(file, 'r'), dir);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Writes the body to `file` (anew on each attempt) as it arrives, answering an entry per non-blank line. */
async function spool(response: Response, file: string): Promise<SnapshotEntry[]> {
  if (!response.body) throw new UnexpectedAnswer('no body');
  const reader = response.body.getReader();
  const out = await open(file, 'w');
  const entries: SnapshotEntry[] = [];
  let written = 0;
  let lineNumber = 0;
  let lineStart = 0;
  let partial: Buffer[] = [];
  let partialBytes = 0;
  const endLine = (last: Buffer): void => {
    const line = partial.length > 0 ? Buffer.concat([...partial, last]) : last;
    lineNumber += 1;
    const entry = indexLine(line, lineNumber, lineStart);
    if (entry) entries.push(entry);
    partial = [];
    partialBytes = 0;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      for (let from = 0; from < chunk.length; ) {
        const { bytesWritten } = await out.write(chunk, from, chunk.length - from, written + from);
        from += bytesWritten;
      }
      let from = 0;
      for (let newline = chunk.indexOf(NEWLINE); newline !== -1; newline = chunk.indexOf(NEWLINE, from)) {
        endLine(chunk.subarray(from, newline));
        from = newline + 1;
        lineStart = written + from;
      }
      if (from < chunk.length) {
        partial.push(Buffer.from(chunk.subarray(from)));
        partialBytes += chunk.length - from;
        if (partialBytes > LONGEST_LINE_BYTES) throw new UnexpectedAnswer(`line ${lineNumber + 1}: longer than ${LONGEST_LINE_BYTES} bytes`);
      }
      written += chunk.length;
    }
    if (partialBytes > 0) endLine(Buffer.alloc(0));
    return entries;
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    await out.close();
  }
}

/** A line's entry; none for a blank line. Throws UnexpectedAnswer for a line that is not an ad. */
function indexLine(line: Buffer, lineNumber: number, offset: number): SnapshotEntry | undefined {
  const text = line.toString('utf8');
  if (text.trim() === '') return undefined;
  let ad: JobAd;
  try {
    ad = parseAd(text);
  } catch (error) {
    throw new UnexpectedAnswer(`line ${lineNumber}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { id: ad.id, timestamp: ad.timestamp, offset, length: line.length };
}

function parseAd(text: string): JobAd {
  const result = jobAdSchema.safeParse(JSON.parse(text));
  if (!result.success) throw new Error(z.prettifyError(result.error).replace(/\s+/g, ' '));
  return result.data;
}

/** Whether `next` starts on the line after `entry`'s (blank lines between would break the run, which is harmless). */
function adjacent(entry: SnapshotEntry, next: SnapshotEntry): boolean {
  return next.offset === entry.offset + entry.length + 1;
}

class FileSnapshot implements SpooledSnapshot {
  private removed: Promise<void> | undefined;

  constructor(
    readonly entries: readonly SnapshotEntry[],
    private readonly handle: FileHandle,
    private readonly dir: string,
  ) {}

  /** Entries that follow one another in the file (the usual case once sorted by id) are read with one call. */
  async read(entries: readonly SnapshotEntry[]): Promise<JobAd[]> {
    const ads: JobAd[] = [];
    for (let from = 0; from < entries.length; ) {
      let to = from + 1;
      while (to < entries.length && adjacent(entries[to - 1] as SnapshotEntry, entries[to] as SnapshotEntry)) to += 1;
      const first = entries[from] as SnapshotEntry;
      const last = entries[to - 1] as SnapshotEntry;
      const length = last.offset + last.length - first.offset;
      const buffer = Buffer.allocUnsafe(length);
      const { bytesRead } = await this.handle.read(buffer, 0, length, first.offset);
      if (bytesRead !== length) throw new WordedError({ sv: `den sparade ögonblicksbilden tog slut före annons ${last.id}`, en: `the spooled snapshot ended before ad ${last.id}` });
      for (let i = from; i < to; i++) {
        const entry = entries[i] as SnapshotEntry;
        ads.push(parseAd(buffer.toString('utf8', entry.offset - first.offset, entry.offset - first.offset + entry.length)));
      }
      from = to;
    }
    return ads;
  }

  remove(): Promise<void> {
    this.removed ??= this.handle.close().finally(() => rm(this.dir, { recursive: true, force: true }));
    return this.removed;
  }
}

/** Ads of Region 10's municipalities changed after `after` (sent to the second, in UTC: a little overlap is harmless). */
export function fetchChanges(source: JobTechSource, after: Date, signal: AbortSignal): Promise<JobAd[]> {
  const query = new URLSearchParams({ 'updated-after': after.toISOString().slice(0, 19) });
  for (const municipality of REGION10_MUNICIPALITIES) query.append('location-concept-id', municipality.jobtechConceptId);
  return fetchJson(`${source.baseUrl}/stream?${query.toString()}`, { ...source, headers: headers(source), signal, parse: parseAds });
}

/** The hub's id of an imported ad: the source's id, prefixed so ads of other sources never collide. */
export function externalIdOf(ad: Pick<JobAd, 'id'>): string {
  return `jobtech:${ad.id}`;
}

export interface VacancyFromAd {
  organisationNumber: string;
  employerName: string;
  vacancy: {
    title: string;
    occupationCode: string;
    municipalityCode: string;
    workMode: 'ON_SITE' | 'REMOTE';
    housingHelp: boolean;
    positions: number;
    applicationDeadline: string | null;
    description: string | null;
    externalId: string;
  };
}

const TITLE_LENGTH = 200;
const DESCRIPTION_LENGTH = 20_000;
const MAX_POSITIONS = 500;

/**
 * An ad as a vacancy of the hub, or why it cannot be one. The hub checks the occupation code against SSYK 2012
 * itself (an unknown code is refused there, and the ad rejected with the hub's reason).
 */
export function vacancyFromAd(ad: JobAd): VacancyFromAd | { rejected: LocalisedText } {
  const reject = (sv: string, en: string) => ({ rejected: { sv, en } });
  const municipalityCode = ad.workplace_address?.municipality_code?.trim();
  if (!municipalityCode) return reject('ingen kommun för arbetsplatsen', 'no workplace municipality');
  if (!isRegion10Municipality(municipalityCode)) {
    const named = ad.workplace_address?.municipality;
    return reject(`utanför Region 10: ${named ?? 'kommun'} ${municipalityCode}`, `outside Region 10: ${named ?? 'municipality'} ${municipalityCode}`);
  }
  const number = ad.employer?.organization_number;
  if (!number) return reject('inget organisationsnummer (en enskild firma?): arbetsgivare kopplas samman på det', 'no organisation number (a sole trader?): employers are joined on it');
  const reading = readOrganisationNumber(number);
  // a personal identity number is personal data: the reason says what it is, never the number
  if (reading.kind === 'personal-identity-number') {
    return reject('arbetsgivaren anges med ett personnummer (en enskild firma)', 'the employer is identified by a personal identity number (a sole trader)');
  }
  if (reading.kind === 'invalid') return reject('inte ett giltigt organisationsnummer', 'not a valid organisation number');
  const employerName = ad.employer?.name?.trim();
  if (!employerName) return reject('inget arbetsgivarnamn', 'no employer name');
  const title = ad.headline?.trim();
  if (!title) return reject('ingen rubrik', 'no headline');
  const occupationCode = ad.occupation_group?.legacy_ams_taxonomy_id?.trim();
  if (!occupationCode) return reject('ingen yrkesgrupp (SSYK 2012)', 'no occupation group (SSYK 2012)');
  const description = ad.description?.text?.trim();
  const positions = ad.number_of_vacancies;
  return {
    organisationNumber: reading.number,
    employerName,
    vacancy: {
      title: title.slice(0, TITLE_LENGTH),
      occupationCode,
      municipalityCode,
      workMode: ad.remote_work ? 'REMOTE' : 'ON_SITE',
      housingHelp: false,
      positions: positions && Number.isInteger(positions) ? Math.min(Math.max(positions, 1), MAX_POSITIONS) : 1,
      applicationDeadline: ad.application_deadline ? ad.application_deadline.slice(0, 10) : null,
      description: description ? description.slice(0, DESCRIPTION_LENGTH) : null,
      externalId: externalIdOf(ad),
    },
  };
}
