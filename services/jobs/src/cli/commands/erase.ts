import { setTimeout as sleep } from 'node:timers/promises';
import { HUB_SERVICES } from '@hub/shared/contracts';
import { callerToken } from '../dev-token';
import { EXIT, UsageError, type ExitCode } from '../exit-codes';
import { formatErasure, type ErasureView } from '../format';
import { cliGateway } from '../gateway';
import { printJson, printText, say, type CliIo } from '../io';
import { createProgress } from '../progress';
import { gatewayUrl } from '../settings';

export interface EraseOptions {
  timeout?: string;
  json?: boolean;
}

const ERASE = 'mutation ($p: ID!) { erasePerson(personId: $p) { id requestedAt complete completions { service at } } }';
const ERASURE = 'query ($id: ID!) { erasure(id: $id) { id requestedAt complete completions { service at } } }';
const POLL_MS = 250;

/**
 * Erases a person across the hub through the gateway (`erasePerson`, admin token), then follows the request until
 * every service has completed it. Not complete within the timeout: exit 1, and the erasure's id to look it up later.
 */
export async function eraseCommand(io: CliIo, personId: string, options: EraseOptions): Promise<ExitCode> {
  const timeoutSeconds = options.timeout === undefined ? 60 : Number(options.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0) throw new UsageError('--timeout is a number of seconds, 0 or more');
  const gateway = cliGateway(gatewayUrl(io.env), (await callerToken(io.env, 'admin')).token);
  const started = Date.now();
  let erasure = (await gateway.request<{ erasePerson: ErasureView }>(ERASE, { p: personId })).erasePerson;
  say(io, `erasure ${erasure.id} requested; waiting for every service (${HUB_SERVICES.join(', ')})`);
  const progress = createProgress(io, 'erasure', { json: options.json ?? false, unit: 'services', everyMs: 1_000 });
  try {
    progress.update(erasure.completions.length, HUB_SERVICES.length);
    while (!erasure.complete && Date.now() - started < timeoutSeconds * 1000) {
      await sleep(POLL_MS);
      const { erasure: current } = await gateway.request<{ erasure: ErasureView | null }>(ERASURE, { id: erasure.id });
      if (current) erasure = current;
      progress.update(erasure.completions.length, HUB_SERVICES.length);
    }
  } finally {
    progress.stop();
  }
  if (options.json) printJson(io, { ...erasure, pending: HUB_SERVICES.filter((service) => !erasure.completions.some((done) => done.service === service)) });
  else printText(io, formatErasure(erasure, HUB_SERVICES));
  if (erasure.complete) return EXIT.ok;
  say(io, `not complete after ${timeoutSeconds} s; look again with: { erasure(id: "${erasure.id}") { complete completions { service at } } }`);
  return EXIT.failed;
}
