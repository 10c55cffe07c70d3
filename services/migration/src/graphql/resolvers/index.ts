import { DateScalar, DateTimeScalar, JSONScalar } from '@hub/shared/graphql';
import { AccessLogEntry } from './AccessLogEntry';
import { Candidate } from './Candidate';
import { CaseOutcome, CaseStatus, CaseStep, ConsentChannel, ConsentPurpose, HousingType, SharedField, VacancyStatus, WorkMode } from './enums';
import { Household } from './Household';
import { InMigrationCase } from './InMigrationCase';
import { Municipality } from './Municipality';
import { gateMutations } from '@hub/shared/auth';
import { POLICY } from '../../policy';
import { Mutation } from './Mutation';
import { Organisation } from './Organisation';
import { PersonalData } from './PersonalData';
import { Query } from './Query';
import { SharedProfile } from './SharedProfile';
import { Vacancy } from './Vacancy';
import { VacancyMatch } from './VacancyMatch';
import { Wishes } from './Wishes';

export const resolvers = {
  Query,
  // a role the policy names for a mutation in no scope is refused before anything is looked up or validated
  Mutation: gateMutations(Mutation, POLICY.Mutation),
  Organisation,
  Municipality,
  PersonalData,
  Vacancy,
  VacancyMatch,
  Candidate,
  SharedProfile,
  Household,
  Wishes,
  InMigrationCase,
  AccessLogEntry,
  WorkMode,
  VacancyStatus,
  HousingType,
  ConsentPurpose,
  ConsentChannel,
  SharedField,
  CaseStatus,
  CaseStep,
  CaseOutcome,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
};
