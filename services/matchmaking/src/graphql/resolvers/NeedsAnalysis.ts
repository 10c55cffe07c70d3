import type { NeedsAnalysisView } from '../../application/needs';
import { mayReadOwnerGroups } from '../../domain/needs';
import type { MatchmakingContext } from '../context';
import { organisationRef } from './references';

export const NeedsAnalysis = {
  company: (analysis: NeedsAnalysisView) => organisationRef(analysis.companyId),
  ownerGroups: (analysis: NeedsAnalysisView, _: unknown, ctx: MatchmakingContext) =>
    mayReadOwnerGroups(ctx.claims, { id: analysis.companyId, municipalityCode: analysis.municipalityCode }) ? analysis.ownerGroups : [],
};
