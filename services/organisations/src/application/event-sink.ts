import { createEvent, type EventDefinition } from '@hub/shared/events';
import { toOutboxEntry, type OutboxEntry } from '@hub/shared/messaging';

export const PRODUCER = 'organisations';

/** Builds the outbox entry of an event; the caller stores it in the same write as the state change. */
export function outboxEntry<P>(definition: EventDefinition<P>, aggregateId: string, payload: P, correlationId: string): OutboxEntry {
  return toOutboxEntry(createEvent(definition, { aggregateId, payload, producer: PRODUCER, correlationId }), definition.topic);
}
