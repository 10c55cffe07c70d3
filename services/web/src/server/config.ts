import { commonEnv, loadConfig } from '@hub/shared/config';
import { z } from 'zod';

const schema = z.object({
  ...commonEnv,
  PORT: commonEnv.PORT.default(5173),
  HOST: z.string().default('127.0.0.1'),
  /** The OpenID Connect provider the browser signs in at (authorization code with PKCE). */
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }),
  OIDC_CLIENT_ID: z.string().min(1).default('hub-web'),
  /** The gateway's GraphQL endpoint as the browser reaches it. */
  GRAPHQL_URL: z.url({ protocol: /^https?$/ }),
});

export type WebConfig = z.infer<typeof schema>;

export function loadWebConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  return loadConfig(schema, env);
}
