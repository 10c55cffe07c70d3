import { generateGatewayKeyPair } from '@hub/shared/auth';
import path from 'node:path';
import { connectMongo, createIndexes } from '@hub/shared/mongo';
import type { Job, JobName } from '../../application/job';
import { JobBusyError, JobRunner } from '../../application/runner';
import { loadJobsConfig } from '../../config';
import { createGatewayClient } from '@hub/shared/client';
import { registerModels } from '../../infrastructure/models';
import { createJobs } from '../../jobs';
import { callerToken } from '../dev-token';
import { EXIT, OperationFailedError, UsageError, type ExitCode } from '../exit-codes';
import { formatRun, runViewFromRecord } from '../format';
import { printJson, printText, say, type CliIo } from '../io';
import { cliLogger } from '../logger';
import { createProgress } from '../progress';
import { gatewayUrl, redactUrl, serviceMongoUrl } from '../settings';

export interface RunOptions {
  file?: string;
  report?: string;
  out?: string;
  from?: string;
  to?: string;
  project?: string;
  since?: string;
  provider?: string;
  option?: string[];
  json?: boolean;
  verbose?: boolean;
}

/** The job's options from the command's: paths made absolute (the run record shows where), `name=value` extras. */
export function jobOptions(io: CliIo, options: RunOptions): Record<string, string> {
  const result: Record<string, string> = {};
  for (const text of options.option ?? []) {
    const match = /^([A-Za-z][\w-]*)=(.*)$/s.exec(text);
    if (!match) throw new UsageError(`--option expects name=value, got "${text}"`);
    result[match[1] as string] = match[2] as string;
  }
  const absolute = (value: string | undefined) => (value === undefined ? undefined : path.resolve(io.cwd, value));
  const named: Record<string, string | undefined> = {
    file: absolute(options.file),
    report: absolute(options.report),
    out: absolute(options.out),
    from: options.from,
    to: options.to,
    projectId: options.project,
    since: options.since,
    provider: options.provider,
  };
  for (const [name, value] of Object.entries(named)) if (value !== undefined) result[name] = value;
  return result;
}

/**
 * Runs one job once, in this process, through the jobs core's runner: the run is recorded in the jobs service's
 * database like a scheduled one (trigger `cli`), and holds the job's lock, so it never overlaps a scheduled run.
 * Ctrl-C asks the job to stop after its current batch (cursor committed); a second Ctrl-C leaves at once.
 */
export async function runCommand(io: CliIo, jobName: JobName, options: RunOptions): Promise<ExitCode> {
  const logger = cliLogger(io, options.verbose);
  const url = gatewayUrl(io.env);
  const mongoUrl = serviceMongoUrl('jobs', io.env);
  const given = io.env.HUB_INTEGRATION_TOKEN?.trim();
  const { token, source } = given ? { token: given, source: 'HUB_INTEGRATION_TOKEN' } : await callerToken(io.env, 'integration');
  const config = loadJobsConfig({
    ...io.env,
    MONGO_URL: mongoUrl,
    HUB_GATEWAY_URL: url,
    HUB_INTEGRATION_TOKEN: token,
    // the command line serves no subgraph and verifies nothing; the schema asks for a gateway key all the same
    GATEWAY_PUBLIC_KEY: io.env.GATEWAY_PUBLIC_KEY ?? generateGatewayKeyPair().publicKey,
    HUB_OIDC_ISSUER: undefined,
    HUB_CLIENT_SECRET: undefined,
    JOB_SCHEDULES: '',
  });
  const job: Job | undefined = createJobs(config).find((candidate) => candidate.name === jobName);
  if (!job) throw new UsageError(`${jobName} is not in this build of the jobs service`);
  const runOptions = jobOptions(io, options);

  say(io, `running ${job.name} (${job.description}) against ${url} with ${source}; runs recorded in ${redactUrl(mongoUrl)}`);
  const connection = await connectMongo(mongoUrl, logger).catch((error: unknown) => {
    throw new OperationFailedError(`cannot reach the jobs database at ${redactUrl(mongoUrl)}: ${(error as Error).message}`);
  });
  const stopping = new AbortController();
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts += 1;
    if (interrupts > 1) {
      say(io, 'stopped at once; the run stays "running" until its lock goes stale');
      process.exit(EXIT.interrupted);
    }
    say(io, 'stopping after the current batch (Ctrl-C again to leave at once)');
    stopping.abort();
  };
  process.on('SIGINT', onInterrupt);
  const progress = createProgress(io, job.name, { json: options.json ?? false, unit: 'items' });
  try {
    const models = registerModels(connection);
    await createIndexes(connection);
    // the core's client as is: the jobs tell a refused item from a failed run by its GatewayRefusal
    const runner = new JobRunner(models, createGatewayClient(config.HUB_GATEWAY_URL, token), logger);
    let record;
    try {
      record = await runner.run(job, { trigger: 'cli', options: runOptions, signal: stopping.signal, onProgress: (done, total) => progress.update(done, total) });
    } catch (error) {
      if (error instanceof JobBusyError) throw new OperationFailedError(error.message);
      throw error;
    }
    progress.stop();
    const view = runViewFromRecord(record);
    if (options.json) printJson(io, view);
    else printText(io, formatRun(view));
    if (stopping.signal.aborted) return EXIT.interrupted;
    return view.status === 'succeeded' ? EXIT.ok : EXIT.failed;
  } finally {
    progress.stop();
    process.off('SIGINT', onInterrupt);
    await connection.close();
  }
}
