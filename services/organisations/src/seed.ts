import { exitOnConfigError } from '@hub/shared/config';
import { createLogger } from '@hub/shared/logging';
import { createApp } from './app';
import { loadOrganisationsConfig } from './config';
import { seedDemoData } from './demo-data';

/** Seeds the demo data through the application layer, so every record's events go out like any other write. */
async function main(): Promise<void> {
  const service = await createApp(loadOrganisationsConfig());
  try {
    const summary = await seedDemoData(service.applications);
    await service.relay.relayOnce();
    service.logger.info(summary, 'demo data seeded');
  } finally {
    await service.stop();
  }
}

main().catch((error: unknown) => {
  exitOnConfigError(error);
  createLogger('organisations-seed').fatal({ err: error }, 'seeding failed');
  process.exit(1);
});
