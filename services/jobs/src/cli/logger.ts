import pino from 'pino';
import { REDACTED_PATHS, type Logger } from '@hub/shared/logging';
import type { CliIo } from './io';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * The services' log lines (JSON, personal keys redacted, like createLogger's) but on stderr, so that stdout holds
 * only the command's result. LOG_LEVEL, else `warn`: a command prints its own progress.
 */
export function cliLogger(io: CliIo, verbose = false): Logger {
  const requested = io.env.LOG_LEVEL?.trim();
  const level = requested && LEVELS.includes(requested) ? requested : verbose ? 'info' : 'warn';
  return pino(
    {
      level,
      base: { service: 'hub-cli' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    { write: (line: string) => io.stderr.write(line) },
  );
}
