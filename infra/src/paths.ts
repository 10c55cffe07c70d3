import path from 'node:path';

/** The repository root: this module lives two levels below it (infra/src or infra/dist). */
export const repoRoot = path.resolve(__dirname, '..', '..');

export const provisionScript = path.join(repoRoot, 'infra', 'scripts', 'provision.sh');
export const kafkaLog4jConfig = path.join(repoRoot, 'infra', 'kafka', 'log4j.properties');

/** Where provision.sh puts the servers; HUB_CACHE_DIR moves it, as it does for the script. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HUB_CACHE_DIR ? path.resolve(env.HUB_CACHE_DIR) : path.join(repoRoot, '.cache');
}

export function kafkaLibsDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheDir(env), 'kafka', 'libs');
}

export function ferretdbBinary(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheDir(env), 'ferretdb', 'bin', 'ferretdb');
}
