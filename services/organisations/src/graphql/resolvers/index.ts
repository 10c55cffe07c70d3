import { DateScalar, DateTimeScalar, JSONScalar } from '@hub/shared/graphql';
import { ContactRole, OrganisationKind, OrganisationStatus, ProjectKind } from './enums';
import { Municipality } from './Municipality';
import { Mutation } from './Mutation';
import { Organisation } from './Organisation';
import { PersonalData } from './PersonalData';
import { Project } from './Project';
import { Query } from './Query';

export const resolvers = {
  Query,
  Mutation,
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
