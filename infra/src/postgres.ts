import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's PostgreSQL 15 (package `postgresql-15`); POSTGRES_BIN_DIR points elsewhere. */
export function postgresBinDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
}

/** The database FerretDB keeps its schemas (one per MongoDB database) in. */
export const FERRETDB_DATABASE = 'ferretdb';

export interface PostgresSettings {
  port: number;
  dataDir: string;
  /** Throwaway data (a test run): no fsync, so writes cost no disk flushes. */
  throwaway: boolean;
}

/**
 * The server's settings on its command line, so a data folder made by an older version of these scripts starts with
 * today's. `plan_cache_mode = force_custom_plan`: FerretDB sends every filter as a prepared statement
 * (`_jsonb->$1 @> $2`), and only a plan made for the actual parameters can match `$1` to a GIN expression index.
 */
export function postgresArgs({ port, dataDir, throwaway }: PostgresSettings): string[] {
  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    port,
    // TCP on 127.0.0.1 only: no socket file in a system folder another server may own
    unix_socket_directories: '',
    plan_cache_mode: 'force_custom_plan',
    max_connections: 200,
    // an acknowledged commit may be lost in a crash (the last few hundred ms), never corrupted
    synchronous_commit: 'off',
    ...(throwaway ? { fsync: 'off', full_page_writes: 'off' } : {}),
    log_min_messages: 'warning',
    log_checkpoints: 'off',
  };
  return ['-D', dataDir, ...Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`])];
}

export interface ProcessOwner {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. Run as root (CI, a fresh machine), the server and initdb run as the `postgres`
 * user that Debian's package creates; otherwise as whoever runs this.
 */
export async function postgresOwner(): Promise<ProcessOwner | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error('running as root needs the postgres user that the postgresql-15 package creates (apt-get install postgresql-15)');
  }
}

/** A folder the server's user owns (it writes its data, lock and PID files there). */
export function ownedFolder(folder: string, owner: ProcessOwner | undefined): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (owner) chownSync(folder, owner.uid, owner.gid);
}

/** Lets the server's user pass through a folder of ours (a temporary folder is made 0700) to the one it owns. */
export function traversableFolder(folder: string): void {
  mkdirSync(folder, { recursive: true });
  chmodSync(folder, statSync(folder).mode | 0o111);
}

/** initdb once; a folder that holds a cluster already is left as it is. */
export async function initCluster(dataDir: string, owner: ProcessOwner | undefined, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  ownedFolder(dataDir, owner);
  if (readdirSync(dataDir).length > 0) throw new Error(`${dataDir} is neither empty nor a PostgreSQL data folder`);
  const args = ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions'];
  try {
    await run(path.join(postgresBinDir(env), 'initdb'), args, { timeout: 120_000, ...owner });
  } catch (error) {
    const { stderr = '' } = error as { stderr?: string };
    throw new Error(`initdb failed for ${dataDir}: ${stderr.trim() || (error as Error).message}`, { cause: error });
  }
}

/** Resolves when the server accepts connections; throws otherwise. */
export async function pingPostgres(port: number, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await run(path.join(postgresBinDir(env), 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'], { timeout: 5000 });
}

/** Creates FerretDB's database unless it exists. */
export async function createFerretdbDatabase(port: number, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    await run(path.join(postgresBinDir(env), 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', FERRETDB_DATABASE], { timeout: 30_000 });
  } catch (error) {
    const { stderr = '' } = error as { stderr?: string };
    if (!stderr.includes('already exists')) throw new Error(`createdb ${FERRETDB_DATABASE} failed: ${stderr.trim()}`, { cause: error });
  }
}

export function postgresUrl(port: number): string {
  return `postgres://postgres@127.0.0.1:${port}/${FERRETDB_DATABASE}`;
}
