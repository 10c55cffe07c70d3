import {
  hubEventRegistry,
  TOPICS,
  type OrganisationDeactivatedPayload,
  type OrganisationRegisteredPayload,
  type OrganisationUpdatedPayload,
  type ProjectRegisteredPayload,
  type ProjectUpdatedPayload,
} from '@hub/shared/contracts';
import type { EventEnvelope } from '@hub/shared/events';
import type { Logger } from '@hub/shared/logging';
import { EventConsumer, type Kafka } from '@hub/shared/messaging';
import { withAggregateLock } from '@hub/shared/mongo';
import type { Connection } from 'mongoose';
import type { ErasureRequest } from '../application/personal-data';
import { hotQueries } from './hot-queries';
import type { OfferingsModels } from './models';

/**
 * Keeps the organisation and project read models from the organisations service's events. Each handler sets the facts the
 * event states (an upsert keyed by organisation id), so a repeat changes nothing and a replay from the first
 * event ends in the same state. One organisation's events share a partition key, so they arrive in order.
 * It also honours the hub's erasure requests: erasing again finds nothing left and publishes no second completion.
 */
export function createOrganisationConsumer(options: {
  kafka: Kafka;
  groupId: string;
  connection: Connection;
  models: OfferingsModels;
  erase: (request: ErasureRequest, correlationId: string) => Promise<void>;
  logger: Logger;
}): EventConsumer {
  const { organisations, projects } = options.models;
  // Under the document's lock like every write: during a rebalance another replica may fold the same document at the
  // same moment, and FerretDB would drop one of the two writes.
  const record = (organisationId: string, event: EventEnvelope, facts: Record<string, string>) =>
    withAggregateLock(organisations, organisationId, () =>
      organisations
        .updateOne(hotQueries.organisationFactsById.filter(organisationId), { $set: { ...facts, lastEventId: event.eventId, lastEventAt: event.occurredAt } }, { upsert: true })
        .exec(),
    );
  const recordProject = (payload: ProjectRegisteredPayload | ProjectUpdatedPayload, event: EventEnvelope) =>
    withAggregateLock(projects, payload.projectId, () =>
      projects
        .updateOne(
          hotQueries.projectFactsById.filter(payload.projectId),
          {
            $set: {
              ownerOrganisationId: payload.ownerOrganisationId,
              partnerOrganisationIds: payload.partnerOrganisationIds,
              lastEventId: event.eventId,
              lastEventAt: event.occurredAt,
            },
          },
          { upsert: true },
        )
        .exec(),
    );

  return new EventConsumer({
    kafka: options.kafka,
    groupId: options.groupId,
    topics: [TOPICS.organisations, TOPICS.privacy],
    registry: hubEventRegistry,
    connection: options.connection,
    logger: options.logger,
    // a new deployment builds its read model from the first event the topic holds, and honours every past erasure
    fromBeginning: true,
    handlers: {
      OrganisationRegistered: async (event) => {
        const payload = event.payload as OrganisationRegisteredPayload;
        await record(payload.organisationId, event, { kind: payload.kind, municipalityCode: payload.municipalityCode, status: 'active' });
      },
      OrganisationUpdated: async (event) => {
        const payload = event.payload as OrganisationUpdatedPayload;
        await record(payload.organisationId, event, { kind: payload.kind, municipalityCode: payload.municipalityCode, status: payload.status });
      },
      OrganisationDeactivated: async (event) => {
        const payload = event.payload as OrganisationDeactivatedPayload;
        await record(payload.organisationId, event, { status: 'inactive' });
      },
      ProjectRegistered: async (event) => {
        await recordProject(event.payload as ProjectRegisteredPayload, event);
      },
      ProjectUpdated: async (event) => {
        await recordProject(event.payload as ProjectUpdatedPayload, event);
      },
      PersonErased: (event) => options.erase(event.payload as ErasureRequest, event.correlationId),
    },
  });
}
