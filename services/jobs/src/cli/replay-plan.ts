import { TOPICS } from '@hub/shared/contracts';

/**
 * What rebuilding a service's read models means, per service: the collections it keeps from other services'
 * events (and nothing it owns), and the topics its consumer group reads. From each service's
 * infrastructure/models.ts and its event consumer; the organisations service keeps no read model.
 */
export const REPLAY_PLANS = {
  matchmaking: {
    readModels: ['organisations', 'projects', 'offerings'],
    owned: ['needs_analyses', 'funnel_positions', 'referrals', 'partner_meetings'],
    topics: [TOPICS.organisations.name, TOPICS.offerings.name, TOPICS.privacy.name],
  },
  offerings: {
    readModels: ['organisations', 'projects'],
    owned: ['offerings'],
    topics: [TOPICS.organisations.name, TOPICS.privacy.name],
  },
  migration: {
    // the employers the register knows, and the hub's access log folded from every service's PersonalDataAccessed
    readModels: ['employers', 'hub_access_log'],
    owned: ['vacancies', 'candidates', 'cases', 'receiving_capacities', 'erasures', 'vacancy_sync_batches'],
    topics: [TOPICS.organisations.name, TOPICS.privacy.name],
  },
} as const satisfies Record<string, { readModels: readonly string[]; owned: readonly string[]; topics: readonly string[] }>;

export type ReplayableService = keyof typeof REPLAY_PLANS;
export const REPLAYABLE_SERVICES = Object.keys(REPLAY_PLANS) as ReplayableService[];

/** The consumer's marks of events handled, one per event and group (shared/src/messaging/consumer.ts). */
export const PROCESSED_EVENTS = 'processed_events';

export interface GroupState {
  state: string;
  members: number;
}

/** A group with members (or rebalancing toward some) belongs to a running service; only an idle one is reset. */
export function groupIsActive(group: GroupState): boolean {
  return group.members > 0 || !['Empty', 'Dead', ''].includes(group.state);
}
