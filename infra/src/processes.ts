import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Whether `pid` is a live process whose command line contains `marker` (so a PID reused by an unrelated
 * process after a crash is never signalled). Where /proc does not exist the marker cannot be checked.
 */
export function isRunning(pid: number, marker: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  let stat: string;
  let cmdline: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch (error) {
    // ENOENT: it exited between the two checks. Anything else: no /proc on this OS.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
  // An exited child nobody has reaped yet (a zombie) still answers signal 0 but holds no ports.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && cmdline.includes(marker);
}

/**
 * Starts a process in its own session, output appended to `logFile`, not tied to this process: it keeps
 * running when the caller exits and is stopped later by PID. `env` adds defaults to this process's environment.
 */
export async function spawnDetached(
  command: string,
  args: string[],
  logFile: string,
  { owner, env }: { owner?: { uid: number; gid: number }; env?: Record<string, string> } = {},
): Promise<number> {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', fd, fd], ...owner, env: { ...env, ...process.env } });
    await once(child, 'spawn'); // rejects with ENOENT and the like
    child.unref();
    if (child.pid === undefined) throw new Error(`${command} started without a PID`);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

async function waitForExit(pid: number, marker: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid, marker)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** `stopSignal` (SIGTERM unless said), then SIGKILL if it has not exited within `graceMs`. Resolves once it is gone. */
export async function stopProcess(pid: number, marker: string, graceMs: number, stopSignal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!isRunning(pid, marker)) return;
  signal(pid, stopSignal);
  if (await waitForExit(pid, marker, graceMs)) return;
  signal(pid, 'SIGKILL');
  if (!(await waitForExit(pid, marker, 5000))) throw new Error(`process ${pid} (${marker}) survived SIGKILL`);
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return `(no log at ${file})`;
  }
}
