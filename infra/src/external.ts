/** Where the hub's servers are: a MongoDB-wire URL and Kafka bootstrap brokers. */
export interface InfrastructureEndpoints {
  mongoUrl: string;
  kafkaBrokers: string[];
  /** When the MongoDB-wire server is FerretDB on PostgreSQL: that PostgreSQL, where the services add GIN indexes. */
  postgresUrl?: string;
}

export function parseBrokers(value: string): string[] {
  return value
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
}

/**
 * MONGO_URL and KAFKA_BROKERS both set: use those servers and start nothing. Neither: undefined (start
 * local ones). Only one: an error, since half of an external setup is always a mistake.
 */
export function externalInfrastructure(env: NodeJS.ProcessEnv = process.env): InfrastructureEndpoints | undefined {
  const mongoUrl = env.MONGO_URL?.trim();
  const brokers = parseBrokers(env.KAFKA_BROKERS ?? '');
  const postgresUrl = env.FERRETDB_POSTGRESQL_URL?.trim() || undefined;
  if (mongoUrl && brokers.length > 0) return { mongoUrl, kafkaBrokers: brokers, ...(postgresUrl ? { postgresUrl } : {}) };
  if (!mongoUrl && brokers.length === 0) return undefined;
  const [set, unset] = mongoUrl ? ['MONGO_URL', 'KAFKA_BROKERS'] : ['KAFKA_BROKERS', 'MONGO_URL'];
  throw new Error(
    `${set} is set but ${unset} is not: set both to use external servers, or neither to start local ones`,
  );
}

/** `mongoUrl` with its database replaced by `database`, keeping hosts, credentials and options. */
export function withDatabase(mongoUrl: string, database: string): string {
  const schemeEnd = mongoUrl.indexOf('://');
  if (schemeEnd < 0) throw new Error(`not a MongoDB URL: ${mongoUrl}`);
  const queryStart = mongoUrl.indexOf('?', schemeEnd);
  const base = queryStart < 0 ? mongoUrl : mongoUrl.slice(0, queryStart);
  const query = queryStart < 0 ? '' : mongoUrl.slice(queryStart);
  const pathStart = base.indexOf('/', schemeEnd + 3);
  const hosts = pathStart < 0 ? base : base.slice(0, pathStart);
  return `${hosts}/${database}${query}`;
}
