import { matchmakingEvents, TOPICS } from '@hub/shared/contracts';
import { collectEvents } from '@hub/infra/testkit';

/** Every matchmaking event, from the beginning of its topic. */
export function collectMatchmakingEvents(prefix: string) {
  return collectEvents(prefix, TOPICS.matchmaking, matchmakingEvents.map((definition) => definition.type));
}
