import {
  hubEventRegistry,
  TOPICS,
  type EnrolmentCreated,
  type Need,
  type OfferingPublished,
  type OfferingUpdated,
  type OrganisationKind,
  type OrganisationRegistered,
  type OrganisationStatus,
  type OrganisationUpdated,
  type ProjectRegistered,
} from '@hub/shared/contracts';
import type { EventEnvelope, EventDefinition } from '@hub/shared/events';
import type { Logger } from '@hub/shared/logging';
import { EventConsumer, type Kafka } from '@hub/shared/messaging';
import { withAggregateLock } from '@hub/shared/mongo';
import type { Connection } from 'mongoose';
import type { ErasureRequest } from '../application/personal-data';
import type { OfferingFacts } from '../domain/model';
import type { MatchmakingModels } from './models';

type PayloadOf<D> = D extends EventDefinition<infer P> ? P : never;

/** An organisation as this service knows it from the register's events. */
export interface OrganisationFacts {
  kind: OrganisationKind;
  municipalityCode: string;
  sniCodes: string[];
  employees: number | null;
  foundedYear: number | null;
  advisers: Array<{ contactId: string; expertise: Need[] }>;
  status: OrganisationStatus;
}

export type OfferingFactsRecord = Omit<OfferingFacts, 'id'>;

/** Told of every change the consumer stores, so the in-process matching view follows the read models. */
export interface ReadModelListener {
  organisationChanged(id: string, facts: Partial<OrganisationFacts>): void;
  offeringChanged(id: string, facts: Partial<OfferingFactsRecord>): void;
}

/**
 * Keeps this service's read models of organisations, projects and offerings from the other services' events.
 * Each handler sets the facts its event states (an upsert keyed by id), so a repeat changes nothing and a replay
 * from the first event ends in the same documents. One aggregate's events share a partition key, so they come in
 * order; an enrolment event carries the seat count after it, so the last one seen is the current count.
 * It also honours the hub's erasure requests: erasing again finds nothing left and publishes no second completion.
 */
export function createReadModelConsumer(options: {
  kafka: Kafka;
  groupId: string;
  connection: Connection;
  models: MatchmakingModels;
  listener: ReadModelListener;
  erase: (request: ErasureRequest, correlationId: string) => Promise<void>;
  logger: Logger;
}): EventConsumer {
  const { models, listener } = options;

  // Each fold under the document's lock like every write here: during a rebalance another replica may fold the same
  // document at the same moment, and FerretDB would drop one of the two writes.
  const organisation = async (event: EventEnvelope, id: string, facts: Partial<OrganisationFacts>) => {
    await withAggregateLock(models.organisations, id, () => models.organisations.updateOne({ _id: id }, { $set: { ...facts, lastEventId: event.eventId } }, { upsert: true }).exec());
    listener.organisationChanged(id, facts);
  };
  const offering = async (event: EventEnvelope, id: string, facts: Partial<OfferingFactsRecord>) => {
    await withAggregateLock(models.offerings, id, () => models.offerings.updateOne({ _id: id }, { $set: { ...facts, lastEventId: event.eventId } }, { upsert: true }).exec());
    listener.offeringChanged(id, facts);
  };
  const project = async (event: EventEnvelope, payload: PayloadOf<typeof ProjectRegistered>) => {
    await withAggregateLock(models.projects, payload.projectId, () =>
      models.projects
        .updateOne(
          { _id: payload.projectId },
          { $set: { ownerOrganisationId: payload.ownerOrganisationId, partnerOrganisationIds: payload.partnerOrganisationIds, lastEventId: event.eventId } },
          { upsert: true },
        )
        .exec(),
    );
  };
  const registerFacts = (p: PayloadOf<typeof OrganisationRegistered>): Partial<OrganisationFacts> => ({
    kind: p.kind,
    municipalityCode: p.municipalityCode,
    sniCodes: p.sniCodes,
    employees: p.employees ?? null,
    foundedYear: p.foundedYear ?? null,
    advisers: p.advisers ?? [],
  });
  const offeringFacts = (p: PayloadOf<typeof OfferingPublished>): Partial<OfferingFactsRecord> => ({
    providerId: p.providerId,
    projectId: p.projectId,
    kind: p.kind,
    needs: p.needs,
    targetGroups: p.targetGroups,
    sniCodes: p.sniCodes,
    municipalityCodes: p.municipalityCodes,
    format: p.format,
    startDate: p.startDate,
    endDate: p.endDate,
    applicationDeadline: p.applicationDeadline,
    capacity: p.capacity,
    eligibility: p.eligibility,
  });
  const seats = (event: EventEnvelope) => {
    const p = event.payload as PayloadOf<typeof EnrolmentCreated>;
    return offering(event, p.offeringId, { enrolled: p.enrolledCount });
  };

  return new EventConsumer({
    kafka: options.kafka,
    groupId: options.groupId,
    topics: [TOPICS.organisations, TOPICS.offerings, TOPICS.privacy],
    registry: hubEventRegistry,
    connection: options.connection,
    logger: options.logger,
    // a new deployment builds its read models from the first event the topics hold, and honours every past erasure
    fromBeginning: true,
    handlers: {
      OrganisationRegistered: async (event) => {
        const p = event.payload as PayloadOf<typeof OrganisationRegistered>;
        await organisation(event, p.organisationId, { ...registerFacts(p), status: 'active' });
      },
      OrganisationUpdated: async (event) => {
        const p = event.payload as PayloadOf<typeof OrganisationUpdated>;
        await organisation(event, p.organisationId, { ...registerFacts(p), status: p.status });
      },
      OrganisationDeactivated: async (event) => {
        await organisation(event, (event.payload as { organisationId: string }).organisationId, { status: 'inactive' });
      },
      ProjectRegistered: (event) => project(event, event.payload as PayloadOf<typeof ProjectRegistered>),
      ProjectUpdated: (event) => project(event, event.payload as PayloadOf<typeof ProjectRegistered>),
      OfferingPublished: async (event) => {
        const p = event.payload as PayloadOf<typeof OfferingPublished>;
        await offering(event, p.offeringId, { ...offeringFacts(p), status: 'published' });
      },
      OfferingUpdated: async (event) => {
        const p = event.payload as PayloadOf<typeof OfferingUpdated>;
        await offering(event, p.offeringId, { ...offeringFacts(p), status: p.status });
      },
      OfferingClosed: async (event) => {
        const p = event.payload as { offeringId: string; status: 'closed' | 'archived' };
        await offering(event, p.offeringId, { status: p.status });
      },
      EnrolmentCreated: seats,
      EnrolmentWithdrawn: seats,
      EnrolmentPromoted: seats,
      PersonErased: (event) => options.erase(event.payload as ErasureRequest, event.correlationId),
    },
  });
}
