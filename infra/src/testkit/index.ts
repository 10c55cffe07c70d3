import { randomBytes } from 'node:crypto';
import { externalInfrastructure, withDatabase } from '../external';
import type { InfrastructureEndpoints } from '../external';

/** The servers the jest global setup started (or the external ones it was given). */
export function testEndpoints(): InfrastructureEndpoints {
  const endpoints = externalInfrastructure();
  if (!endpoints) {
    throw new Error(
      'MONGO_URL and KAFKA_BROKERS are not set: the jest globalSetup (infra/src/testkit/global-setup.ts) did not run. ' +
        "Run tests through the package's jest.config.js, which uses jest.preset.js.",
    );
  }
  return endpoints;
}

/** `<prefix>-<time>-<random>`: unique across test files, workers and runs (topic, group and client ids). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** The test MongoDB URL with a database of its own, so test files never see each other's data. */
export function uniqueDbUrl(prefix: string): string {
  // Database names: letters, digits and _ only, well under the 63-character limit.
  const safePrefix = prefix.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 24);
  return withDatabase(testEndpoints().mongoUrl, uniqueName(safePrefix).replace(/-/g, '_'));
}

/** Polls `probe` until it returns something other than undefined (events and read models arrive on their own time). */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
