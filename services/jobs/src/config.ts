import { z } from 'zod';
import { commonEnv, databaseEnv, internalSecret, loadConfig } from '@hub/shared/config';
import { parseJobSchedules } from './domain/schedules';

const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'expected an http(s) URL');

const schema = z.object({
  ...commonEnv,
  PORT: commonEnv.PORT.default(4005),
  HOST: z.string().default('127.0.0.1'),
  ...databaseEnv,
  INTERNAL_AUTH_SECRET: internalSecret,
  /** Jobs are clients of the hub like any partner's: they reach the services through the gateway only. */
  HUB_GATEWAY_URL: httpUrl.default('http://127.0.0.1:4000/graphql'),
  /** A token with the `integration` role: what the jobs call the gateway with. */
  HUB_INTEGRATION_TOKEN: z.string().min(1),
  /** `job=cron;job=cron` in Swedish time, e.g. `job-ads=*\/15 * * * *;funding-calls=0 6 * * *`; empty: no schedules. */
  JOB_SCHEDULES: z
    .string()
    .default('')
    .transform((text, ctx) => {
      try {
        return parseJobSchedules(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  JOBTECH_BASE_URL: httpUrl.default('https://jobstream.api.jobtechdev.se'),
  /** Sent as the `api-key` header when set; JobTech's JobStream answers without one too. */
  JOBTECH_API_KEY: z
    .string()
    .optional()
    .transform((key) => key || undefined),
  VINNOVA_BASE_URL: httpUrl.default('https://data.vinnova.se'),
  /** Per request to a source (JobTech, Vinnova), including reading the answer. */
  SOURCE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Retries after the first attempt when a source fails, times out or answers garbage. */
  SOURCE_RETRIES: z.coerce.number().int().min(0).max(20).default(4),
  /** The first retry waits about this long, each next one twice as long. */
  SOURCE_BACKOFF_MS: z.coerce.number().int().min(0).max(60_000).default(500),
});

export type JobsConfig = z.infer<typeof schema>;

export function loadJobsConfig(env: NodeJS.ProcessEnv = process.env): JobsConfig {
  return loadConfig(schema, env);
}

/** How every job talks to its source; from the configuration, the same for all sources. */
export function sourceSettings(config: JobsConfig) {
  return { timeoutMs: config.SOURCE_TIMEOUT_MS, retries: config.SOURCE_RETRIES, backoffMs: config.SOURCE_BACKOFF_MS };
}
