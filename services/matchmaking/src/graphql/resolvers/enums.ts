import { NEEDS, TARGET_GROUPS } from '@hub/shared/contracts';
import { EXCLUSION_REASONS } from '../../domain/matching';

/** GraphQL enum values mapped to the values the domain and the events use: EXPORT ↔ 'export'. */
function byConstantName<T extends string>(values: readonly T[]): Record<string, T> {
  return Object.fromEntries(values.map((value) => [value.toUpperCase().replace(/-/g, '_'), value]));
}

export const Need = byConstantName(NEEDS);
export const TargetGroup = byConstantName(TARGET_GROUPS);
export const FunnelStage = { CONTACT: 'contact', ENGAGED: 'engaged', DEEP_DIVE: 'deep-dive' };
export const ReferralStatus = { PROPOSED: 'proposed', ACCEPTED: 'accepted', DECLINED: 'declined', IN_PROGRESS: 'in-progress', COMPLETED: 'completed', WITHDRAWN: 'withdrawn' };
export const ExclusionReason = byConstantName(EXCLUSION_REASONS);
