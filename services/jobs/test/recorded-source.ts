import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { listenLocally } from './local-server';

const FIXTURES = path.join(__dirname, 'fixtures', 'jobtech');

export interface RecordedAd {
  id: string;
  headline: string;
  number_of_vacancies: number;
  application_deadline: string;
  timestamp: number;
  removed: boolean;
  employer: { name: string; organization_number: string | null };
  occupation_group: { legacy_ams_taxonomy_id: string };
  workplace_address: { municipality_code: string; municipality_concept_id: string };
}

/** The recorded snapshot, in the source's own order. */
export function recordedSnapshot(): RecordedAd[] {
  return readFileSync(path.join(FIXTURES, 'snapshot.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RecordedAd);
}

export function recordedStreamPage(name: 'stream-1' | 'stream-2'): RecordedAd[] {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as RecordedAd[];
}

type Fault = { kind: 'status'; status: number; times: number } | { kind: 'hang'; times: number } | { kind: 'garbage'; times: number };

export interface SourceRequest {
  path: string;
  query: URLSearchParams;
  apiKey: string | undefined;
}

/**
 * JobTech's JobStream as recorded in fixtures/jobtech, on 127.0.0.1 and a free port: `/snapshot` answers the
 * recorded snapshot (line-delimited JSON), `/stream` the ads of the stream pages published so far that changed
 * after `updated-after` (UTC, to the second) in the requested `location-concept-id`s. Faults can be switched on,
 * and every request is recorded.
 */
export async function startRecordedSource() {
  const requests: SourceRequest[] = [];
  const published: RecordedAd[] = [];
  let fault: (Fault & { path?: string }) | null = null;

  function takeFault(requestPath: string): Fault | null {
    if (!fault || (fault.path && fault.path !== requestPath) || fault.times <= 0) return null;
    fault.times -= 1;
    return fault;
  }

  function answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://source.invalid');
    requests.push({ path: url.pathname, query: url.searchParams, apiKey: req.headers['api-key'] as string | undefined });
    const current = takeFault(url.pathname);
    if (current?.kind === 'hang') return; // never answers; the client's timeout has to end it
    if (current?.kind === 'status') {
      res.writeHead(current.status, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Internal Server Error' }));
      return;
    }
    if (current?.kind === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    if (url.pathname === '/snapshot') {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' }).end(readFileSync(path.join(FIXTURES, 'snapshot.jsonl')));
      return;
    }
    if (url.pathname === '/stream') {
      const after = url.searchParams.get('updated-after');
      if (!after || Number.isNaN(Date.parse(`${after}Z`))) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'updated-after is required' }));
        return;
      }
      const since = Date.parse(`${after}Z`);
      const locations = url.searchParams.getAll('location-concept-id');
      const changed = published.filter(
        (ad) => ad.timestamp > since && (locations.length === 0 || locations.includes(ad.workplace_address.municipality_concept_id)),
      );
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(changed));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not found' }));
  }

  const { url, stop } = await listenLocally(answer);

  return {
    url,
    requests,
    /** Requests to one path so far. */
    count: (requestPath: string) => requests.filter((request) => request.path === requestPath).length,
    /** Adds a recorded stream page to what `/stream` serves from now on. */
    publish: (page: 'stream-1' | 'stream-2') => published.push(...recordedStreamPage(page)),
    /** The next `times` requests (to `onPath`, if given) answer `status`; Infinity for ever. */
    failWith: (status: number, times: number, onPath?: string) => (fault = { kind: 'status', status, times, path: onPath }),
    /** The next `times` requests never get an answer. */
    hang: (times: number, onPath?: string) => (fault = { kind: 'hang', times, path: onPath }),
    /** The next `times` requests get a 200 whose body is not JSON. */
    sendGarbage: (times: number, onPath?: string) => (fault = { kind: 'garbage', times, path: onPath }),
    heal: () => (fault = null),
    stop,
  };
}

export type RecordedSource = Awaited<ReturnType<typeof startRecordedSource>>;
