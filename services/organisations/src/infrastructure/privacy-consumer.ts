import { hubEventRegistry, TOPICS } from '@hub/shared/contracts';
import type { Logger } from '@hub/shared/logging';
import { EventConsumer, type Kafka } from '@hub/shared/messaging';
import type { Connection } from 'mongoose';
import type { ErasureRequest } from '../application/personal-data';

/**
 * Honours the hub's erasure requests. The consumer's processed marker absorbs a redelivered event, and erasing
 * again finds nothing left to change and no second completion to publish, so a repeat changes nothing.
 */
export function createPrivacyConsumer(options: {
  kafka: Kafka;
  groupId: string;
  connection: Connection;
  erase: (request: ErasureRequest, correlationId: string) => Promise<void>;
  logger: Logger;
}): EventConsumer {
  return new EventConsumer({
    kafka: options.kafka,
    groupId: options.groupId,
    topics: [TOPICS.privacy],
    registry: hubEventRegistry,
    connection: options.connection,
    logger: options.logger,
    // a new deployment honours every erasure requested before it
    fromBeginning: true,
    handlers: {
      PersonErased: (event) => options.erase(event.payload as ErasureRequest, event.correlationId),
    },
  });
}
