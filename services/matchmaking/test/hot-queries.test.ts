// Every hot query of the matchmaking service reads from an index on FerretDB over PostgreSQL.
import { describeHotQueries } from '@hub/infra/testkit';
import { hotQueries } from '../src/infrastructure/hot-queries';
import { registerModels } from '../src/infrastructure/models';

describeHotQueries("the matchmaking service's hot queries", registerModels, hotQueries);
