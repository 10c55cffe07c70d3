// What other packages' tests start: the service as a whole, never its internals.
export { createApp, SCHEMA_PATH, type JobsService } from './app';
export { loadJobsConfig, type JobsConfig } from './config';
export { POLICY } from './policy';
