// Every hot query of the offerings service reads from an index on FerretDB over PostgreSQL.
import type { Connection } from 'mongoose';
import { describeHotQueries } from '@hub/infra/testkit';
import { registerEnrolmentModels } from '../src/infrastructure/enrolment-models';
import { hotQueries } from '../src/infrastructure/hot-queries';
import { registerModels } from '../src/infrastructure/models';

const register = (connection: Connection) => ({ ...registerModels(connection), ...registerEnrolmentModels(connection) });

describeHotQueries("the offerings service's hot queries", register, hotQueries);
