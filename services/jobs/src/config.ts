import { z } from 'zod';
import { gatewayPublicKeyEnv } from '@hub/shared/auth';
import { clientCredentialsTokens } from '@hub/shared/client';
import { commonEnv, databaseEnv, loadConfig } from '@hub/shared/config';
import { parseJobSchedules } from './domain/schedules';

const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'expected an http(s) URL');

const schema = z.object({
  ...commonEnv,
  PORT: commonEnv.PORT.default(4005),
  HOST: z.string().default('127.0.0.1'),
  ...databaseEnv,
  ...gatewayPublicKeyEnv,
  /** Jobs are clients of the hub like any partner's: they reach the services through the gateway only. */
  HUB_GATEWAY_URL: httpUrl.default('http://127.0.0.1:4000/graphql'),
  /**
   * How the jobs get their `integration` token: from the identity provider with the client credentials grant
   * (HUB_OIDC_ISSUER, HUB_CLIENT_ID, HUB_CLIENT_SECRET, renewed before expiry), or one fixed token for development.
   */
  HUB_OIDC_ISSUER: httpUrl.optional(),
  HUB_CLIENT_ID: z.string().min(1).default('hub-jobs'),
  HUB_CLIENT_SECRET: z.string().min(1).optional(),
  HUB_INTEGRATION_TOKEN: z.string().min(1).optional(),
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

const jobsSchema = schema.refine((config) => (config.HUB_OIDC_ISSUER !== undefined && config.HUB_CLIENT_SECRET !== undefined) !== (config.HUB_INTEGRATION_TOKEN !== undefined), {
  message: 'set either HUB_OIDC_ISSUER and HUB_CLIENT_SECRET (client credentials) or HUB_INTEGRATION_TOKEN, not both',
  path: ['HUB_INTEGRATION_TOKEN'],
});

export type JobsConfig = z.infer<typeof schema>;

export function loadJobsConfig(env: NodeJS.ProcessEnv = process.env): JobsConfig {
  return loadConfig(jobsSchema, env);
}

/** What the jobs call the gateway with: client credentials renewed before expiry, or the fixed development token. */
export function integrationToken(config: JobsConfig): string | (() => Promise<string>) {
  if (config.HUB_INTEGRATION_TOKEN) return config.HUB_INTEGRATION_TOKEN;
  return clientCredentialsTokens({ issuer: config.HUB_OIDC_ISSUER!, clientId: config.HUB_CLIENT_ID, clientSecret: config.HUB_CLIENT_SECRET!, scope: 'graph' });
}

/** How every job talks to its source; from the configuration, the same for all sources. */
export function sourceSettings(config: JobsConfig) {
  return { timeoutMs: config.SOURCE_TIMEOUT_MS, retries: config.SOURCE_RETRIES, backoffMs: config.SOURCE_BACKOFF_MS };
}
