import { DateScalar, DateTimeScalar, JSONScalar } from '@hub/shared/graphql';
import { ContactRole, OrganisationKind, OrganisationStatus, ProjectKind } from './enums';
import { Municipality } from './Municipality';
import { gateMutations } from '@hub/shared/auth';
import { POLICY } from '../../policy';
import { Mutation } from './Mutation';
import { Organisation } from './Organisation';
import { PersonalData } from './PersonalData';
import { Project } from './Project';
import { Query } from './Query';

export const resolvers = {
  Query,
  // a role the policy names for a mutation in no scope is refused before anything is looked up or validated
  Mutation: gateMutations(Mutation, POLICY.Mutation),
  Organisation,
  Municipality,
  Project,
  PersonalData,
  OrganisationKind,
  OrganisationStatus,
  ContactRole,
  ProjectKind,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
};
