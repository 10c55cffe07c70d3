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
