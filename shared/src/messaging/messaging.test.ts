import { createEvent } from '../events';
import { OrganisationDeactivated, TOPICS } from '../contracts';
import { backoffDelay, backoffSchedule, toKafkaMessage, toOutboxEntry } from './index';

const event = createEvent(OrganisationDeactivated, {
  aggregateId: 'org-1',
  producer: 'organisations',
  payload: { organisationId: 'org-1' },
});

describe('toOutboxEntry', () => {
  it('keeps the whole envelope and adds the topic name', () => {
    expect(toOutboxEntry(event, TOPICS.organisations)).toEqual({ ...event, topic: 'hub.organisations.v1' });
  });
});

describe('toKafkaMessage', () => {
  it('is keyed by aggregate and carries exactly the envelope', () => {
    const message = toKafkaMessage(toOutboxEntry(event, TOPICS.organisations));
    expect(message.key).toBe('org-1');
    expect(JSON.parse(String(message.value))).toEqual(event);
    expect(message.headers).toEqual({
      'event-id': event.eventId,
      'event-type': 'OrganisationDeactivated',
      'event-version': '1',
      'correlation-id': event.correlationId,
    });
  });
});

describe('backoff', () => {
  it('doubles from the initial wait, one wait between each pair of attempts', () => {
    expect(backoffSchedule(5, 200)).toEqual([200, 400, 800, 1600]);
    expect(backoffSchedule(1, 200)).toEqual([]);
  });

  it('is capped at 30 s', () => {
    expect(backoffDelay(20, 200)).toBe(30_000);
  });
});
