import { z } from 'zod';
import { isRegion10Municipality, REGION10_MUNICIPALITIES } from '@hub/shared/contracts';
import { readOrganisationNumber } from '../domain/organisation-number';
import { fetchJson, type SourceSettings } from '../infrastructure/http-source';

/**
 * Arbetsförmedlingen's JobTech JobStream: `GET /snapshot` answers every published ad as line-delimited JSON;
 * `GET /stream?updated-after=…&location-concept-id=…` answers a JSON array of the ads changed since then,
 * upserts and removals (`removed: true`) alike.
 */
export interface JobTechSource extends SourceSettings {
  baseUrl: string;
  /** Sent as the `api-key` header when set. */
  apiKey?: string;
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

export function fetchSnapshot(source: JobTechSource, signal: AbortSignal): Promise<JobAd[]> {
  return fetchJson(`${source.baseUrl}/snapshot`, { ...source, headers: headers(source), signal, format: 'json-lines', parse: parseAds });
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
export function vacancyFromAd(ad: JobAd): VacancyFromAd | { rejected: string } {
  const municipalityCode = ad.workplace_address?.municipality_code?.trim();
  if (!municipalityCode) return { rejected: 'no workplace municipality' };
  if (!isRegion10Municipality(municipalityCode)) {
    return { rejected: `outside Region 10: ${ad.workplace_address?.municipality ?? 'municipality'} ${municipalityCode}` };
  }
  const number = ad.employer?.organization_number;
  if (!number) return { rejected: 'no organisation number (a sole trader?): employers are joined on it' };
  const reading = readOrganisationNumber(number);
  // a personal identity number is personal data: the reason says what it is, never the number
  if (reading.kind === 'personal-identity-number') return { rejected: 'the employer is identified by a personal identity number (a sole trader)' };
  if (reading.kind === 'invalid') return { rejected: 'not a valid organisation number' };
  const employerName = ad.employer?.name?.trim();
  if (!employerName) return { rejected: 'no employer name' };
  const title = ad.headline?.trim();
  if (!title) return { rejected: 'no headline' };
  const occupationCode = ad.occupation_group?.legacy_ams_taxonomy_id?.trim();
  if (!occupationCode) return { rejected: 'no occupation group (SSYK 2012)' };
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
