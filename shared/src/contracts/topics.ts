import type { TopicSpec } from '../events';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Every hub topic with its partitioning and retention; a service adds its own line here. Domain topics are kept
 * without a time limit (retention.ms -1): a service that joins later builds its read model from the first event.
 */
const FOREVER = -1;

export const TOPICS = {
  organisations: { name: 'hub.organisations.v1', partitions: 3, retentionMs: FOREVER },
  offerings: { name: 'hub.offerings.v1', partitions: 3, retentionMs: FOREVER },
  matchmaking: { name: 'hub.matchmaking.v1', partitions: 3, retentionMs: FOREVER },
  migration: { name: 'hub.migration.v1', partitions: 3, retentionMs: FOREVER },
  // Erasure requests and their completions, and the hub's access log: ids only, like every topic.
  privacy: { name: 'hub.privacy.v1', partitions: 3, retentionMs: FOREVER },
  // Long retention: failed events wait here for someone to inspect and replay them.
  deadLetter: { name: 'hub.dead-letter.v1', partitions: 1, retentionMs: 30 * DAY_MS },
} as const satisfies Record<string, TopicSpec>;
