import { generateGatewayKeyPair } from '@hub/shared/auth';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { callerToken } from '../dev-token';
import { ConfigMissingError, OperationFailedError } from '../exit-codes';
import { printJson, say, type CliIo } from '../io';
import { ferretdbPostgresUrl, gatewayUrl, kafkaBrokers, REPO_ROOT, serviceMongoUrl } from '../settings';

export interface SeedOptions {
  only?: string[];
  json?: boolean;
}

/** The demo seeds, in the order `npm start` runs them: the organisations first, into their own database. */
export const SEEDS = ['organisations', 'offerings', 'matchmaking', 'migration'] as const;
export type SeedName = (typeof SEEDS)[number];

/**
 * Runs the services' own seed scripts as `npm start` does (infra/src/up.ts): the organisations seed writes the
 * register's reference organisations into the organisations database (it is the register's own data, with its
 * outbox, so the other services hear of them); the others go through the gateway with an admin token like any
 * integration client. Each seed skips what is already there, so seeding twice changes nothing.
 */
export async function seedCommand(io: CliIo, options: SeedOptions): Promise<void> {
  const seeds = options.only && options.only.length > 0 ? SEEDS.filter((seed) => options.only?.includes(seed)) : [...SEEDS];
  const scripts = seeds.map((seed) => ({ seed, script: path.join(REPO_ROOT, 'services', seed, 'dist', 'seed.js') }));
  const missing = scripts.filter(({ script }) => !existsSync(script));
  if (missing.length > 0) throw new ConfigMissingError(`not built: ${missing.map(({ script }) => path.relative(REPO_ROOT, script)).join(', ')}: run npm run build first`);

  const url = gatewayUrl(io.env);
  const needsGateway = seeds.some((seed) => seed !== 'organisations');
  const admin = needsGateway ? (await callerToken(io.env, 'admin')).token : '';
  const done: Array<{ seed: SeedName; ms: number }> = [];
  const postgresUrl = ferretdbPostgresUrl('organisations', io.env);
  for (const { seed, script } of scripts) {
    say(io, `seeding the demo ${seed === 'organisations' ? 'organisations' : `data of ${seed}`}`);
    const env: Record<string, string> =
      seed === 'organisations'
        ? // the seed writes with the register's own models; it needs the database (and FerretDB's PostgreSQL, for the
          // indexes it adds) and Kafka the service uses
          {
            MONGO_URL: serviceMongoUrl('organisations', io.env),
            ...(postgresUrl ? { FERRETDB_POSTGRESQL_URL: postgresUrl } : {}),
            KAFKA_BROKERS: kafkaBrokers(io.env).join(','),
            // the seed serves no graph and verifies nothing; the schema asks for a gateway key all the same
            GATEWAY_PUBLIC_KEY: io.env.GATEWAY_PUBLIC_KEY ?? generateGatewayKeyPair().publicKey,
          }
        : { HUB_GATEWAY_URL: url, HUB_SEED_TOKEN: admin };
    const started = Date.now();
    await runScript(io, seed, script, { NODE_ENV: io.env.NODE_ENV ?? 'development', LOG_LEVEL: io.env.LOG_LEVEL ?? 'warn', ...env });
    done.push({ seed, ms: Date.now() - started });
  }
  if (options.json) printJson(io, { seeded: done });
  else say(io, `seeded ${done.map(({ seed }) => seed).join(', ')}`);
}

function runScript(io: CliIo, name: string, script: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: REPO_ROOT, env: { ...io.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    // the seeds' output is progress, not the command's result: all of it to stderr
    child.stdout.on('data', (chunk: Buffer) => io.stderr.write(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => io.stderr.write(chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new OperationFailedError(`the ${name} seed failed (${signal ?? `exit code ${code}`})`));
    });
  });
}
