import { createEvent } from '../events';
import { OrganisationDeactivated, TOPICS } from '../contracts';
import type { Kafka } from 'kafkajs';
import { backoffDelay, backoffSchedule, toKafkaMessage, toOutboxEntry, topicEnds } from './index';

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

describe('topicEnds', () => {
  /** A client whose admin answers fetchTopicOffsets with the given failures first, then the ends. */
  const kafkaFailingFirst = (...failures: Error[]) => {
    const calls = { fetches: 0, disconnects: 0 };
    const admin = {
      connect: async () => undefined,
      disconnect: async () => void (calls.disconnects += 1),
      fetchTopicOffsets: async () => {
        const failure = failures[calls.fetches++];
        if (failure) throw failure;
        return [{ partition: 0, offset: '7', high: '7', low: '0' }];
      },
    };
    return { kafka: { admin: () => admin } as unknown as Kafka, calls };
  };
  const notLeader = () => Object.assign(new Error('This server is not the leader for that topic-partition'), { retriable: true });

  it('asks again while the broker is not yet the partition leader (right after the topic was created)', async () => {
    const { kafka, calls } = kafkaFailingFirst(notLeader(), notLeader());
    await expect(topicEnds(kafka, 'hub.organisations.v1')).resolves.toEqual([{ partition: 0, offset: '7', high: '7', low: '0' }]);
    expect(calls).toEqual({ fetches: 3, disconnects: 1 });
  });

  it('gives up at once on an error that asking again cannot mend, and disconnects', async () => {
    const { kafka, calls } = kafkaFailingFirst(Object.assign(new Error('Topic authorization failed'), { retriable: false }));
    await expect(topicEnds(kafka, 'hub.organisations.v1')).rejects.toThrow('Topic authorization failed');
    expect(calls).toEqual({ fetches: 1, disconnects: 1 });
  });
});
