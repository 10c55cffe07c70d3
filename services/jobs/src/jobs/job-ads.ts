import { setTimeout as sleep } from 'node:timers/promises';
import type { GatewayClient, GraphQLErrorDetail } from '@hub/shared/client';
import { hubWords, refusedByTheHub, type Job, type JobContext } from '../application/job';
import { WordedError, type LocalisedText } from '../domain/text';
import { GatewayRefusal } from '@hub/shared/client';
import { bySize } from '../infrastructure/request-size';
import { externalIdOf, fetchChanges, fetchSnapshot, vacancyFromAd, type JobAd, type JobTechSource, type SnapshotEntry, type SpooledSnapshot, type VacancyFromAd } from './jobtech';

export interface JobAdsSettings {
  source: JobTechSource;
  /** Ads applied per syncVacancies call and cursor commit (the hub takes at most 500). */
  batchSize?: number;
  /**
   * Batches sent to the hub before the oldest is answered (default 4): one at a time, the jobs process, the gateway,
   * the migration service and the database took turns on the cores instead of working side by side.
   */
  batchesInFlight?: number;
  /**
   * How long a batch waits for the migration service to hear of an employer this run registered (it learns of
   * new organisations from Kafka a moment later) before the run fails, to be resumed by the next one.
   */
  employerCatchUpMs?: number;
}

/**
 * Where the sync stands. During the first import it walks the snapshot in id order (`afterId`: the last ad
 * applied), remembering the newest change the snapshot held (`since`); then it follows the stream from there.
 */
type JobAdsCursor = { phase: 'snapshot'; since: number; afterId: string } | { phase: 'stream'; after: number };

const SYNC_VACANCIES = `mutation ($input: [VacancySyncInput!]!) {
  syncVacancies(input: $input) { created updated unchanged closed unknown } }`;
const CLOSE_IMPORTED = `mutation ($externalIds: [String!]!) {
  closeImportedVacancies(externalIds: $externalIds) { created updated unchanged closed unknown } }`;
const ORGANISATIONS_BY_NUMBER = 'query ($numbers: [String!]!) { organisationsByNumber(organisationNumbers: $numbers) { id } }';
/** Organisation numbers looked up per request: the register answers up to 500 at once. */
const LOOKUPS_PER_REQUEST = 500;
/** Registrations under way at once. */
const REGISTRATIONS_AT_ONCE = 8;
const REGISTER_ORGANISATION = 'mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }';

interface SyncResult {
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
  unknown: number;
}

/**
 * Imports Arbetsförmedlingen's job ads for Region 10's municipalities as vacancies: the snapshot on the first run,
 * then the changes since the last committed cursor. Idempotent (the hub matches ads on their external id, so a
 * repeated batch changes nothing); ads removed at the source are closed.
 */
export function jobAdsJob(settings: JobAdsSettings): Job {
  const batchSize = settings.batchSize ?? 200;
  const inFlight = settings.batchesInFlight ?? 4;
  const employerCatchUpMs = settings.employerCatchUpMs ?? 30_000;
  return {
    name: 'job-ads',
    description: "Imports JobTech's job ads in Region 10 as vacancies, incrementally; closes removed ads.",
    async run(context) {
      const cursor = parseCursor(await context.cursor.read());
      const sync = new BatchSync(context, new EmployerDirectory(context.gateway), employerCatchUpMs);
      if (cursor?.phase === 'stream') {
        const ads = await fetchChanges(settings.source, new Date(cursor.after), context.signal);
        context.count('fetched', ads.length);
        await applyChanges(ads, cursor.after, sync, context, batchSize, new InOrderBatches(inFlight, context.signal));
      } else {
        const snapshot = await fetchSnapshot(settings.source, context.signal);
        try {
          context.count('fetched', snapshot.entries.length);
          await applySnapshot(snapshot, cursor, sync, context, batchSize, new InOrderBatches(inFlight, context.signal));
        } finally {
          await snapshot.remove();
        }
      }
    },
  };
}

