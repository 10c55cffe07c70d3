import { SingleBar } from 'cli-progress';
import type { CliIo } from './io';

export interface Progress {
  update(done: number, total?: number): void;
  /** Ends the bar (or prints the last line); safe to call more than once. */
  stop(): void;
}

export interface ProgressOptions {
  json: boolean;
  /** What is counted, e.g. "items" or "services". */
  unit: string;
  /** Plain lines at most this often (default 5 s). */
  everyMs?: number;
  now?: () => number;
}

/**
 * A progress bar on stderr when it is a terminal and the output is not JSON; otherwise a plain line now and then
 * (logs and CI keep a record without control characters). Never on stdout.
 */
export function createProgress(io: CliIo, label: string, options: ProgressOptions): Progress {
  if (io.stderr.isTTY && !options.json) return new BarProgress(io, label, options.unit);
  return new LineProgress(io, label, options.unit, options.everyMs ?? 5_000, options.now ?? Date.now);
}

export function progressLine(label: string, unit: string, done: number, total?: number): string {
  if (total === undefined || total <= 0) return `${label}: ${done.toLocaleString('en')} ${unit}`;
  const percent = Math.floor((Math.min(done, total) / total) * 100);
  return `${label}: ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${unit} (${percent}%)`;
}

class LineProgress implements Progress {
  private lastAt = -Infinity;
  private last: { done: number; total?: number } | undefined;
  private printed: { done: number; total?: number } | undefined;
  private stopped = false;

  constructor(
    private readonly io: CliIo,
    private readonly label: string,
    private readonly unit: string,
    private readonly everyMs: number,
    private readonly now: () => number,
  ) {}

  update(done: number, total?: number): void {
    this.last = { done, total };
    const at = this.now();
    if (at - this.lastAt >= this.everyMs) {
      this.lastAt = at;
      this.print();
    }
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.last && (this.printed?.done !== this.last.done || this.printed.total !== this.last.total)) this.print();
  }

  private print(): void {
    if (!this.last) return;
    this.printed = this.last;
    this.io.stderr.write(`hub: ${progressLine(this.label, this.unit, this.last.done, this.last.total)}\n`);
  }
}

class BarProgress implements Progress {
  private bar: SingleBar | undefined;
  private stopped = false;

  constructor(
    private readonly io: CliIo,
    private readonly label: string,
    private readonly unit: string,
  ) {}

  update(done: number, total?: number): void {
    if (this.stopped) return;
    if (!this.bar) {
      this.bar = new SingleBar({
        format: `${this.label} [{bar}] {percentage}% | {value}/{total} ${this.unit} | {duration_formatted} | eta {eta_formatted}`,
        stream: this.io.stderr as NodeJS.WritableStream,
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
        fps: 5,
      });
      this.bar.start(total ?? 0, done);
      return;
    }
    if (total !== undefined && total !== this.bar.getTotal()) this.bar.setTotal(total);
    this.bar.update(done);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.bar?.stop();
  }
}
