import {
  hubEventRegistry,
  TOPICS,
  type OrganisationRegistered,
  type OrganisationUpdated,
  type PersonalDataAccessed,
  type PersonErased,
  type PersonErasureCompleted,
} from '@hub/shared/contracts';
import type { EventDefinition, EventEnvelope } from '@hub/shared/events';
import type { Logger } from '@hub/shared/logging';
import { EventConsumer, type Kafka } from '@hub/shared/messaging';
import type { Connection } from 'mongoose';
import type { PrivacyApplication } from '../application/privacy';
import type { MigrationModels } from './models';

type PayloadOf<D> = D extends EventDefinition<infer P> ? P : never;

/**
 * Keeps the employers read model from the register's events and carries out the hub's privacy duties: erasing a
 * person on PersonErased (this service's own request included, so a crash mid-request is finished here), folding
 * every service's erasure completion and access-log entry. Every handler is an idempotent write keyed by ids.
 */
export function createEventConsumer(options: {
  kafka: Kafka;
  groupId: string;
  connection: Connection;
  models: MigrationModels;
  privacy: PrivacyApplication;
  logger: Logger;
}): EventConsumer {
  const { models, privacy } = options;
  const employer = async (event: EventEnvelope, id: string, facts: Record<string, unknown>) => {
    await models.employers.updateOne({ _id: id }, { $set: { ...facts, lastEventId: event.eventId } }, { upsert: true });
  };

  return new EventConsumer({
    kafka: options.kafka,
    groupId: options.groupId,
    topics: [TOPICS.organisations, TOPICS.privacy],
    registry: hubEventRegistry,
    connection: options.connection,
    logger: options.logger,
    fromBeginning: true,
    handlers: {
      OrganisationRegistered: async (event) => {
        const p = event.payload as PayloadOf<typeof OrganisationRegistered>;
        await employer(event, p.organisationId, { kind: p.kind, status: 'active' });
      },
      OrganisationUpdated: async (event) => {
        const p = event.payload as PayloadOf<typeof OrganisationUpdated>;
        await employer(event, p.organisationId, { kind: p.kind, status: p.status });
      },
      OrganisationDeactivated: async (event) => {
        await employer(event, (event.payload as { organisationId: string }).organisationId, { status: 'inactive' });
      },
      PersonErased: async (event) => {
        const p = event.payload as PayloadOf<typeof PersonErased>;
        await privacy.eraseHere(p.erasureId, p.personId, event.correlationId);
      },
      PersonErasureCompleted: async (event) => {
        const p = event.payload as PayloadOf<typeof PersonErasureCompleted>;
        await privacy.recordCompletion(p.erasureId, p.service, new Date(event.occurredAt));
      },
      PersonalDataAccessed: async (event) => {
        const p = event.payload as PayloadOf<typeof PersonalDataAccessed>;
        await privacy.recordAccess({ ...p, at: event.occurredAt });
      },
    },
  });
}