async function applySnapshot(snapshot: SpooledSnapshot, cursor: JobAdsCursor | null, sync: BatchSync, context: JobContext, batchSize: number, batches: InOrderBatches): Promise<void> {
  // In id order, so a resumed import skips exactly what was applied even if the source lists the ads differently;
  // an ad that appeared meanwhile with a lower id is newer than `since`, so the stream brings it. Only the entries
  // are sorted and kept; each batch's ads are read back from the spooled file.
  const ordered = [...snapshot.entries].sort((a, b) => compareIds(a.id, b.id));
  const since = cursor?.phase === 'snapshot' ? cursor.since : newestChange(ordered);
  const remaining = cursor?.phase === 'snapshot' ? ordered.filter((ad) => compareIds(ad.id, cursor.afterId) > 0) : ordered;
  let done = ordered.length - remaining.length;
  await batches.run(async () => {
    for (const batch of chunks(remaining, batchSize)) {
      if (context.signal.aborted) return;
      const send = await sync.prepare(await snapshot.read(batch));
      const last = batch[batch.length - 1] as SnapshotEntry;
      done += batch.length;
      const doneHere = done;
      await batches.add(batch.map((entry) => entry.id), send, async () => {
        await context.cursor.commit(JSON.stringify({ phase: 'snapshot', since, afterId: last.id } satisfies JobAdsCursor));
        context.progress(doneHere, ordered.length);
      });
    }
  });
  if (!context.signal.aborted) await context.cursor.commit(JSON.stringify({ phase: 'stream', after: since } satisfies JobAdsCursor));
}

async function applyChanges(ads: JobAd[], after: number, sync: BatchSync, context: JobContext, batchSize: number, batches: InOrderBatches): Promise<void> {
  const ordered = [...ads].sort((a, b) => a.timestamp - b.timestamp || compareIds(a.id, b.id));
  let done = 0;
  await batches.run(async () => {
    for (const batch of chunks(ordered, batchSize)) {
      if (context.signal.aborted) return;
      const send = await sync.prepare(batch);
      done += batch.length;
      const doneHere = done;
      const newest = Math.max(after, ...batch.map((ad) => ad.timestamp));
      // Changes at the same moment as the last one applied may still be ahead: resume just before that moment.
      const next = ordered[done];
      const committed = next && next.timestamp === newest ? newest - 1 : newest;
      // an ad changed twice waits for its earlier batch (InOrderBatches), so its changes land in order
      await batches.add(batch.map((ad) => ad.id), send, async () => {
        await context.cursor.commit(JSON.stringify({ phase: 'stream', after: committed } satisfies JobAdsCursor));
        context.progress(doneHere, ordered.length);
      });
    }
  });
}

/** The newest change in the snapshot; the stream continues after it. An empty snapshot starts the stream now. */
function newestChange(ads: ReadonlyArray<{ timestamp: number }>): number {
  return ads.length > 0 ? ads.reduce((newest, ad) => Math.max(newest, ad.timestamp), 0) : Date.now();
}

/**
 * Batches applied to the hub side by side, up to `limit`, and committed in their order: a batch's `after` (its cursor
 * commit) runs once it and every batch before it are applied, so a committed cursor never passes an ad not applied;
 * after a failure nothing further is committed and a resumed run redoes at most the batches that were in flight. A
 * batch sharing an ad with one in flight waits for it, so one ad's changes reach the hub in order.
 */
class InOrderBatches {
  private readonly queue: InFlightBatch[] = [];

  constructor(
    private readonly limit: number,
    private readonly signal: AbortSignal,
  ) {}

  /** Runs `produce`, which adds the batches; returns when every batch added is committed, or throws the first failure. */
  async run(produce: () => Promise<void>): Promise<void> {
    try {
      await produce();
      while (this.queue.length > 0) await this.settleOldest();
    } finally {
      // after a failure, the batches still under way end before the run is recorded and its lock released
      await Promise.allSettled(this.queue.splice(0).map((batch) => batch.applied));
    }
  }

  async add(adIds: readonly string[], apply: () => Promise<void>, after: () => Promise<void>): Promise<void> {
    while (this.queue.length >= this.limit || this.queue.some((batch) => adIds.some((id) => batch.ads.has(id)))) await this.settleOldest();
    // stopped while waiting: what is not sent yet is left to the next run
    if (this.signal.aborted) return;
    const applied = apply();
    // awaited in settleOldest (or by run after a failure): not an unhandled rejection meanwhile
    applied.catch(() => undefined);
    this.queue.push({ ads: new Set(adIds), applied, after });
  }

  private async settleOldest(): Promise<void> {
    const oldest = this.queue[0] as InFlightBatch;
    try {
      await oldest.applied;
    } catch (error) {
      if (!this.signal.aborted || (error as Error).name !== 'AbortError') throw error;
      // interrupted while waiting for an employer: a stop, not a failure; nothing after it is committed
      await Promise.allSettled(this.queue.splice(0).map((batch) => batch.applied));
      return;
    }
    this.queue.shift();
    await oldest.after();
  }
}

interface InFlightBatch {
  ads: ReadonlySet<string>;
  applied: Promise<void>;
  after: () => Promise<void>;
}

