import type { StageCounts as Counts } from '../../domain/funnel';

export const StageCounts = {
  deepDive: (counts: Counts) => counts['deep-dive'],
};
