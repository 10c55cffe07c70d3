import { createEvent, type EventDefinition } from '@hub/shared/events';
import { toOutboxEntry, type AggregateId, type OutboxEntry, type OutboxModel } from '@hub/shared/messaging';

export const PRODUCER = 'organisations';

/** Builds the outbox entry of an event; the caller stores it in the same write as the state change. */
export function outboxEntry<P>(definition: EventDefinition<P>, aggregateId: string, payload: P, correlationId: string): OutboxEntry {
  return toOutboxEntry(createEvent(definition, { aggregateId, payload, producer: PRODUCER, correlationId }), definition.topic);
}

/** Tells the outbox relay a write just stored events in the outbox of `model`'s documents `ids`, so they go out without waiting for the next poll. */
export interface OutboxNudge {
  nudge(model: OutboxModel, ids: Iterable<AggregateId>): void;
}