/** Applies one batch of ads to the hub: employers first, then the vacancies, then the removals. */
class BatchSync {
  constructor(
    private readonly context: JobContext,
    private readonly employers: EmployerDirectory,
    private readonly employerCatchUpMs: number,
  ) {}

  /**
   * Resolves the batch's employers (one batch at a time: the directory registers the new ones) and answers what sends
   * its vacancies and removals, which may run beside other batches' sends.
   */
  async prepare(batch: JobAd[]): Promise<() => Promise<void>> {
    // the stream may hold several versions of one ad: the last one counts
    const latest = [...new Map(batch.map((ad) => [ad.id, ad])).values()];
    const removedIds = latest.filter((ad) => ad.removed).map(externalIdOf);
    const candidates = latest.filter((ad) => !ad.removed).map((ad) => ({ ad, mapped: vacancyFromAd(ad) }));
    // the batch's employers together, then each ad's outcome in the batch's order
    const employers = await this.employers.resolve(candidates.flatMap(({ mapped }) => ('rejected' in mapped ? [] : [mapped])));
    const items: SyncItem[] = [];
    for (const { ad, mapped } of candidates) {
      if ('rejected' in mapped) {
        this.context.reject(ad.id, mapped.rejected);
        continue;
      }
      const employer = employers.get(mapped.organisationNumber) as Employer | Rejection;
      if ('rejected' in employer) this.context.reject(ad.id, employer.rejected);
      else items.push({ adId: ad.id, employer, vacancy: mapped.vacancy });
    }
    return async () => {
      if (items.length > 0) this.add(await this.syncVacancies(items));
      if (removedIds.length > 0) {
        const { closeImportedVacancies } = await this.context.gateway.request<{ closeImportedVacancies: SyncResult }>(CLOSE_IMPORTED, { externalIds: removedIds });
        this.add(closeImportedVacancies);
      }
    };
  }

  /**
   * All or nothing at the hub: an ad it refuses (an occupation code outside SSYK 2012, say) is rejected with the
   * hub's reason and the rest sent again; an employer registered moments ago is waited for, within bounds.
   */
  private async syncVacancies(items: SyncItem[]): Promise<SyncResult> {
    const total: SyncResult = { created: 0, updated: 0, unchanged: 0, closed: 0, unknown: 0 };
    for (const request of bySize(items)) {
      const result = await this.syncRequest(request);
      for (const key of Object.keys(total) as Array<keyof SyncResult>) total[key] += result[key];
    }
    return total;
  }

  private async syncRequest(items: SyncItem[]): Promise<SyncResult> {
    let remaining = items;
    const catchUpDeadline = Date.now() + this.employerCatchUpMs;
    for (;;) {
      if (remaining.length === 0) return { created: 0, updated: 0, unchanged: 0, closed: 0, unknown: 0 };
      try {
        const input = remaining.map((item) => ({ employerId: item.employer.id, vacancy: item.vacancy }));
        return (await this.context.gateway.request<{ syncVacancies: SyncResult }>(SYNC_VACANCIES, { input })).syncVacancies;
      } catch (error) {
        const refused = refusedItem(error, remaining);
        if (!refused) throw error;
        const { item, field, refusal } = refused;
        if (field === 'employerId' && item.employer.registeredNow) {
          if (Date.now() > catchUpDeadline) {
            const words = hubWords(refusal);
            throw new WordedError({
              sv: `hubben känner ännu inte till arbetsgivaren ${item.employer.id}, registrerad i den här körningen, efter ${this.employerCatchUpMs} ms: ${words.sv}`,
              en: `the hub has not heard of employer ${item.employer.id}, registered in this run, after ${this.employerCatchUpMs} ms: ${words.en}`,
            });
          }
          await sleep(500, undefined, { signal: this.context.signal });
          continue;
        }
        this.context.reject(item.adId, refusedByTheHub([refusal], field));
        remaining = remaining.filter((candidate) => candidate !== item);
      }
    }
  }

  private add(result: SyncResult): void {
    this.context.count('created', result.created);
    this.context.count('updated', result.updated);
    this.context.count('unchanged', result.unchanged);
    this.context.count('closed', result.closed);
  }
}

interface SyncItem {
  adId: string;
  employer: Employer;
  vacancy: VacancyFromAd['vacancy'];
}

/** The item a BAD_USER_INPUT on `input.N.…` points at, and the field within it; undefined for any other error. */
function refusedItem(error: unknown, items: SyncItem[]): { item: SyncItem; field: string; refusal: GraphQLErrorDetail } | undefined {
  if (!(error instanceof GatewayRefusal)) return undefined;
  const refusal = error.find('BAD_USER_INPUT');
  const match = refusal?.field?.match(/^input\.(\d+)\.(.+)$/);
  const item = match ? items[Number(match[1])] : undefined;
  if (!refusal || !match || !item) return undefined;
  return { item, field: (match[2] as string).replace(/^vacancy\./, ''), refusal };
}

