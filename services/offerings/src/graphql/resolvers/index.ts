import { DateScalar, DateTimeScalar, JSONScalar } from '@hub/shared/graphql';
import { Enrolment } from './Enrolment';
import { AgeGroup, EnrolmentStatus, Gender, JobBasis, Need, OfferingFormat, OfferingKind, OfferingSort, OfferingStatus, OutcomeKind, TargetGroup, TurnoverBand } from './enums';
import { Municipality } from './Municipality';
import { gateMutations } from '@hub/shared/auth';
import { POLICY } from '../../policy';
import { Mutation } from './Mutation';
import { Offering } from './Offering';
import { Organisation } from './Organisation';
import { Outcome } from './Outcome';
import { PersonalData } from './PersonalData';
import { Query } from './Query';

export const resolvers = {
  Query,
  // a role the policy names for a mutation in no scope is refused before anything is looked up or validated
  Mutation: gateMutations(Mutation, POLICY.Mutation),
  Offering,
  Organisation,
  Municipality,
  Enrolment,
  Outcome,
  PersonalData,
  OfferingKind,
  OfferingStatus,
  OfferingFormat,
  OfferingSort,
  TargetGroup,
  Need,
  EnrolmentStatus,
  Gender,
  AgeGroup,
  OutcomeKind,
  JobBasis,
  TurnoverBand,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
};
