import { gatewayPrivateKeyPem } from '@hub/shared/auth';
import { commonEnv, loadConfig } from '@hub/shared/config';
import { z } from 'zod';
import { issuersEnv, type IssuerConfig } from './auth/issuers';
import { DEFAULT_LIMITS } from './limits';
import { SUBGRAPHS } from './subgraphs';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const positiveRate = (fallback: number) => z.coerce.number().positive().default(fallback);

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
  /** Who may issue the tokens callers send: a JSON array of issuers (see README, "Identity"). */
  AUTH_ISSUERS: issuersEnv,
  /** Seconds of clock difference between the issuers and this gateway tolerated on `exp` and `nbf`. */
  AUTH_CLOCK_TOLERANCE_SEC: z.coerce.number().int().min(0).max(300).default(30),
  /** The gateway's own EC P-256 private key, which signs the claims it forwards to the subgraphs. */
  GATEWAY_SIGNING_KEY: gatewayPrivateKeyPem,
  /** Requests per second and burst, per token subject and per client address. */
  RATE_LIMIT_SUBJECT_PER_SEC: positiveRate(20),
  RATE_LIMIT_SUBJECT_BURST: positiveInt(100),
  RATE_LIMIT_ADDRESS_PER_SEC: positiveRate(50),
  RATE_LIMIT_ADDRESS_BURST: positiveInt(200),
  /** Proxies in front of the gateway whose X-Forwarded-For is believed (0: the client is the socket's peer). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
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
  issuers: IssuerConfig[];
  clockToleranceSec: number;
  /** Signs forwarded claims (ES256). */
  signingKey: string;
  rateLimits: { subject: { ratePerSec: number; burst: number }; address: { ratePerSec: number; burst: number } };
  trustProxyHops: number;
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
    issuers: parsed.AUTH_ISSUERS,
    clockToleranceSec: parsed.AUTH_CLOCK_TOLERANCE_SEC,
    signingKey: parsed.GATEWAY_SIGNING_KEY,
    rateLimits: {
      subject: { ratePerSec: parsed.RATE_LIMIT_SUBJECT_PER_SEC, burst: parsed.RATE_LIMIT_SUBJECT_BURST },
      address: { ratePerSec: parsed.RATE_LIMIT_ADDRESS_PER_SEC, burst: parsed.RATE_LIMIT_ADDRESS_BURST },
    },
    trustProxyHops: parsed.TRUST_PROXY_HOPS,
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
