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
 * and every row it reads, and collects less often at GOGC=800 than at Go's default 100: the storage bench's equality
 * mix averaged 895 operations/s over five runs against 828 over three (runs on two shared cores vary by ±10 %), with
 * FerretDB at 68–89 MiB instead of 37. GOMEMLIMIT, a soft limit, makes it collect sooner before its heap would pass
 * that, so PostgreSQL and FerretDB stay under 300 MB together. Either one set in the environment wins.
 */
export const FERRETDB_GO_RUNTIME = { GOGC: '800', GOMEMLIMIT: '160MiB' } as const;

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
