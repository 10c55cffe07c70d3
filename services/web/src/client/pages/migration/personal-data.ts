import type { PersonalDataQuery } from '../../graphql/graphql';

/** The hub's services that hold personal data: each answers its part of a data export and completes each erasure. */
export type HubService = Exclude<keyof PersonalDataQuery['personalData'], 'personId' | '__typename'>;

// a Record, so a service the page's query adds is a type error here until it has its place
const SERVICE_ORDER: Record<HubService, number> = { migration: 0, organisations: 1, offerings: 2, matchmaking: 3 };

/** The services in the order the page shows them: migration first, as it erases at once. */
export const HUB_SERVICES = (Object.keys(SERVICE_ORDER) as HubService[]).sort((a, b) => SERVICE_ORDER[a] - SERVICE_ORDER[b]);

export function isHubService(service: string): service is HubService {
  return Object.hasOwn(SERVICE_ORDER, service);
}

export interface ErasureStep {
  service: string;
  /** When the service completed its part, or null while it has not. */
  completedAt: string | null;
}

/** Each service's part of an erasure, every hub service listed whether it has completed or not. */
export function erasureSteps(completions: ReadonlyArray<{ service: string; at: string }>): ErasureStep[] {
  const completedAt = (service: string) => completions.find((completion) => completion.service === service)?.at ?? null;
  const others = completions.filter((completion) => !isHubService(completion.service));
  return [...HUB_SERVICES.map((service) => ({ service, completedAt: completedAt(service) })), ...others.map(({ service, at }) => ({ service, completedAt: at }))];
}

export interface DataExport {
  fileName: string;
  /** A data: address for a download link: the export never leaves the browser to be offered. */
  href: string;
  parts: Array<{ service: HubService; json: string | null }>;
}

/** A person's data export as a file (every service's part in one JSON document) and as each service's part to show. */
export function dataExport(personalData: Omit<PersonalDataQuery['personalData'], '__typename'>): DataExport {
  const document = { personId: personalData.personId, ...Object.fromEntries(HUB_SERVICES.map((service) => [service, personalData[service] ?? null])) };
  return {
    fileName: `personal-data-${personalData.personId}.json`,
    href: `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(document, null, 2))}`,
    parts: HUB_SERVICES.map((service) => ({ service, json: isEmpty(personalData[service]) ? null : JSON.stringify(personalData[service], null, 2) })),
  };
}

function isEmpty(part: unknown): boolean {
  return part === null || part === undefined || (typeof part === 'object' && Object.keys(part).length === 0);
}
