import { swedishDate } from '@hub/shared/calendar';
import { failureTexts, refusedByTheHub, type Job, type JobContext } from '../application/job';
import { WordedError } from '../domain/text';
import { defaultSince, isIsoDate, readRound, roundsOf, VINNOVA_ORGANISATION_NUMBER, type FundingCall } from '../domain/vinnova';
import { GatewayRefusal } from '@hub/shared/client';
import { bySize } from '../infrastructure/request-size';
import { fetchJson, type SourceSettings } from '../infrastructure/http-source';

export interface FundingCallsSettings {
  /** Vinnova's open data API, e.g. https://data.vinnova.se (VINNOVA_BASE_URL). */
  baseUrl: string;
  source: SourceSettings;
  /** Rounds per request to the hub; the offerings service takes at most 100. */
  batchSize?: number;
  /** Whose calls they are in the hub: Vinnova's organisation number unless the run's `provider` option says otherwise. */
  providerOrganisationNumber?: string;
}

interface SyncResult {
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
}

const SYNC = `mutation ($providerId: ID!, $input: [FundingCallInput!]!) {
  syncFundingCalls(providerId: $providerId, input: $input) { created updated unchanged closed } }`;
const CLOSE = `mutation ($providerId: ID!, $externalIds: [String!]!) {
  closeImportedOfferings(providerId: $providerId, externalIds: $externalIds) { created updated unchanged closed } }`;
const PROVIDER = `query ($number: String!) { organisationByNumber(organisationNumber: $number) { id status } }`;

const DEFAULT_BATCH_SIZE = 50;

/**
 * Vinnova's application rounds as funding-call offerings of the hub, with their deadlines. Each run reads the
 * rounds changed since the cursor (the day the last complete run read them), creates and updates the public ones
 * and closes those Vinnova withdrew. Vinnova's answer has no order to resume within, so the cursor moves only when
 * every round is applied; a run cut short is redone from the same day, and what it already applied comes back
 * unchanged. Options: `since` (YYYY-MM-DD) for a first run, `provider` (an organisation number).
 */
export function fundingCallsJob(settings: FundingCallsSettings): Job {
  return {
    name: 'funding-calls',
    description: 'Imports Vinnova\'s funding calls (application rounds) as offerings, with their deadlines',
    run: (context) => syncFundingCalls(settings, context),
  };
}

async function syncFundingCalls(settings: FundingCallsSettings, context: JobContext): Promise<void> {
  const { gateway, cursor, options, logger } = context;
  const today = swedishDate();
  const since = (await cursor.read()) ?? options.since ?? defaultSince(today);
  if (!isIsoDate(since)) throw new WordedError({ sv: `"${since}" är inget datum att läsa ändringar från (ÅÅÅÅ-MM-DD)`, en: `"${since}" is not a date to read changes since (YYYY-MM-DD)` });
  const providerId = await providerIdOf(context, options.provider ?? settings.providerOrganisationNumber ?? VINNOVA_ORGANISATION_NUMBER);

  const url = `${settings.baseUrl.replace(/\/+$/, '')}/api/ansokningsomgangar/${since}`;
  let rounds: unknown[];
  try {
    rounds = await fetchJson(url, { ...settings.source, signal: context.signal, parse: roundsOf });
  } catch (error) {
    const why = failureTexts(error);
    throw new WordedError(
      { sv: `kunde inte läsa Vinnovas ansökningsomgångar ändrade sedan ${since}: ${why.sv}`, en: `could not read Vinnova's application rounds changed since ${since}: ${why.en}` },
      { cause: error },
    );
  }
  context.count('fetched', rounds.length);
  logger.info({ since, rounds: rounds.length }, 'read Vinnova\'s application rounds');

  // one entry per round, the last one the answer gives; in diarienummer order so batches are the same each run
  const latest = new Map<string, { call?: FundingCall; withdrawnId?: string }>();
  for (const [index, raw] of rounds.entries()) {
    const reading = readRound(raw, index);
    if (reading.kind === 'rejected') context.reject(reading.item, reading.reason);
    else latest.set(reading.diarienummer, reading.kind === 'open' ? { call: reading.call } : { withdrawnId: reading.externalId });
  }
  const entries = [...latest.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, entry]) => entry);

  const batchSize = settings.batchSize ?? DEFAULT_BATCH_SIZE;
  for (let start = 0; start < entries.length; start += batchSize) {
    if (context.signal.aborted) return;
    const batch = entries.slice(start, start + batchSize);
    await applyCalls(context, providerId, batch.flatMap((entry) => (entry.call ? [entry.call] : [])));
    const withdrawn = batch.flatMap((entry) => (entry.withdrawnId ? [entry.withdrawnId] : []));
    if (withdrawn.length > 0) {
      const { closeImportedOfferings: result } = await gateway.request<{ closeImportedOfferings: SyncResult }>(CLOSE, { providerId, externalIds: withdrawn });
      tally(context, result);
    }
    context.progress(Math.min(start + batchSize, entries.length), entries.length);
  }
  if (context.signal.aborted) return;
  await cursor.commit(today);
}

/**
 * Sends one batch. The hub checks a whole batch before storing any of it, so a call it still refuses (a rule the
 * job does not know of) is set aside as rejected and the rest sent again; any other refusal fails the run.
 */
async function applyCalls(context: JobContext, providerId: string, calls: FundingCall[]): Promise<void> {
  for (const request of bySize(calls)) await applyRequest(context, providerId, request);
}

async function applyRequest(context: JobContext, providerId: string, calls: FundingCall[]): Promise<void> {
  let pending = calls;
  while (pending.length > 0) {
    try {
      const { syncFundingCalls: result } = await context.gateway.request<{ syncFundingCalls: SyncResult }>(SYNC, { providerId, input: pending });
      tally(context, result);
      return;
    } catch (error) {
      const refused = error instanceof GatewayRefusal ? error.find('BAD_USER_INPUT') : undefined;
      const index = Number(/^input\.(\d+)\./.exec(refused?.field ?? '')?.[1] ?? Number.NaN);
      const call = pending[index];
      if (!refused || !call) throw error;
      context.reject(call.externalId, refusedByTheHub([refused], refused.field));
      pending = pending.filter((_, at) => at !== index);
    }
  }
}

function tally(context: JobContext, result: SyncResult): void {
  context.count('created', result.created);
  context.count('updated', result.updated);
  context.count('unchanged', result.unchanged);
  context.count('closed', result.closed);
}

async function providerIdOf(context: JobContext, organisationNumber: string): Promise<string> {
  const { organisationByNumber: provider } = await context.gateway.request<{ organisationByNumber: { id: string; status: string } | null }>(PROVIDER, { number: organisationNumber });
  if (!provider) {
    throw new WordedError({
      sv: `ingen organisation ${organisationNumber} i hubben att importera utlysningarna under: registrera den, eller ange en annan med alternativet provider`,
      en: `no organisation ${organisationNumber} in the hub to import the funding calls under: register it, or name another with the provider option`,
    });
  }
  return provider.id;
}
