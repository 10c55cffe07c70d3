import { EventRegistry } from '../events';
import { organisationEvents } from './organisations';

export * from './topics';
export * from './organisations';

/** Every event any hub service publishes; consumers parse with this, and start-up creates its topics. */
export const hubEventRegistry = new EventRegistry([...organisationEvents]);
