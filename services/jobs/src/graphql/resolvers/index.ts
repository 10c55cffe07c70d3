import { DateTimeScalar } from '@hub/shared/graphql';
import { JobName, JobRunStatus, JobRunTrigger } from './enums';
import { JobRun } from './JobRun';
import { Query } from './Query';
import { RejectedItem } from './RejectedItem';

export const resolvers = {
  Query,
  JobRun,
  RejectedItem,
  JobName,
  JobRunStatus,
  JobRunTrigger,
  DateTime: DateTimeScalar,
};
