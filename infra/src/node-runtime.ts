import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { repoRoot } from './paths';

/**
 * The Node runtime settings of every service and the gateway, in the one file each way of starting them reads:
 * `npm start` (up.ts), the benchmarks (BenchRun.startService) and docker-compose.yml (`env_file`). Variables rather
 * than node arguments, because glibc's allocator reads MALLOC_ARENA_MAX when the process starts.
 */
export const NODE_RUNTIME_ENV_FILE = path.join(repoRoot, 'infra', 'node-runtime.env');

export function nodeRuntimeEnv(): Record<string, string> {
  return parseEnv(readFileSync(NODE_RUNTIME_ENV_FILE, 'utf8')) as Record<string, string>;
}
