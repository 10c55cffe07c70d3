// What other packages' tests start: the service as a whole, never its internals.
export { createApp, SCHEMA_PATH, type OfferingsService } from './app';
export { loadOfferingsConfig, type OfferingsConfig } from './config';
export { POLICY } from './policy';
