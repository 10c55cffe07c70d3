import { z } from 'zod';
import { brokerList, commonEnv, ConfigError, loadConfig, mongoUrl } from './index';

const schema = z.object({ ...commonEnv, PORT: commonEnv.PORT.default(4001), MONGO_URL: mongoUrl, KAFKA_BROKERS: brokerList });

describe('typed, validated configuration', () => {
  it('parses and types the environment, with defaults', () => {
    const config = loadConfig(schema, { MONGO_URL: 'mongodb://127.0.0.1:27018/hub', KAFKA_BROKERS: '127.0.0.1:19092, 127.0.0.1:19094' });
    expect(config).toEqual({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      PORT: 4001,
      MONGO_URL: 'mongodb://127.0.0.1:27018/hub',
      KAFKA_BROKERS: ['127.0.0.1:19092', '127.0.0.1:19094'],
    });
  });

  it.each([
    [{ KAFKA_BROKERS: '127.0.0.1:19092' }, /^invalid configuration: MONGO_URL: /],
    [{ MONGO_URL: 'postgres://x', KAFKA_BROKERS: '127.0.0.1:19092' }, /^invalid configuration: MONGO_URL: expected a mongodb:\/\/ URL$/],
    [{ MONGO_URL: 'mongodb://h/db', KAFKA_BROKERS: 'kafka' }, /^invalid configuration: KAFKA_BROKERS: expected host:port/],
    [{ MONGO_URL: 'mongodb://h/db', KAFKA_BROKERS: 'k:1', PORT: 'eighty' }, /^invalid configuration: PORT: /],
    [{ MONGO_URL: 'mongodb://h/db', KAFKA_BROKERS: 'k:1', NODE_ENV: 'staging' }, /^invalid configuration: NODE_ENV: /],
  ])('stops on a bad or missing value with one line naming it: %j', (env, message) => {
    expect(() => loadConfig(schema, env)).toThrow(ConfigError);
    try {
      loadConfig(schema, env);
    } catch (error) {
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
