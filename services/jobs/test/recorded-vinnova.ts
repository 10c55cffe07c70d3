import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listenLocally } from './local-server';

/** The recorded answers in fixtures/vinnova. */
export type VinnovaAnswer = 'ansokningsomgangar-2025-06-01' | 'ansokningsomgangar-changes';

/**
 * Vinnova's open API as recorded in fixtures/vinnova, on 127.0.0.1 and a free port: `/api/ansokningsomgangar/{date}`
 * answers the recorded answer the test chose, whatever the date, and records the dates asked for. Faults can be
 * switched on for a number of requests.
 */
export async function startRecordedVinnova() {
  const dates: string[] = [];
  let answer: VinnovaAnswer = 'ansokningsomgangar-2025-06-01';
  let fault: { kind: 'status' | 'hang' | 'garbage'; times: number } | null = null;
  const { url, stop } = await listenLocally((req, res) => {
    const match = /^\/api\/ansokningsomgangar\/([^/]+)$/.exec(req.url ?? '');
    if (!match?.[1]) {
      res.writeHead(404).end();
      return;
    }
    dates.push(match[1]);
    if (fault && fault.times > 0) {
      fault.times -= 1;
      if (fault.kind === 'hang') return;
      if (fault.kind === 'status') {
        res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>Server Error</h1>');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"Message":"An error has occurred."}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(readFileSync(path.join(__dirname, 'fixtures', 'vinnova', `${answer}.json`)));
  });
  return {
    url,
    dates,
    answer: (name: VinnovaAnswer) => (answer = name),
    fail: (kind: 'status' | 'hang' | 'garbage', times: number) => (fault = { kind, times }),
    heal: () => (fault = null),
    stop,
  };
}

export type RecordedVinnova = Awaited<ReturnType<typeof startRecordedVinnova>>;
