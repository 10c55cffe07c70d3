import {
  hubEventRegistry,
  TOPICS,
  type OrganisationKind,
  type OrganisationRegistered,
  type OrganisationStatus,
  type OrganisationUpdated,
  type PersonalDataAccessed,
  type PersonErased,
  type PersonErasureCompleted,
} from '@hub/shared/contracts';
import type { EventDefinition, EventEnvelope } from '@hub/shared/events';
import type { Logger } from '@hub/shared/logging';
import { EventConsumer, type Kafka } from '@hub/shared/messaging';
import type { Connection } from 'mongoose';
import type { EmployerDirectory } from '../application/employers';
import type { PrivacyApplication } from '../application/privacy';

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
  employers: EmployerDirectory;
  privacy: PrivacyApplication;
  logger: Logger;
}): EventConsumer {
  const { employers, privacy } = options;
  const employer = (event: EventEnvelope, id: string, facts: { kind?: OrganisationKind; status: OrganisationStatus }) => employers.record(id, facts, event.eventId);

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
        await privacy.recordAccess({ ...p, outcome: p.outcome ?? 'read', at: event.occurredAt });
      },
    },
  });
}
