/** Where a command reads its environment and writes its output; the process's own, or a test's. */
export interface Writer {
  write(text: string): unknown;
  /** Progress bars are drawn only on a terminal. */
  isTTY?: boolean;
}

export interface CliIo {
  /** Results: text, or JSON with --json. Nothing else goes here. */
  stdout: Writer;
  /** Progress, logs and messages. */
  stderr: Writer;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Asks a yes/no question at the terminal; absent when there is none to ask (then --yes is needed). */
  confirm?: (question: string) => Promise<boolean>;
}

/** A message for the person at the terminal, on stderr. */
export function say(io: CliIo, line: string): void {
  io.stderr.write(`hub: ${line}\n`);
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printText(io: CliIo, text: string): void {
  io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
