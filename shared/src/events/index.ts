export type { EventDefinition, EventEnvelope, TopicSpec } from './envelope';
export { createEvent, defineEvent, describeIssues, envelopeSchema, InvalidEventError, isEventOf } from './envelope';
export { EventRegistry } from './registry';
