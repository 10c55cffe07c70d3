// What other packages' tests start: the service as a whole, never its internals.
export { createApp, SCHEMA_PATH, type MigrationService } from './app';
export { loadMigrationConfig, type MigrationConfig } from './config';
export { POLICY } from './policy';
