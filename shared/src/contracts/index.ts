import { EventRegistry } from '../events';
import { matchmakingEvents } from './matchmaking';
import { migrationEvents } from './migration';
import { offeringEvents } from './offerings';
import { organisationEvents } from './organisations';
import { privacyEvents } from './privacy';

export * from './topics';
export * from './needs';
export * from './organisations';
export * from './offerings';
export * from './matchmaking';
export * from './migration';
export * from './privacy';
export * from './region10';

/** Every event any hub service publishes; consumers parse with this, and start-up creates its topics. */
export const hubEventRegistry = new EventRegistry([...organisationEvents, ...offeringEvents, ...matchmakingEvents, ...migrationEvents, ...privacyEvents]);
