import { z } from 'zod';
import { fetchJson, SourceError } from '../src/infrastructure/http-source';
import { startSequentialSource, type Handler } from './local-server';

/** A source whose URL carries a key and a query, as JobTech's and Vinnova's may. */
async function startSource(...handlers: Handler[]) {
  const source = await startSequentialSource(...handlers);
  return { ...source, url: `${source.url}/ads?api-key=secret-key&since=2026-03-01` };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
};
const text = (body: string): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end(body);
};
const hang: Handler = () => undefined;

const ads = z.array(z.object({ id: z.string() }));
const settings = { timeoutMs: 300, retries: 3, backoffMs: 1, parse: (body: unknown) => ads.parse(body) };

let source: Awaited<ReturnType<typeof startSource>> | undefined;
afterEach(async () => {
  await source?.stop();
  source = undefined;
});

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

describe('fetchJson', () => {
  it('answers the parsed body and sends the given headers', async () => {
    let apiKey: string | undefined;
    source = await startSource((req, res) => {
      apiKey = req.headers['api-key'] as string;
      json(200, [{ id: '1' }])(req, res);
    });
    await expect(fetchJson(source.url, { ...settings, headers: { 'api-key': 'k' } })).resolves.toEqual([{ id: '1' }]);
    expect(apiKey).toBe('k');
  });

  it('reads line-delimited JSON as an array', async () => {
    source = await startSource(text('{"id":"1"}\n{"id":"2"}\n'));
    await expect(fetchJson(source.url, { ...settings, format: 'json-lines' })).resolves.toEqual([{ id: '1' }, { id: '2' }]);
  });

  it('retries a 500 and succeeds when the source recovers', async () => {
    source = await startSource(json(500, {}), json(500, {}), json(200, [{ id: '1' }]));
    await expect(fetchJson(source.url, settings)).resolves.toEqual([{ id: '1' }]);
    expect(source.served()).toBe(3);
  });

  it('retries a 429, respecting a short Retry-After', async () => {
    source = await startSource(json(429, {}, { 'retry-after': '0' }), json(200, []));
    await expect(fetchJson(source.url, settings)).resolves.toEqual([]);
    expect(source.served()).toBe(2);
  });

  it('gives up on a Retry-After too long to wait for', async () => {
    source = await startSource(json(429, {}, { 'retry-after': '3600' }));
    const error = await failure(fetchJson(source.url, settings));
    expect(error.message).toMatch(/answered HTTP 429.*asks to wait 3600 s/);
    expect(source.served()).toBe(1);
  });

  it('gives up after the last retry, saying what failed, how often and where, without the key', async () => {
    source = await startSource(json(500, {}));
    const error = await failure(fetchJson(source.url, settings));
    expect(source.served()).toBe(4);
    expect(error.attempts).toBe(4);
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/ads\?api-key=%E2%80%A6&since=2026-03-01 answered HTTP 500 Internal Server Error; gave up after 4 attempts$/);
    expect(error.texts.sv).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/ads\?api-key=%E2%80%A6&since=2026-03-01 svarade HTTP 500 Internal Server Error; gav upp efter 4 försök$/);
    expect(error.message).not.toContain('secret-key');
  });

  it.each([401, 404])('fails at once on %i: asking again would not change the answer', async (status) => {
    source = await startSource(json(status, {}));
    const error = await failure(fetchJson(source.url, settings));
    expect(source.served()).toBe(1);
    expect(error.message).toContain(`answered HTTP ${status}`);
    expect(error.message).toContain('not retried');
  });

  it('retries an answer that is not JSON, then fails naming it', async () => {
    source = await startSource(text('<html>502 Bad Gateway</html>'));
    const error = await failure(fetchJson(source.url, settings));
    expect(source.served()).toBe(4);
    expect(error.message).toMatch(/sent an answer that is not what was expected: .*JSON/);
  });

  it('retries an answer of the wrong shape, and takes the right one when it comes', async () => {
    source = await startSource(json(200, [{ id: 1 }]), json(200, [{ id: '1' }]));
    await expect(fetchJson(source.url, settings)).resolves.toEqual([{ id: '1' }]);
    expect(source.served()).toBe(2);
  });

  it('times out a source that never answers, and retries it', async () => {
    source = await startSource(hang, hang, json(200, []));
    await expect(fetchJson(source.url, settings)).resolves.toEqual([]);
    expect(source.served()).toBe(3);
  });

  it('fails a source that never answers after the last timeout', async () => {
    source = await startSource(hang);
    const error = await failure(fetchJson(source.url, { ...settings, retries: 1 }));
    expect(error.message).toMatch(/timed out after 300 ms; gave up after 2 attempts$/);
  });

  it('fails a source that refuses connections after retrying', async () => {
    source = await startSource(json(200, []));
    const { url } = source;
    await source.stop();
    source = undefined;
    const error = await failure(fetchJson(url, settings));
    expect(error.attempts).toBe(4);
    expect(error.message).toMatch(/failed: fetch failed.*gave up after 4 attempts$/);
  });

  it('stops at once when the run is interrupted', async () => {
    source = await startSource(hang);
    const controller = new AbortController();
    const pending = fetchJson(source.url, { ...settings, timeoutMs: 60_000, signal: controller.signal });
    controller.abort();
    const error = await failure(pending);
    expect(error.message).toContain('stopped: the run was interrupted');
  });
});
