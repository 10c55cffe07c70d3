import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { STATE_FILE_NAME, stopInfrastructure } from '../infrastructure';

/** What this jest process's global setup started, kept on globalThis for the teardown. */
export interface TestRun {
  dataDir: string;
  stateFile: string;
}

// Jest loads globalSetup and globalTeardown as separate modules (once per project), but in one process,
// so only a registry-wide symbol on globalThis is shared between them.
const RUN = Symbol.for('@hub/infra/test-run');
type WithRun = typeof globalThis & { [RUN]?: TestRun };

export function rememberTestRun(run: TestRun): void {
  (globalThis as WithRun)[RUN] = run;
}

export function takeTestRun(): TestRun | undefined {
  const run = (globalThis as WithRun)[RUN];
  delete (globalThis as WithRun)[RUN];
  return run;
}

export function testRunDirName(pid: number, time: number): string {
  return `test-${pid}-${time}`;
}

function ownerPid(dirName: string): number | undefined {
  const match = /^test-(\d+)-\d+$/.exec(dirName);
  return match ? Number(match[1]) : undefined;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Stops and deletes the servers of earlier test runs whose jest process died without its teardown
 * (killed, crashed), so they do not pile up. Runs of live jest processes are left alone.
 */
export async function removeStaleTestRuns(runsDir: string): Promise<void> {
  if (!existsSync(runsDir)) return;
  for (const name of readdirSync(runsDir)) {
    const pid = ownerPid(name);
    if (pid === undefined || processExists(pid)) continue;
    const dataDir = path.join(runsDir, name);
    const stateFile = path.join(dataDir, STATE_FILE_NAME);
    if (existsSync(stateFile)) await stopInfrastructure(stateFile);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
