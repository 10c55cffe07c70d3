// What other packages' tests start: the service as a whole, never its internals.
export { createApp, SCHEMA_PATH, type MatchmakingService } from './app';
export { loadMatchmakingConfig, type MatchmakingConfig } from './config';
export { POLICY } from './policy';