interface Employer {
  id: string;
  /** Registered by this run: the migration service may not have heard of it yet. */
  registeredNow: boolean;
}

interface Rejection {
  rejected: LocalisedText;
}

/**
 * Employers by organisation number, looked up (or registered) once per run. A batch's numbers not seen before are
 * looked up together, several per request, and those not registered yet are registered a few at a time.
 */
class EmployerDirectory {
  private readonly byNumber = new Map<string, Employer | Rejection>();

  constructor(private readonly gateway: GatewayClient) {}

  /** The employers of these ads (or why one cannot be), by organisation number. Not to be called twice at once. */
  async resolve(ads: readonly VacancyFromAd[]): Promise<Map<string, Employer | Rejection>> {
    const unseen = new Map<string, VacancyFromAd>();
    for (const ad of ads) if (!this.byNumber.has(ad.organisationNumber) && !unseen.has(ad.organisationNumber)) unseen.set(ad.organisationNumber, ad);
    if (unseen.size > 0) {
      const known = await this.lookUpMany([...unseen.keys()]);
      await atMost(REGISTRATIONS_AT_ONCE, [...unseen.values()], async (ad) => {
        const id = known.get(ad.organisationNumber);
        this.byNumber.set(ad.organisationNumber, id ? { id, registeredNow: false } : await this.register(ad));
      });
    }
    return new Map(ads.map((ad) => [ad.organisationNumber, this.byNumber.get(ad.organisationNumber) as Employer | Rejection]));
  }

  private async register(ad: VacancyFromAd): Promise<Employer | Rejection> {
    try {
      const input = { kind: 'EMPLOYER', name: ad.employerName, organisationNumber: ad.organisationNumber, municipalityCode: ad.vacancy.municipalityCode, industries: [] };
      const { registerOrganisation } = await this.gateway.request<{ registerOrganisation: { id: string } }>(REGISTER_ORGANISATION, { input });
      return { id: registerOrganisation.id, registeredNow: true };
    } catch (error) {
      if (!(error instanceof GatewayRefusal)) throw error;
      if (error.find('CONFLICT')) {
        // registered by someone else since the look-up, moments ago
        const registered = await this.lookUp(ad.organisationNumber);
        if (registered) return { id: registered, registeredNow: true };
      }
      const refusal = error.find('BAD_USER_INPUT');
      if (refusal) {
        const words = hubWords(refusal);
        return { rejected: { sv: `registret avvisade arbetsgivaren: ${words.sv}`, en: `the register refused the employer: ${words.en}` } };
      }
      throw error;
    }
  }

  /** The ids of the registered organisations among these numbers. */
  private async lookUpMany(numbers: readonly string[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const group of chunks(numbers, LOOKUPS_PER_REQUEST)) {
      const { organisationsByNumber } = await this.gateway.request<{ organisationsByNumber: Array<{ id: string } | null> }>(ORGANISATIONS_BY_NUMBER, { numbers: group });
      group.forEach((number, i) => {
        const found = organisationsByNumber[i];
        if (found) ids.set(number, found.id);
      });
    }
    return ids;
  }

  private async lookUp(organisationNumber: string): Promise<string | null> {
    return (await this.lookUpMany([organisationNumber])).get(organisationNumber) ?? null;
  }
}

/**
 * Runs `work` on each item, at most `limit` at once. After a failure no further item is started; once the ones
 * under way have ended, it throws the first failure.
 */
async function atMost<T>(limit: number, items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
}

function parseCursor(value: string | null): JobAdsCursor | null {
  if (value === null) return null;
  try {
    const cursor = JSON.parse(value) as Partial<{ phase: string; since: number; afterId: string; after: number }>;
    if (cursor.phase === 'snapshot' && typeof cursor.since === 'number' && typeof cursor.afterId === 'string') {
      return { phase: 'snapshot', since: cursor.since, afterId: cursor.afterId };
    }
    if (cursor.phase === 'stream' && typeof cursor.after === 'number') return { phase: 'stream', after: cursor.after };
  } catch {
    // fall through to the one error below
  }
  throw new WordedError({ sv: `job-ads-markören ${value} är inte en som det här jobbet skrev`, en: `the job-ads cursor ${value} is not one this job wrote` });
}

/** JobTech's ids are numbers written as text: shorter is smaller; otherwise text order. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
