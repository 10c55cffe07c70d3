import type { Connection } from 'mongoose';
import { createKafka } from '@hub/shared/messaging';
import { connectMongo } from '@hub/shared/mongo';
import { EXIT, OperationFailedError, UsageError, type ExitCode } from '../exit-codes';
import { printJson, printText, say, type CliIo } from '../io';
import { cliLogger } from '../logger';
import { groupIsActive, PROCESSED_EVENTS, REPLAY_PLANS, type ReplayableService } from '../replay-plan';
import { kafkaBrokers, redactUrl, serviceMongoUrl } from '../settings';

export interface ReplayOptions {
  yes?: boolean;
  group?: string;
  mongoUrl?: string;
  brokers?: string;
  json?: boolean;
}

interface CollectionCount {
  collection: string;
  documents: number;
}

/**
 * Rebuilds a service's read models from the start of its topics: with the service stopped, resets its consumer
 * group to the earliest offsets, then deletes its marks of handled events and its read-model collections (never
 * what it owns). When the service starts again it reads every event from the first and builds them anew.
 * The offsets go first: if a later step fails, the service replays onto its old read models, which its
 * idempotent handlers allow, rather than resuming with empty ones.
 */
export async function replayCommand(io: CliIo, service: ReplayableService, options: ReplayOptions): Promise<ExitCode> {
  const plan = REPLAY_PLANS[service];
  const logger = cliLogger(io);
  const groupId = options.group ?? io.env.CONSUMER_GROUP ?? service;
  const mongoUrl = serviceMongoUrl(service, io.env, options.mongoUrl);
  const brokers = kafkaBrokers(io.env, options.brokers);
  if (!options.yes && !io.confirm) throw new UsageError('not at a terminal to confirm: pass --yes to replay');

  const kafka = createKafka({ brokers, clientId: `hub-cli-replay-${service}`, logger });
  const admin = kafka.admin();
  let connection: Connection | undefined;
  try {
    await admin.connect().catch((error: unknown) => {
      throw new OperationFailedError(`cannot reach Kafka at ${brokers.join(',')}: ${(error as Error).message}`);
    });
    await refuseWhileRunning(admin, service, groupId);
    connection = await connectMongo(mongoUrl, logger).catch((error: unknown) => {
      throw new OperationFailedError(`cannot reach ${service}'s database at ${redactUrl(mongoUrl)}: ${(error as Error).message}`);
    });
    const db = connection;
    const before: CollectionCount[] = [];
    for (const collection of plan.readModels) before.push({ collection, documents: await db.collection(collection).countDocuments({}) });
    const marks = await db.collection(PROCESSED_EVENTS).countDocuments({ groupId });

    if (!options.yes) {
      printText(io, describePlan(service, groupId, redactUrl(mongoUrl), before, marks, plan.topics));
      const ok = await (io.confirm as (question: string) => Promise<boolean>)(`Replay ${service}'s events from the start?`);
      if (!ok) {
        say(io, 'nothing changed');
        return EXIT.failed;
      }
    }
    // the service may have started while we asked
    await refuseWhileRunning(admin, service, groupId);
    // to the first offset each partition still holds, in numbers: kafkajs's resetOffsets({ earliest }) commits -2,
    // which a consumer reads as "no offset" and resolves by its own fromBeginning setting
    const rewound: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }> = [];
    for (const topic of plan.topics) {
      const partitions = (await admin.fetchTopicOffsets(topic)).map(({ partition, low }) => ({ partition, offset: low }));
      await admin.setOffsets({ groupId, topic, partitions });
      rewound.push({ topic, partitions });
    }
    const deletedMarks = (await db.collection(PROCESSED_EVENTS).deleteMany({ groupId })).deletedCount;
    const deleted: CollectionCount[] = [];
    for (const collection of plan.readModels) deleted.push({ collection, documents: (await db.collection(collection).deleteMany({})).deletedCount });

    const summary = { service, groupId, database: db.name, topics: plan.topics, offsets: rewound, processedEventsDeleted: deletedMarks, readModelsDeleted: deleted };
    if (options.json) printJson(io, summary);
    else {
      printText(
        io,
        [
          `${service}: consumer group ${groupId} reset to the earliest offsets of ${plan.topics.join(', ')}`,
          `  deleted ${deletedMarks} processed-event marks and ${deleted.map(({ collection, documents }) => `${collection} (${documents})`).join(', ')} in ${db.name}`,
          `  start ${service} again: it rebuilds them from the first event`,
        ].join('\n'),
      );
    }
    return EXIT.ok;
  } finally {
    await connection?.close();
    await admin.disconnect();
  }
}

async function refuseWhileRunning(admin: ReturnType<ReturnType<typeof createKafka>['admin']>, service: string, groupId: string): Promise<void> {
  const { groups } = await admin.describeGroups([groupId]);
  const group = groups[0];
  const state = { state: group?.state ?? '', members: group?.members.length ?? 0 };
  if (groupIsActive(state)) {
    throw new OperationFailedError(
      `${service} is running: its consumer group ${groupId} has ${state.members} member(s) (${state.state}). Stop the ${service} service first, then run hub replay ${service} again`,
    );
  }
}

function describePlan(service: string, groupId: string, database: string, readModels: CollectionCount[], marks: number, topics: readonly string[]): string {
  return [
    `This rebuilds ${service}'s read models from the start of its topics:`,
    `  database        ${database}`,
    `  delete          ${readModels.map(({ collection, documents }) => `${collection} (${documents} documents)`).join(', ')}`,
    `  delete          ${marks} marks of events handled by group ${groupId} (${PROCESSED_EVENTS})`,
    `  reset offsets   of group ${groupId} to the earliest on ${topics.join(', ')}`,
    `  kept            everything ${service} owns`,
    `The service must stay stopped until this is done; past erasures are applied again as their events are replayed.`,
  ].join('\n');
}
