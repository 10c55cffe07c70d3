import { DateScalar, DateTimeScalar, JSONScalar } from '@hub/shared/graphql';
import { ExclusionReason, FunnelStage, Need, ReferralStatus, TargetGroup } from './enums';
import { FunnelPosition } from './FunnelPosition';
import { FunnelRow } from './FunnelRow';
import { gateMutations } from '@hub/shared/auth';
import { POLICY } from '../../policy';
import { Mutation } from './Mutation';
import { NeedsAnalysis } from './NeedsAnalysis';
import { Offering } from './Offering';
import { Organisation } from './Organisation';
import { PartnerMeeting } from './PartnerMeeting';
import { PersonalData } from './PersonalData';
import { Query } from './Query';
import { Referral } from './Referral';
import { StageCounts } from './StageCounts';

export const resolvers = {
  Query,
  // a role the policy names for a mutation in no scope is refused before anything is looked up or validated
  Mutation: gateMutations(Mutation, POLICY.Mutation),
  Organisation,
  Offering,
  NeedsAnalysis,
  FunnelPosition,
  FunnelRow,
  StageCounts,
  Referral,
  PartnerMeeting,
  PersonalData,
  Need,
  TargetGroup,
  FunnelStage,
  ReferralStatus,
  ExclusionReason,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
};
