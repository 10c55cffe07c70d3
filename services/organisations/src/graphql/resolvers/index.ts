import { DateScalar, DateTimeScalar } from '@hub/shared/graphql';
import { ContactRole, OrganisationKind, OrganisationStatus, ProjectKind } from './enums';
import { Municipality } from './Municipality';
import { Mutation } from './Mutation';
import { Organisation } from './Organisation';
import { Project } from './Project';
import { Query } from './Query';

export const resolvers = {
  Query,
  Mutation,
  Organisation,
  Municipality,
  Project,
  OrganisationKind,
  OrganisationStatus,
  ContactRole,
  ProjectKind,
  Date: DateScalar,
  DateTime: DateTimeScalar,
};
