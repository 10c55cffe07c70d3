import { commonEnv, loadConfig } from '@hub/shared/config';
import { z } from 'zod';

const list = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

const schema = z.object({
  ...commonEnv,
  PORT: commonEnv.PORT.default(4006),
  HOST: z.string().default('127.0.0.1'),
  /** The issuer URL tokens carry and clients discover from; defaults to this process's own address. */
  ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  /** Holds the signing keys and the user directory. */
  IDENTITY_DATA_DIR: z.string().min(1),
  /** The resource indicator of the hub's graph and the audience its access tokens carry. */
  HUB_RESOURCE: z.string().regex(/^[a-z][a-z0-9+.-]*:\S+$/, 'expected an absolute URI').default('urn:region10-hub:graph'),
  HUB_AUDIENCE: z.string().min(1).default('region10-hub-graph'),
  ACCESS_TOKEN_TTL_SEC: z.coerce.number().int().min(5).max(86_400).default(600),
  /** The integration jobs' client secret (client credentials grant). */
  JOBS_CLIENT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** Where the web client may receive authorization codes and return after sign-out. */
  WEB_REDIRECT_URIS: list.default(['http://127.0.0.1:5173/callback']),
  WEB_POST_LOGOUT_REDIRECT_URIS: list.default(['http://127.0.0.1:5173/']),
});

export type IdentityConfig = z.infer<typeof schema> & { issuer: string };

export function loadIdentityConfig(env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  const parsed = loadConfig(schema, env);
  return { ...parsed, issuer: parsed.ISSUER ?? `http://${parsed.HOST}:${parsed.PORT}` };
}
