import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createEvent, defineEvent, EventRegistry, InvalidEventError, isEventOf } from './index';

const topic = { name: 'test.widgets.v1', partitions: 1, retentionMs: 60_000 };
const WidgetMade = defineEvent({
  type: 'WidgetMade',
  version: 1,
  topic,
  payload: z.strictObject({ widgetId: z.string().min(1), tags: z.array(z.string()) }),
});
const WidgetMadeV2 = defineEvent({
  type: 'WidgetMade',
  version: 2,
  topic,
  payload: z.strictObject({ widgetId: z.string().min(1) }),
});
const registry = new EventRegistry([WidgetMade, WidgetMadeV2]);

const made = () =>
  createEvent(WidgetMade, { aggregateId: 'w-1', producer: 'widgets', payload: { widgetId: 'w-1', tags: ['a'] } });

function rejection(raw: unknown): string {
  try {
    registry.parse(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEventError);
    return (error as Error).message;
  }
  throw new Error('expected the event to be rejected');
}

describe('createEvent', () => {
  it('fills the envelope: uuid v4 id, UTC timestamp, fresh correlation id', () => {
    const event = made();
    expect(event).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      type: 'WidgetMade',
      version: 1,
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      producer: 'widgets',
      aggregateId: 'w-1',
      correlationId: expect.any(String),
      payload: { widgetId: 'w-1', tags: ['a'] },
    });
    expect(event.correlationId).not.toBe(event.eventId);
  });

  it('keeps a given correlation id and time', () => {
    const correlationId = randomUUID();
    const event = createEvent(WidgetMade, {
      aggregateId: 'w-1',
      producer: 'widgets',
      payload: { widgetId: 'w-1', tags: [] },
      correlationId,
      occurredAt: new Date('2024-05-01T10:00:00+02:00'),
    });
    expect(event.correlationId).toBe(correlationId);
    expect(event.occurredAt).toBe('2024-05-01T08:00:00.000Z');
  });

  it('rejects a payload with an extra field', () => {
    const payload = { widgetId: 'w-1', tags: [], email: 'someone@example.com' };
    expect(() => createEvent(WidgetMade, { aggregateId: 'w-1', producer: 'widgets', payload })).toThrow(
      new InvalidEventError('WidgetMade v1: payload: Unrecognized key: "email"'),
    );
  });
});

describe('defineEvent', () => {
  it('refuses a payload schema that lets unknown fields through', () => {
    expect(() => defineEvent({ type: 'Loose', version: 1, topic, payload: z.object({ id: z.string() }) })).toThrow(
      'event Loose v1: payload schema must be a z.strictObject',
    );
  });

  it('refuses a non-positive version', () => {
    expect(() => defineEvent({ type: 'Zero', version: 0, topic, payload: z.strictObject({}) })).toThrow(
      'positive integer version',
    );
  });
});

describe('EventRegistry.parse', () => {
  it('round-trips a valid event through JSON', () => {
    const event = made();
    const parsed = registry.parse(JSON.parse(JSON.stringify(event)));
    expect(parsed).toEqual(event);
    expect(isEventOf(WidgetMade, parsed)).toBe(true);
    expect(isEventOf(WidgetMadeV2, parsed)).toBe(false);
  });

  it('rejects a missing envelope field, naming it', () => {
    const { aggregateId: _omitted, ...raw } = made();
    expect(rejection(raw)).toBe('invalid event envelope: aggregateId: Invalid input: expected string, received undefined');
  });

  it('rejects an unknown version of a known type', () => {
    expect(rejection({ ...made(), version: 3 })).toBe('unknown version 3 of event WidgetMade (known: 1, 2)');
  });

  it('rejects a payload that matches another version only', () => {
    expect(rejection({ ...made(), version: 2 })).toBe('invalid WidgetMade v2: payload: Unrecognized key: "tags"');
  });

  it('rejects an unknown type', () => {
    expect(rejection({ ...made(), type: 'GadgetMade' })).toBe('unknown event type GadgetMade');
  });

  it('rejects an extra payload field such as personal data', () => {
    const event = made();
    expect(rejection({ ...event, payload: { ...event.payload, email: 'someone@example.com' } })).toBe(
      'invalid WidgetMade v1: payload: Unrecognized key: "email"',
    );
  });

  it('rejects an extra envelope field, a bad id and a non-UTC timestamp', () => {
    const message = rejection({ ...made(), eventId: 'not-a-uuid', occurredAt: '2024-05-01T10:00:00+02:00', user: 'x' });
    expect(message).toContain('eventId: Invalid UUID');
    expect(message).toContain('occurredAt: Invalid ISO datetime');
    expect(message).toContain('Unrecognized key: "user"');
  });

  it('rejects something that is not an object', () => {
    expect(rejection('hello')).toBe('invalid event envelope: Invalid input: expected object, received string');
  });
});

describe('EventRegistry', () => {
  it('lists each topic once', () => {
    expect(registry.topics()).toEqual([topic]);
  });

  it('refuses the same type and version twice', () => {
    expect(() => new EventRegistry([WidgetMade, WidgetMade])).toThrow('event WidgetMade@v1 is defined twice');
  });

  it('refuses one topic name with two different specs', () => {
    const Other = defineEvent({
      type: 'Other',
      version: 1,
      topic: { ...topic, partitions: 6 },
      payload: z.strictObject({}),
    });
    expect(() => new EventRegistry([WidgetMade, Other])).toThrow('topic test.widgets.v1 is specified differently');
  });
});
