import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { createLogger, type Logger } from '@hub/shared/logging';
import express from 'express';
import type { IdentityConfig } from './config';
import { directorySchema, UserDirectory } from './domain/directory';
import { SignInThrottle } from './domain/sign-in-throttle';
import { loadSigningKeys, rotateSigningKeys } from './infrastructure/signing-keys';
import { interactionRoutes } from './interactions/routes';
import { buildProvider, type OidcProvider } from './provider';

export const DIRECTORY_FILE = 'directory.json';
export const SIGNING_KEYS_FILE = 'signing-keys.json';

export interface IdentityService {
  app: express.Express;
  /** Signs with a new key from now on; the previous key stays published until the next rotation. */
  rotateKeys(): Promise<void>;
  logger: Logger;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function readDirectory(dataDir: string): UserDirectory {
  const file = path.join(dataDir, DIRECTORY_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the user directory ${file} (npm start writes it): ${(error as Error).message}`);
  }
  return new UserDirectory(directorySchema.parse(raw));
}

export async function createApp(config: IdentityConfig, logger: Logger = createLogger('identity', config.LOG_LEVEL)): Promise<IdentityService> {
  const directory = readDirectory(config.IDENTITY_DATA_DIR);
  const keysFile = path.join(config.IDENTITY_DATA_DIR, SIGNING_KEYS_FILE);
  // per process: a restart ends the browser sessions, which the in-memory grants would not survive anyway
  const cookieKeys = [randomBytes(32).toString('hex')];
  const throttle = new SignInThrottle({ freeFailures: 3, baseDelayMs: 1_000, maxDelayMs: 60_000, forgetAfterMs: 15 * 60_000, maxKeys: 10_000 });

  const build = async (signingKeys = loadSigningKeys(keysFile)) => {
    const provider = await buildProvider({ config, directory, signingKeys, cookieKeys });
    provider.on('server_error', (_ctx, error) => logger.error({ err: error }, 'identity provider error'));
    return { provider, handle: provider.callback() as Handler };
  };
  // replaced whole on rotation; the provider's grants and sessions live in its adapter, shared by both instances
  let current: { provider: OidcProvider; handle: Handler } = await build();

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'identity' });
  });
  app.get('/ready', (_req, res) => {
    res.json({ status: 'ready' });
  });
  app.use(interactionRoutes({ provider: () => current.provider, directory, throttle, logger }));
  app.use((req, res) => current.handle(req, res));
  app.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const name = (error as { name?: unknown }).name;
    if (name === 'SessionNotFound') {
      res.status(400).json({ error: 'invalid_request', error_description: 'the sign-in has expired or was already completed; start again' });
      return;
    }
    logger.error({ err: error }, 'unhandled error in an interaction');
    res.status(500).json({ error: 'server_error' });
  });

  return {
    app,
    logger,
    async rotateKeys() {
      const signingKeys = rotateSigningKeys(keysFile);
      current = await build(signingKeys);
      logger.info({ kid: signingKeys[0]?.kid }, 'signing keys rotated');
    },
  };
}
