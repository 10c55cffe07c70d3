import { authEnv } from '@hub/shared/auth';
import { commonEnv, internalSecret, loadConfig } from '@hub/shared/config';
import { z } from 'zod';
import { DEFAULT_LIMITS } from './limits';
import { SUBGRAPHS } from './subgraphs';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const originList = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
  .refine((origins) => origins.every((origin) => URL.canParse(origin) && new URL(origin).origin === origin), {
    message: 'expected a comma list of origins such as https://app.example.se',
  });

/** One URL variable per subgraph (SUBGRAPH_<NAME>_URL), generated from the subgraph list. */
const subgraphUrlEnv = Object.fromEntries(
  SUBGRAPHS.map((subgraph) => [subgraph.urlEnv, z.url({ protocol: /^https?$/ }).default(subgraph.defaultUrl)]),
);

export const gatewayEnvSchema = z.object({
  ...commonEnv,
  PORT: commonEnv.PORT.default(4000),
  HOST: z.string().min(1).optional(),
  ...authEnv,
  INTERNAL_AUTH_SECRET: internalSecret,
  ...subgraphUrlEnv,
  CORS_ORIGINS: originList,
  MAX_QUERY_DEPTH: positiveInt(DEFAULT_LIMITS.maxDepth),
  MAX_ALIASES: positiveInt(DEFAULT_LIMITS.maxAliases),
  MAX_QUERY_COST: positiveInt(DEFAULT_LIMITS.maxCost),
  MAX_QUERY_BYTES: positiveInt(DEFAULT_LIMITS.maxQueryBytes),
});

export interface GatewayConfig {
  nodeEnv: 'development' | 'test' | 'production';
  logLevel: string;
  port: number;
  /** Containers in production listen on every interface; elsewhere only the loopback. */
  host: string;
  auth: { issuer: string; audience: string; publicKey: string };
  internalSecret: string;
  /** Subgraph name → URL. */
  subgraphUrls: Record<string, string>;
  corsOrigins: string[];
  limits: { maxDepth: number; maxAliases: number; maxCost: number; maxQueryBytes: number };
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = loadConfig(gatewayEnvSchema, env);
  const raw = parsed as unknown as Record<string, string>;
  return {
    nodeEnv: parsed.NODE_ENV,
    logLevel: parsed.LOG_LEVEL,
    port: parsed.PORT,
    host: parsed.HOST ?? (parsed.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    auth: { issuer: parsed.AUTH_ISSUER, audience: parsed.AUTH_AUDIENCE, publicKey: parsed.AUTH_PUBLIC_KEY },
    internalSecret: parsed.INTERNAL_AUTH_SECRET,
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((subgraph) => [subgraph.name, String(raw[subgraph.urlEnv])])),
    corsOrigins: parsed.CORS_ORIGINS,
    limits: {
      maxDepth: parsed.MAX_QUERY_DEPTH,
      maxAliases: parsed.MAX_ALIASES,
      maxCost: parsed.MAX_QUERY_COST,
      maxQueryBytes: parsed.MAX_QUERY_BYTES,
    },
  };
}
