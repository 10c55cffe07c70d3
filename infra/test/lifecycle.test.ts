// The start/stop API on servers of its own (the shared ones stay untouched): the state file, restarts on the same
// ports keeping their data, a status that tells a server started by hand from the recorded one, and every port free
// again after stop.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import {
  infrastructureStatus,
  readState,
  restartServer,
  withDatabase,
  startInfrastructure,
  startKafkaBroker,
  stopInfrastructure,
  stopKafkaBroker,
} from '../src';
import type { RunningInfrastructure } from '../src';
import { ferretdbArgs } from '../src/ferretdb';
import { isPortFree } from '../src/ports';
import { spawnDetached, stopProcess } from '../src/processes';
import { waitFor } from '../src/testkit';

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

  it('records endpoints, PIDs and ports in the state file', async () => {
    const state = readState(infra.stateFile);
    expect(infra.stateFile).toBe(path.join(dataDir, 'infra-state.json'));
    expect(state.mongoUrl).toBe(`mongodb://127.0.0.1:${state.ferretdb.port}/`);
    expect(state.kafkaBrokers).toEqual([`127.0.0.1:${state.kafka.port}`]);
    expect(infra.postgresUrl).toBe(`postgres://postgres@127.0.0.1:${state.postgres.port}/ferretdb`);
    expect([state.kafka, state.ferretdb, state.postgres].every((server) => existsSync(server.pidFile))).toBe(true);
    const status = await infrastructureStatus(infra.stateFile);
    expect(status.map((s) => [s.name, s.running, s.answering])).toEqual([
      ['PostgreSQL', true, true],
      ['FerretDB', true, true],
      ['Kafka', true, true],
    ]);
  });

  it('keeps documents across a restart of the database, on the same port', async () => {
    const before = readState(infra.stateFile);
    const url = withDatabase(infra.mongoUrl, 'lifecycle');
    const write = mongoose.createConnection(url);
    await write.asPromise();
    await write.collection('kept').insertOne({ _id: 'across-restart' as never, value: 1 });
    await write.close();

    await restartServer(infra.stateFile, 'database');
    const after = readState(infra.stateFile);
    expect([after.postgres.port, after.ferretdb.port]).toEqual([before.postgres.port, before.ferretdb.port]);
    expect(after.postgres.pid).not.toBe(before.postgres.pid);
    const read = mongoose.createConnection(url);
    await read.asPromise();
    expect(await read.collection('kept').findOne({ _id: 'across-restart' as never })).toMatchObject({ value: 1 });
    await read.close();
    expect((await infrastructureStatus(infra.stateFile)).every((s) => s.running && s.answering)).toBe(true);
  });

  it('tells a server that answers from one started by hand from the recorded one', async () => {
    const state = readState(infra.stateFile);
    // the recorded FerretDB is gone (killed behind the scripts' back), and one started by hand serves its port
    await stopProcess(state.ferretdb.pid!, state.ferretdb.binary, 10_000);
    const byHand = await spawnDetached(state.ferretdb.binary, ferretdbArgs({ port: state.ferretdb.port, postgresUrl: state.postgres.url, stateDir: state.ferretdb.stateDir }), state.ferretdb.logFile);
    try {
      const ferretdb = await waitFor(async () => {
        const found = (await infrastructureStatus(infra.stateFile)).find((s) => s.name === 'FerretDB');
        return found?.answering ? found : undefined;
      });
      expect(ferretdb).toMatchObject({ running: false, answering: true });
    } finally {
      await stopProcess(byHand, state.ferretdb.binary, 10_000);
    }
    await restartServer(infra.stateFile, 'database');
    const ferretdb = (await infrastructureStatus(infra.stateFile)).find((s) => s.name === 'FerretDB');
    expect(ferretdb).toMatchObject({ running: true, answering: true });
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
    const status = await infrastructureStatus(infra.stateFile);
    expect(status.map((s) => [s.running, s.answering])).toEqual([[false, false], [false, false], [false, false]]);
    for (const port of [state.postgres.port, state.ferretdb.port, state.kafka.port, state.kafka.controllerPort]) {
      expect(await isPortFree(port)).toBe(true);
    }
  });
});
