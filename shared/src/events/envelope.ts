import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** What travels on every hub topic: routing and tracing metadata around a versioned, schema-checked payload. */
export interface EventEnvelope<P = unknown> {
  /** uuid v4, the consumers' idempotency key */
  eventId: string;
  type: string;
  version: number;
  /** ISO-8601 UTC */
  occurredAt: string;
  producer: string;
  aggregateId: string;
  correlationId: string;
  payload: P;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  retentionMs: number;
}

export interface EventDefinition<P> {
  type: string;
  version: number;
  topic: TopicSpec;
  payload: z.ZodType<P>;
}

export class InvalidEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

// Strict, so a field added by mistake (or carrying personal data) fails loudly instead of riding along.
export const envelopeSchema = z.strictObject({
  eventId: z.uuidv4(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime(),
  producer: z.string().min(1),
  aggregateId: z.string().min(1),
  correlationId: z.string().min(1),
  payload: z.unknown(),
});

/** One line naming every field at fault, e.g. `payload: Unrecognized key: "email"; version: …`. */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

function isStrictObject(schema: z.ZodType): boolean {
  return schema instanceof z.ZodObject && schema._zod.def.catchall?._zod.def.type === 'never';
}

/** Declares an event; the payload must be a `z.strictObject` so unexpected fields are rejected at runtime. */
export function defineEvent<P>(def: EventDefinition<P>): EventDefinition<P> {
  if (!def.type || !Number.isInteger(def.version) || def.version < 1) {
    throw new Error(`event definition needs a type and a positive integer version (got ${def.type}@${def.version})`);
  }
  if (!isStrictObject(def.payload)) {
    throw new Error(`event ${def.type} v${def.version}: payload schema must be a z.strictObject`);
  }
  return def;
}

/** Builds a new envelope; throws InvalidEventError when the payload does not match the definition. */
export function createEvent<P>(
  def: EventDefinition<P>,
  input: { aggregateId: string; payload: P; producer: string; correlationId?: string; occurredAt?: Date },
): EventEnvelope<P> {
  const payload = def.payload.safeParse(input.payload);
  if (!payload.success) {
    throw new InvalidEventError(`${def.type} v${def.version}: ${describeIssues(payload.error, 'payload')}`);
  }
  const event: EventEnvelope<P> = {
    eventId: randomUUID(),
    type: def.type,
    version: def.version,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    producer: input.producer,
    aggregateId: input.aggregateId,
    // A new causal chain starts here unless the caller continues one (e.g. from an incoming request or event).
    correlationId: input.correlationId ?? randomUUID(),
    payload: payload.data,
  };
  const envelope = envelopeSchema.safeParse(event);
  if (!envelope.success) {
    throw new InvalidEventError(`${def.type} v${def.version}: ${describeIssues(envelope.error)}`);
  }
  return event;
}

/** Narrows a parsed envelope to a definition's payload type, for handlers keyed by type. */
export function isEventOf<P>(def: EventDefinition<P>, event: EventEnvelope): event is EventEnvelope<P> {
  return event.type === def.type && event.version === def.version;
}
