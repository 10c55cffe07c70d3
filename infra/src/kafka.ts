import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';

export interface BrokerSettings {
  port: number;
  controllerPort: number;
  logDirs: string;
}

/** Single-node KRaft broker+controller on 127.0.0.1, sized for one developer machine or one test run. */
export function brokerProperties({ port, controllerPort, logDirs }: BrokerSettings): string {
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    // One replica: the defaults of 3 leave consumers without a group coordinator.
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    // One partition each instead of 50: the first consumer group then joins in milliseconds, not seconds.
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.num.partitions': 1,
    'group.initial.rebalance.delay.ms': 0,
    // Services declare and create their topics; a typo must fail instead of creating a stray topic.
    'auto.create.topics.enable': false,
    'num.partitions': 1,
    'log.dirs': logDirs,
  };
  return `${Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;
}

/**
 * The cluster id of an already formatted log directory (format refuses any other, even with
 * --ignore-formatted), else a new one: 16 random bytes, base64url (what `kafka-storage random-uuid` prints).
 */
export function clusterIdFor(logDirs: string): string {
  const metaFile = path.join(logDirs, 'meta.properties');
  const existing = existsSync(metaFile) ? /^cluster\.id=(.+)$/m.exec(readFileSync(metaFile, 'utf8'))?.[1] : undefined;
  return existing?.trim() ?? newClusterId();
}

/** Like Kafka's Uuid.randomUuid: an id starting with "-" would be read as a command-line flag, so draw again. */
export function newClusterId(random: () => Buffer = () => randomBytes(16)): string {
  for (;;) {
    const id = random().toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export function kafkaJvmArgs(libsDir: string, log4jConfig: string): string[] {
  return ['-Xmx512m', `-Dlog4j.configuration=file:${log4jConfig}`, '-cp', path.join(libsDir, '*')];
}

/** Formats the log directory for KRaft; a no-op when it is already formatted. */
export async function formatStorage(
  libsDir: string,
  log4jConfig: string,
  propertiesFile: string,
  clusterId: string,
): Promise<void> {
  const args = [
    ...kafkaJvmArgs(libsDir, log4jConfig),
    'kafka.tools.StorageTool',
    ...['format', '-t', clusterId, '-c', propertiesFile, '--ignore-formatted'],
  ];
  try {
    await promisify(execFile)('java', args, { timeout: 60_000 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`Kafka storage format failed: java ${args.join(' ')}\n${stdout}${stderr}`, { cause: error });
  }
}

/** Resolves when the broker answers a metadata request; throws otherwise. */
export async function pingKafka(brokers: string[]): Promise<void> {
  const admin = new Kafka({
    clientId: 'hub-infra-readiness',
    brokers,
    connectionTimeout: 1000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}
