import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { exitOnConfigError, loadConfig } from '@hub/shared/config';
import { createGatewayClient, idByName } from '@hub/shared/client';
import { createLogger } from '@hub/shared/logging';
import { DIRECTORY_FILE } from './app';
import { DEMO_USERS } from './demo-users';
import { directorySchema, hashPassword, type DirectoryUser } from './domain/directory';

/**
 * Writes the development provider's user directory: the fictional users, each with a subject of their own and
 * their organisation found by name through the gateway (seed the organisations first).
 */
const env = z.object({
  HUB_GATEWAY_URL: z.url({ protocol: /^https?$/ }),
  /** An admin token for the gateway. */
  HUB_SEED_TOKEN: z.string().min(1),
  IDENTITY_DATA_DIR: z.string().min(1),
  /** The password all the fictional users share (npm start prints it). */
  DEMO_PASSWORD: z.string().min(8),
  LOG_LEVEL: z.string().default('info'),
});

async function main(): Promise<void> {
  const config = loadConfig(env, process.env);
  const logger = createLogger('identity-seed', config.LOG_LEVEL);
  const client = createGatewayClient(config.HUB_GATEWAY_URL, config.HUB_SEED_TOKEN);
  const users: DirectoryUser[] = [];
  for (const demo of DEMO_USERS) {
    const organisationId = demo.organisationName ? await idByName(client, 'organisations', demo.organisationName) : undefined;
    users.push({
      sub: `dev:${demo.username}`,
      username: demo.username,
      name: demo.name,
      roles: demo.roles,
      ...(demo.municipalityCode && { municipalityCode: demo.municipalityCode }),
      ...(organisationId && { organisationId }),
      passwordHash: hashPassword(config.DEMO_PASSWORD),
    });
  }
  const file = path.join(config.IDENTITY_DATA_DIR, DIRECTORY_FILE);
  mkdirSync(config.IDENTITY_DATA_DIR, { recursive: true });
  writeFileSync(file, JSON.stringify(directorySchema.parse({ users }), null, 2), { mode: 0o600 });
  logger.info({ users: users.length }, 'user directory written');
}

main().catch((error: unknown) => {
  exitOnConfigError(error);
  createLogger('identity-seed').fatal({ err: error }, 'writing the user directory failed');
  process.exit(1);
});
