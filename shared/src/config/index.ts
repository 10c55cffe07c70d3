import { z } from 'zod';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates the environment against a schema; the first problem becomes one line naming the variable. */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = issue?.path.join('.') || 'environment';
  throw new ConfigError(`invalid configuration: ${variable}: ${issue?.message ?? 'invalid'}`);
}

/** Runs start-up, turning a ConfigError into one clear line on stderr and exit code 2. */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

/** Variables every service and the gateway read, reused by each one's schema. */
export const commonEnv = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: z.coerce.number().int().min(0).max(65535),
};

export const brokerList = z
  .string()
  .min(1)
  .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
  .refine((brokers) => brokers.length > 0 && brokers.every((b) => /^[^\s:]+:\d+$/.test(b)), {
    message: 'expected host:port[,host:port…]',
  });

export const mongoUrl = z.string().regex(/^mongodb(\+srv)?:\/\/\S+$/, 'expected a mongodb:// URL');

/** A service's database settings: MONGO_URL, and under FerretDB the PostgreSQL it stores in (for its GIN indexes). */
export const databaseEnv = {
  MONGO_URL: mongoUrl,
  // empty is unset: compose passes `${FERRETDB_POSTGRESQL_URL:-}` on MongoDB
  FERRETDB_POSTGRESQL_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgres:// URL').optional(),
  ),
};
