import mongoose from 'mongoose';

export interface FerretdbSettings {
  port: number;
  postgresUrl: string;
  stateDir: string;
}

/**
 * FerretDB on PostgreSQL. No --repl-set-name: it would make drivers believe multi-document transactions work, which
 * FerretDB 1.x does not support.
 */
export function ferretdbArgs({ port, postgresUrl, stateDir }: FerretdbSettings): string[] {
  return [
    '--handler=postgresql',
    `--postgresql-url=${postgresUrl}`,
    `--listen-addr=127.0.0.1:${port}`,
    `--state-dir=${stateDir}`,
    '--telemetry=disable',
    '--debug-addr=-',
    '--log-level=warn',
  ];
}

/**
 * The Go runtime's settings for FerretDB, here and in docker-compose.yml. It allocates for every message it decodes
 * and every row it reads, and collects less often above Go's default GOGC=100: the storage bench's equality mix gave
 * 815–975 operations/s at GOGC=400 and 895 on average over five runs at 800, against 828 over three at 100 (runs on
 * two shared cores vary by ±10 %). GOMEMLIMIT, a soft limit, makes it collect sooner before its heap would pass that,
 * which keeps PostgreSQL and FerretDB under the 300 MB target at rest: after the matchmaking bench (50,000 offerings)
 * 290 MiB with a 128 MiB limit, 262 MiB with 96 MiB; at GOGC=800 alone the migration bench left 322 MiB. Either
 * one set in the environment wins.
 */
export const FERRETDB_GO_RUNTIME = { GOGC: '400', GOMEMLIMIT: '96MiB' } as const;

/** Resolves when the server answers a ping; throws otherwise. */
export async function pingMongo(mongoUrl: string): Promise<void> {
  const connection = mongoose.createConnection(mongoUrl, { serverSelectionTimeoutMS: 1000 });
  try {
    const { db } = await connection.asPromise();
    if (!db) throw new Error(`connected to ${mongoUrl} without a database handle`);
    await db.admin().ping();
  } finally {
    await connection.close();
  }
}
