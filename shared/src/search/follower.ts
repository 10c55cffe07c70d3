import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Batch, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { TopicSpec } from '../events';
import type { Logger } from '../logging';
import { retryingRetriable, topicEnds } from '../messaging/kafka';

/** Re-reads the given aggregates by id and puts what it finds (or their absence) into an in-memory index. */
export type Refresh = (aggregateIds: string[]) => Promise<void>;

export interface IndexFollowerOptions {
  kafka: Kafka;
  /** The service's own topic: its writes, from whichever replica. */
  topic: TopicSpec;
  /** Per event type, the refresh of the index its aggregate belongs to; other types are skipped. */
  refreshers: Partial<Record<string, Refresh>>;
  /** The start of the consumer group's name; each process adds its own suffix, so every replica reads every event. */
  groupPrefix: string;
  logger: Logger;
  /** Wait before trying a failed refresh again, doubling up to 30 s (default 200 ms). */
  initialBackoffMs?: number;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * Keeps a replica's in-memory indexes current with the writes of the other replicas: a consumer of the service's
 * own topic in a consumer group of its own, which re-reads each changed aggregate by `_id`. Events carry ids, not
 * the facts indexed, and a re-read is idempotent, so nothing is recorded per event and nothing is committed: a
 * process starts from where the topic ended just before it loaded its indexes, and reads every event after that.
 */
export class IndexFollower {
  private consumer: Consumer | undefined;
  private stopping = false;
  /** Events this replica wrote and put in its index itself: when they come back from the topic, nothing to re-read. */
  private readonly writtenHere = new Set<string>();
  /** Per partition, the offset to read next: where the topic ended before the load, then after each applied batch. */
  private readonly readFrom = new Map<number, string>();
  private readonly logger: Logger;

  constructor(private readonly options: IndexFollowerOptions) {
    this.logger = options.logger.child({ component: 'index-follower', topic: options.topic.name });
  }

  /**
   * Notes where the topic ends, runs `load` (the indexes read from the database), then follows from that point:
   * an event sent before it is in what `load` read, and one sent after it is applied after `load`, never under it.
   */
  async start(load: () => Promise<void>): Promise<void> {
    const { kafka, topic } = this.options;
    const ends = await topicEnds(kafka, topic.name);
    await load();

    const groupId = `${this.options.groupPrefix}-${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 1000,
      retry: { restartOnFailure: async () => !this.stopping },
    });
    for (const { partition, offset } of ends) this.readFrom.set(partition, offset);
    // nothing is committed, so every join (the first, and each after the consumer restarts from a crash such as
    // "the coordinator is loading" while Kafka starts) must say where to read: a seek once after run() would be
    // lost on a restart, and throws when run() has handed the crash to the restart
    const consumer = this.consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      for (const [partition, offset] of this.readFrom) consumer.seek({ topic: topic.name, partition, offset });
    });
    await consumer.connect();
    await retryingRetriable(() => consumer.subscribe({ topics: [topic.name], fromBeginning: false }));
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat }) => this.apply(batch, heartbeat),
    });
    this.logger.info({ groupId }, 'following the topic for the in-memory indexes');
  }

  /** For writes in bulk (imports): their events are skipped here instead of re-reading every aggregate they name. */
  wroteHere(eventIds: Iterable<string>): void {
    for (const eventId of eventIds) this.writtenHere.add(eventId);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer?.disconnect();
  }

  /** One refresh per index for a whole batch: an aggregate changed several times in it is read once. */
  private async apply(batch: Batch, heartbeat: () => Promise<void>): Promise<void> {
    const changed = new Map<Refresh, Set<string>>();
    for (const message of batch.messages) {
      // an event this replica wrote is known by its header, without parsing the event: an import's are thousands
      const eventId = message.headers?.['event-id']?.toString();
      if (eventId !== undefined && this.writtenHere.delete(eventId)) continue;
      const event = envelopeOf(message);
      const refresh = event && this.options.refreshers[event.type];
      if (!event || !refresh || this.writtenHere.delete(event.eventId)) continue;
      const ids = changed.get(refresh) ?? new Set<string>();
      ids.add(event.aggregateId);
      changed.set(refresh, ids);
    }
    for (const [refresh, ids] of changed) {
      // the database may be away for a moment: try again rather than leave this replica's index behind for good
      for (let attempt = 1; !this.stopping; attempt++) {
        try {
          await refresh([...ids]);
          break;
        } catch (error) {
          this.logger.warn({ err: error, attempt }, 'refreshing the in-memory index failed; retrying');
          await new Promise((resolve) => setTimeout(resolve, Math.min((this.options.initialBackoffMs ?? 200) * 2 ** (attempt - 1), MAX_BACKOFF_MS)));
          await heartbeat();
        }
      }
    }
    if (!batch.isEmpty()) this.readFrom.set(batch.partition, (BigInt(batch.lastOffset()) + 1n).toString());
  }
}

/** The id, type and aggregate of an event; a message that is not one is the service's own consumer's concern. */
function envelopeOf(message: KafkaMessage): { eventId: string; type: string; aggregateId: string } | undefined {
  try {
    const value = JSON.parse(message.value?.toString('utf8') ?? 'null') as { eventId?: unknown; type?: unknown; aggregateId?: unknown } | null;
    if (typeof value?.eventId === 'string' && typeof value.type === 'string' && typeof value.aggregateId === 'string') {
      return { eventId: value.eventId, type: value.type, aggregateId: value.aggregateId };
    }
  } catch {
    // not JSON: nothing to re-read
  }
  return undefined;
}
