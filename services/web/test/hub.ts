import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheDir, startInfrastructure, type RunningInfrastructure } from '@hub/infra';
import { freePort, uniqueName } from '@hub/infra/testkit';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVICES = ['ORGANISATIONS', 'OFFERINGS', 'MATCHMAKING', 'MIGRATION', 'JOBS', 'IDENTITY', 'GATEWAY', 'WEB'] as const;

export interface RunningHub {
  webUrl: string;
  gatewayUrl: string;
  identityUrl: string;
  /** What the `hub` command needs to act on this hub: its development keys, gateway and servers. */
  hubCommandEnv: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/**
 * The hub exactly as `npm start` brings it up (infra/dist/up.js: every service, the identity provider, the gateway,
 * the web client and the demo data) on free ports, over servers of its own so no other test file's events reach it.
 */
export async function startHub(options: { accessTokenTtlSec?: number } = {}): Promise<RunningHub> {
  const infrastructure: RunningInfrastructure = await startInfrastructure({ dataDir: path.join(cacheDir(), 'run', uniqueName('web')), throwaway: true });
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'hub-web-'));
  const taken = new Set<number>();
  const ports: Record<string, string> = {};
  for (const service of SERVICES) {
    const port = await freePort(taken);
    taken.add(port);
    ports[`${service}_PORT`] = String(port);
  }
  const servers = {
    MONGO_URL: infrastructure.mongoUrl,
    KAFKA_BROKERS: infrastructure.kafkaBrokers.join(','),
    ...(infrastructure.postgresUrl ? { FERRETDB_POSTGRESQL_URL: infrastructure.postgresUrl } : {}),
    // its development keys and the identity provider's users, apart from a developer's own npm start
    HUB_CACHE_DIR: scratch,
  };
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO_ROOT, 'infra', 'dist', 'up.js')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...ports,
      ...servers,
      LOG_LEVEL: 'warn',
      // the identity provider's, read from the environment up.js passes on to it
      ...(options.accessTokenTtlSec ? { ACCESS_TOKEN_TTL_SEC: String(options.accessTokenTtlSec) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    await infrastructure.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    const webUrl = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', () => {
        const match = /Web client: (http:\/\/\S+?)\/? /.exec(output);
        if (match?.[1] && output.includes('Press Ctrl-C')) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`npm start's up.js exited with ${code} before the hub was up:\n${output}`)));
    });
    const gatewayUrl = `http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`;
    return {
      webUrl,
      gatewayUrl,
      identityUrl: `http://127.0.0.1:${ports.IDENTITY_PORT}`,
      hubCommandEnv: { ...servers, HUB_GATEWAY_URL: gatewayUrl },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
