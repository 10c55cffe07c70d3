// Pure helpers: generated server settings, endpoint parsing and the test kit's names.
import { externalInfrastructure, withDatabase } from '../src/external';
import { ferretdbArgs } from '../src/ferretdb';
import { brokerProperties, newClusterId } from '../src/kafka';
import { postgresArgs } from '../src/postgres';
import { uniqueName } from '../src/testkit';

describe('Kafka broker properties', () => {
  const properties = Object.fromEntries(
    brokerProperties({ port: 19092, controllerPort: 19093, logDirs: '/data/kafka' })
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

  it('describe one KRaft node on 127.0.0.1', () => {
    expect(properties).toMatchObject({
      'process.roles': 'broker,controller',
      'node.id': '1',
      'controller.quorum.voters': '1@127.0.0.1:19093',
      listeners: 'PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093',
      'advertised.listeners': 'PLAINTEXT://127.0.0.1:19092',
      'controller.listener.names': 'CONTROLLER',
      'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'log.dirs': '/data/kafka',
    });
  });

  it('need no second replica, do not delay rebalances and never create topics implicitly', () => {
    expect(properties).toMatchObject({
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'group.initial.rebalance.delay.ms': '0',
      'auto.create.topics.enable': 'false',
      'num.partitions': '1',
    });
  });
});

describe('Kafka cluster id', () => {
  it('never starts with "-", which StorageTool would read as a flag', () => {
    const draws = [Buffer.from('fb' + '00'.repeat(15), 'hex'), Buffer.from('01'.repeat(16), 'hex')];
    expect(draws[0]!.toString('base64url').startsWith('-')).toBe(true);
    expect(newClusterId(() => draws.shift()!)).toBe(Buffer.from('01'.repeat(16), 'hex').toString('base64url'));
  });
});

describe('FerretDB arguments', () => {
  it('use the PostgreSQL backend on 127.0.0.1, without a replica set name', () => {
    const args = ferretdbArgs({ port: 27018, postgresUrl: 'postgres://postgres@127.0.0.1:15432/ferretdb', stateDir: '/data/state' });
    expect(args).toEqual([
      '--handler=postgresql',
      '--postgresql-url=postgres://postgres@127.0.0.1:15432/ferretdb',
      '--listen-addr=127.0.0.1:27018',
      '--state-dir=/data/state',
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=warn',
    ]);
    expect(args.some((arg) => arg.startsWith('--repl-set-name'))).toBe(false);
  });
});

describe('PostgreSQL arguments', () => {
  const settings = (throwaway: boolean): Record<string, string> => {
    const args = postgresArgs({ port: 15432, dataDir: '/data/pg', throwaway });
    expect(args.slice(0, 2)).toEqual(['-D', '/data/pg']);
    return Object.fromEntries(args.slice(2).filter((_, i) => i % 2 === 1).map((pair) => pair.split('=') as [string, string]));
  };

  it('listen on 127.0.0.1 only and plan each prepared statement for its parameters (GIN indexes need it)', () => {
    expect(settings(false)).toMatchObject({ listen_addresses: '127.0.0.1', port: '15432', unix_socket_directories: '', plan_cache_mode: 'force_custom_plan' });
  });

  it('skip fsync only for throwaway data', () => {
    expect(settings(false).fsync).toBeUndefined();
    expect(settings(true)).toMatchObject({ fsync: 'off', full_page_writes: 'off' });
  });
});

describe('externalInfrastructure', () => {
  it('uses external servers only when both variables are set', () => {
    expect(
      externalInfrastructure({ MONGO_URL: 'mongodb://db:27017/', KAFKA_BROKERS: 'k1:9092, k2:9092' }),
    ).toEqual({ mongoUrl: 'mongodb://db:27017/', kafkaBrokers: ['k1:9092', 'k2:9092'] });
    expect(externalInfrastructure({})).toBeUndefined();
  });

  it('takes the PostgreSQL under an external FerretDB when given', () => {
    const env = { MONGO_URL: 'mongodb://ferretdb:27017/', KAFKA_BROKERS: 'k1:9092', FERRETDB_POSTGRESQL_URL: 'postgres://hub@pg:5432/ferretdb' };
    expect(externalInfrastructure(env)?.postgresUrl).toBe('postgres://hub@pg:5432/ferretdb');
  });

  it('refuses half an external setup', () => {
    expect(() => externalInfrastructure({ MONGO_URL: 'mongodb://db:27017/' })).toThrow(
      'MONGO_URL is set but KAFKA_BROKERS is not',
    );
    expect(() => externalInfrastructure({ KAFKA_BROKERS: 'k1:9092' })).toThrow(
      'KAFKA_BROKERS is set but MONGO_URL is not',
    );
  });
});

describe('withDatabase', () => {
  it.each([
    ['mongodb://127.0.0.1:27018/', 'mongodb://127.0.0.1:27018/t1'],
    ['mongodb://127.0.0.1:27018', 'mongodb://127.0.0.1:27018/t1'],
    ['mongodb://mongo:27017/hub_organisations?replicaSet=rs0', 'mongodb://mongo:27017/t1?replicaSet=rs0'],
    ['mongodb://u:p@a:1,b:2/?authSource=admin', 'mongodb://u:p@a:1,b:2/t1?authSource=admin'],
  ])('puts the database into %s', (url, expected) => {
    expect(withDatabase(url, 't1')).toBe(expected);
  });
});

describe('uniqueName', () => {
  it('gives distinct names that Kafka accepts as topic names', () => {
    const names = Array.from({ length: 100 }, () => uniqueName('orders'));
    expect(new Set(names).size).toBe(100);
    for (const name of names) expect(name).toMatch(/^orders-[a-z0-9]+-[0-9a-f]{8}$/);
  });
});
