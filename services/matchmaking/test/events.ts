import { hubEventRegistry, matchmakingEvents, TOPICS } from '@hub/shared/contracts';
import type { EventEnvelope } from '@hub/shared/events';
import { createLogger } from '@hub/shared/logging';
import { createKafka, EventConsumer } from '@hub/shared/messaging';
import { connectMongo } from '@hub/shared/mongo';
import { testEndpoints, uniqueDbUrl, uniqueName } from '@hub/infra/testkit';

/** Collects every matchmaking event from the beginning of the topic, through the hub's own consumer and registry. */
export async function collectMatchmakingEvents(prefix: string): Promise<{ received: EventEnvelope[]; stop(): Promise<void> }> {
  const logger = createLogger(`${prefix}-consumer`, process.env.TEST_LOG_LEVEL ?? 'silent');
  const connection = await connectMongo(uniqueDbUrl(`${prefix}_consumer`), logger);
  const received: EventEnvelope[] = [];
  const record = async (event: EventEnvelope) => {
    received.push(event);
  };
  const consumer = new EventConsumer({
    kafka: createKafka({ brokers: testEndpoints().kafkaBrokers, clientId: uniqueName(`${prefix}-consumer`), logger }),
    groupId: uniqueName(`${prefix}-consumer`),
    topics: [TOPICS.matchmaking],
    registry: hubEventRegistry,
    connection,
    logger,
    fromBeginning: true,
    handlers: Object.fromEntries(matchmakingEvents.map((definition) => [definition.type, record])),
  });
  await consumer.start();
  return {
    received,
    stop: async () => {
      await consumer.stop();
      await connection.close();
    },
  };
}
