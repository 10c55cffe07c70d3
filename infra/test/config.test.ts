// Pure helpers: generated server settings, endpoint parsing and the test kit's names.
import { externalInfrastructure, withDatabase } from '../src/external';
import { ferretdbArgs } from '../src/ferretdb';
import { brokerProperties, newClusterId } from '../src/kafka';
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
  it('use SQLite in the data folder on 127.0.0.1, without a replica set name', () => {
    const args = ferretdbArgs({ port: 27018, sqliteDir: '/data/ferretdb', stateDir: '/data/state' });
    expect(args).toEqual([
      '--handler=sqlite',
      '--sqlite-url=file:/data/ferretdb/',
      '--listen-addr=127.0.0.1:27018',
      '--state-dir=/data/state',
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=warn',
    ]);
    expect(args.some((arg) => arg.startsWith('--repl-set-name'))).toBe(false);
  });
});

describe('externalInfrastructure', () => {
  it('uses external servers only when both variables are set', () => {
    expect(
      externalInfrastructure({ MONGO_URL: 'mongodb://db:27017/', KAFKA_BROKERS: 'k1:9092, k2:9092' }),
    ).toEqual({ mongoUrl: 'mongodb://db:27017/', kafkaBrokers: ['k1:9092', 'k2:9092'] });
    expect(externalInfrastructure({})).toBeUndefined();
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
