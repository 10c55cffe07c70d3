import { exitOnConfigError } from '@hub/shared/config';
import { collectGarbageWhenRested, listen, stopOnSignals } from '@hub/shared/graphql';
import { createLogger } from '@hub/shared/logging';
import { createApp } from './app';
import { loadIdentityConfig } from './config';

async function main(): Promise<void> {
  const config = loadIdentityConfig();
  const service = await createApp(config);
  const server = listen(service.app, config.PORT, config.HOST, () => {
    service.logger.info({ issuer: config.issuer }, 'identity provider listening');
  });
  // SIGHUP rotates the signing keys without a restart (`kill -HUP <pid>`)
  process.on('SIGHUP', () => {
    service.rotateKeys().catch((error: unknown) => service.logger.error({ err: error }, 'key rotation failed'));
  });
  stopOnSignals(server, async () => undefined, service.logger);
  collectGarbageWhenRested();
}

main().catch((error: unknown) => {
  exitOnConfigError(error);
  createLogger('identity').fatal({ err: error }, 'identity provider failed to start');
  process.exit(1);
});
