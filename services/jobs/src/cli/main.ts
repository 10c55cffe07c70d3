import { createInterface } from 'node:readline/promises';
import type { CliIo } from './io';
import { runCli } from './program';

function processIo(): CliIo {
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    ...(interactive && {
      confirm: async (question: string) => {
        const prompt = createInterface({ input: process.stdin, output: process.stderr });
        try {
          return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
        } finally {
          prompt.close();
        }
      },
    }),
  };
}

runCli(process.argv.slice(2), processIo()).then(
  // out once stdout has taken everything: keep-alive sockets and the like must not hold the process open
  (code) => process.stdout.write('', () => process.exit(code)),
  (error: unknown) => {
    process.stderr.write(`hub: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
