import { CommanderError } from 'commander';
import { ConfigError } from '@hub/shared/config';

/** What `hub` exits with; scripts and CI rely on these. */
export const EXIT = {
  ok: 0,
  /** The operation ran and failed: a job run failed, the gateway refused, an erasure did not complete in time. */
  failed: 1,
  /** The command line was wrong: an unknown command or option, a missing or invalid argument. */
  usage: 2,
  /** Something the command needs is not configured: no development keys, no token, no gateway URL. */
  config: 3,
  /** Stopped with Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the command line reports in one line and maps to its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

export class ConfigMissingError extends CliError {
  constructor(message: string) {
    super(message, EXIT.config);
  }
}

export class OperationFailedError extends CliError {
  constructor(message: string) {
    super(message, EXIT.failed);
  }
}

/**
 * The exit code for whatever a command threw. Commander's own errors (thrown through exitOverride): help and
 * version are 0, every other one is a usage error (2). A ConfigError of a service's schema is missing
 * configuration (3); anything else failed (1).
 */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof CommanderError) {
    if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof ConfigError) return EXIT.config;
  return EXIT.failed;
}

/** The one line printed for an error (commander prints its own, so none for those). */
export function messageOf(error: unknown): string | undefined {
  if (error instanceof CommanderError) return undefined;
  return error instanceof Error ? error.message : String(error);
}
