import { DateTimeScalar } from '@hub/shared/graphql';
import { JobName, JobRunStatus, JobRunTrigger } from './enums';
import { JobRun } from './JobRun';
import { Query } from './Query';

export const resolvers = {
  Query,
  JobRun,
  JobName,
  JobRunStatus,
  JobRunTrigger,
  DateTime: DateTimeScalar,
};
