import { DateScalar, DateTimeScalar, JSONScalar } from '@hub/shared/graphql';
import { ExclusionReason, FunnelStage, Need, ReferralStatus, TargetGroup } from './enums';
import { FunnelPosition } from './FunnelPosition';
import { FunnelRow } from './FunnelRow';
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
  Mutation,
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
