// The start/stop API on a pair of servers of its own (the shared ones stay untouched): the state file,
// a broker restart on the same port keeping its topics, and every port free again after stop.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import {
  infrastructureStatus,
  readState,
  startInfrastructure,
  startKafkaBroker,
  stopInfrastructure,
  stopKafkaBroker,
} from '../src';
import type { RunningInfrastructure } from '../src';
import { isPortFree } from '../src/ports';

jest.setTimeout(180_000);

describe('infrastructure lifecycle', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-infra-lifecycle-'));
  let infra: RunningInfrastructure;

  beforeAll(async () => {
    infra = await startInfrastructure({ dataDir });
  });

  afterAll(async () => {
    if (infra) await infra.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records endpoints, PIDs and ports in the state file', () => {
    const state = readState(infra.stateFile);
    expect(infra.stateFile).toBe(path.join(dataDir, 'infra-state.json'));
    expect(state.mongoUrl).toBe(`mongodb://127.0.0.1:${state.ferretdb.port}/`);
    expect(state.kafkaBrokers).toEqual([`127.0.0.1:${state.kafka.port}`]);
    expect(existsSync(state.kafka.pidFile) && existsSync(state.ferretdb.pidFile)).toBe(true);
    expect(infrastructureStatus(infra.stateFile).map((s) => s.running)).toEqual([true, true]);
  });

  it('restarts a stopped broker on the same port with its topics', async () => {
    const kafka = new Kafka({ clientId: 'lifecycle', brokers: infra.kafkaBrokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'kept-across-restart' }], waitForLeaders: true });
    await admin.disconnect();

    await stopKafkaBroker(infra.stateFile);
    const { kafka: broker } = readState(infra.stateFile);
    expect(broker.pid).toBeNull();
    expect(await isPortFree(broker.port)).toBe(true);

    await startKafkaBroker(infra.stateFile);
    expect(readState(infra.stateFile).kafka.port).toBe(broker.port);
    await admin.connect();
    expect(await admin.listTopics()).toContain('kept-across-restart');
    await admin.disconnect();
  });

  it('stops both servers and frees every port', async () => {
    const state = readState(infra.stateFile);
    await stopInfrastructure(infra.stateFile);
    expect(infrastructureStatus(infra.stateFile).map((s) => s.running)).toEqual([false, false]);
    for (const port of [state.ferretdb.port, state.kafka.port, state.kafka.controllerPort]) {
      expect(await isPortFree(port)).toBe(true);
    }
  });
});
