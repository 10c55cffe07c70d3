// What other packages' tests start: the service as a whole, never its internals.
export { createApp, SCHEMA_PATH, type OrganisationsService } from './app';
export { loadOrganisationsConfig, type OrganisationsConfig } from './config';
export { POLICY } from './policy';
