import type { EventDefinition, EventEnvelope, TopicSpec } from './envelope';
import { describeIssues, envelopeSchema, InvalidEventError } from './envelope';

const keyOf = (type: string, version: number): string => `${type}@v${version}`;

/** Every event a reader understands, so anything read off a topic is checked before a handler sees it. */
export class EventRegistry {
  // Definitions are registered for any payload type; parse() checks each payload against its own schema.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly definitions = new Map<string, EventDefinition<any>>();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(defs: EventDefinition<any>[]) {
    for (const def of defs) {
      const key = keyOf(def.type, def.version);
      if (this.definitions.has(key)) throw new Error(`event ${key} is defined twice`);
      const sameTopic = [...this.definitions.values()].find((d) => d.topic.name === def.topic.name);
      if (sameTopic && JSON.stringify(sameTopic.topic) !== JSON.stringify(def.topic)) {
        throw new Error(`topic ${def.topic.name} is specified differently by ${sameTopic.type} and ${def.type}`);
      }
      this.definitions.set(key, def);
    }
  }

  /** Validates the envelope, then the payload against the schema for (type, version). */
  parse(raw: unknown): EventEnvelope {
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success) {
      throw new InvalidEventError(`invalid event envelope: ${describeIssues(envelope.error)}`);
    }
    const { type, version } = envelope.data;
    const def = this.definitions.get(keyOf(type, version));
    if (!def) {
      const known = [...this.definitions.values()].filter((d) => d.type === type).map((d) => d.version);
      throw new InvalidEventError(
        known.length > 0
          ? `unknown version ${version} of event ${type} (known: ${known.join(', ')})`
          : `unknown event type ${type}`,
      );
    }
    const payload = def.payload.safeParse(envelope.data.payload);
    if (!payload.success) {
      throw new InvalidEventError(`invalid ${type} v${version}: ${describeIssues(payload.error, 'payload')}`);
    }
    return { ...envelope.data, payload: payload.data };
  }

  /** The distinct topics the registered events travel on. */
  topics(): TopicSpec[] {
    const byName = new Map<string, TopicSpec>();
    for (const def of this.definitions.values()) byName.set(def.topic.name, def.topic);
    return [...byName.values()];
  }
}
