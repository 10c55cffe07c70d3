export type { Kafka } from 'kafkajs';
export { createKafka, ensureTopics, topicEnds } from './kafka';
export type { KafkaOptions } from './kafka';
export { OutboxRelay, outboxSchema, toKafkaMessage, toOutboxEntry } from './outbox';
export type { AggregateId, CreatedDocument, OutboxEntry, OutboxModel, OutboxNudge, OutboxRelayOptions } from './outbox';
export { backoffDelay, backoffSchedule, EventConsumer, PROCESSED_BATCHES_COLLECTION, PROCESSED_EVENTS_COLLECTION } from './consumer';
export type { EventConsumerOptions, EventHandler, MessageMeta } from './consumer';
export { mergeFolds } from './folds';
export type { Fold, FoldOf, FoldOptions, MergedFold } from './folds';
