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
import { EventConsumer, type Fold, type FoldOf, type Kafka, type MergedFold } from '@hub/shared/messaging';
import { withAggregateLock, withFreeAggregateLocks } from '@hub/shared/mongo';
import type { Connection, Model } from 'mongoose';
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

type ReadModel = 'organisations' | 'projects' | 'offerings';

/** What every read-model document has besides the facts its folds set. */
interface FoldedDocument {
  _id: string;
  lastEventId: string;
}

const fold = (model: ReadModel, id: string, set: Record<string, unknown>): Fold => ({ model, id, set });

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

const projectFacts = (p: PayloadOf<typeof ProjectRegistered>) => fold('projects', p.projectId, { ownerOrganisationId: p.ownerOrganisationId, partnerOrganisationIds: p.partnerOrganisationIds });

const seats = (event: EventEnvelope) => {
  const p = event.payload as PayloadOf<typeof EnrolmentCreated>;
  return fold('offerings', p.offeringId, { enrolled: p.enrolledCount });
};

/**
 * What each event the read models follow states, as a `$set` of facts on one document: every one sets whole fields to
 * the values the event carries (none increments, pushes or reads the document), so a batch's folds of one document
 * merge exactly into one `$set`, later facts over earlier ones.
 */
export const READ_MODEL_FOLDS: Record<string, FoldOf> = {
  OrganisationRegistered: (event) => {
    const p = event.payload as PayloadOf<typeof OrganisationRegistered>;
    return fold('organisations', p.organisationId, { ...registerFacts(p), status: 'active' });
  },
  OrganisationUpdated: (event) => {
    const p = event.payload as PayloadOf<typeof OrganisationUpdated>;
    return fold('organisations', p.organisationId, { ...registerFacts(p), status: p.status });
  },
  OrganisationDeactivated: (event) => fold('organisations', (event.payload as { organisationId: string }).organisationId, { status: 'inactive' }),
  ProjectRegistered: (event) => projectFacts(event.payload as PayloadOf<typeof ProjectRegistered>),
  ProjectUpdated: (event) => projectFacts(event.payload as PayloadOf<typeof ProjectRegistered>),
  OfferingPublished: (event) => {
    const p = event.payload as PayloadOf<typeof OfferingPublished>;
    return fold('offerings', p.offeringId, { ...offeringFacts(p), status: 'published' });
  },
  OfferingUpdated: (event) => {
    const p = event.payload as PayloadOf<typeof OfferingUpdated>;
    return fold('offerings', p.offeringId, { ...offeringFacts(p), status: p.status });
  },
  OfferingClosed: (event) => {
    const p = event.payload as { offeringId: string; status: 'closed' | 'archived' };
    return fold('offerings', p.offeringId, { status: p.status });
  },
  EnrolmentCreated: seats,
  EnrolmentWithdrawn: seats,
  EnrolmentPromoted: seats,
};

/**
 * Writes read-model documents' merged facts (an upsert keyed by id each) and tells the matching view of each before
 * its lock goes, so the view hears one document's changes in the order they were stored: told after the locks, a batch
 * still finishing after a consumer restart would tell its older facts last, and the view would keep them.
 *
 * Under the documents' locks, taken once per document per batch (one insert for all that are free): in this process one
 * document's writes never overlap (one batch at a time, each document in one write), but another replica may write the
 * same document at the same moment — the old owner of a partition still finishing a batch during a rebalance, or the
 * member that owns the privacy topic's partition removing an erased adviser. FerretDB rewrites the whole document on
 * every update, so an unlocked `$set` landing amid such a write would put back what it removed (a deactivation, setting
 * only the status, would restore the erased adviser). With the lock a late writer can only set its own facts, which
 * come from the same ordered stream.
 */
export function readModelStore(models: MatchmakingModels, listener: ReadModelListener): (folds: MergedFold[]) => Promise<void> {
  // the three read models differ only in the facts they hold, which the folds bring
  const writer = (model: Model<FoldedDocument>, changed: (id: string, facts: Record<string, unknown>) => void) => async (folds: readonly MergedFold[]): Promise<void> => {
    // One update command for all the documents, a statement each. An `updateMany` by `_id`, which on MongoDB is the
    // same as an `updateOne`: FerretDB 1.24 stops reading an updateOne's match after the one document and keeps that
    // read's PostgreSQL connection until the whole command is answered, so statements for 50 existing documents, in one
    // command or in several side by side, take every connection of its pool of 50 and the command waits for ever (49
    // took 0.2 s; after 50 the server answered no update at all). An updateMany reads to the end and lets the
    // connection go: 500 statements in one command, or 8 commands of 100 side by side, were answered in under 2 s.
    const upsert = async (some: readonly MergedFold[]) => {
      await model.bulkWrite(some.map(({ id, set, lastEventId }) => ({ updateMany: { filter: { _id: id }, update: { $set: { ...set, lastEventId } }, upsert: true } })));
      for (const { id, set } of some) changed(id, set);
    };
    const busy = await withFreeAggregateLocks(
      model,
      folds.map(({ id }) => id),
      async (locked) => {
        const held = new Set(locked);
        if (held.size > 0) await upsert(folds.filter(({ id }) => held.has(id)));
        return folds.filter(({ id }) => !held.has(id));
      },
    );
    // held by another writer: wait for each, as every write here does
    for (const fold of busy) await withAggregateLock(model, fold.id, () => upsert([fold]));
  };
  const write: Record<ReadModel, (folds: readonly MergedFold[]) => Promise<void>> = {
    organisations: writer(models.organisations as unknown as Model<FoldedDocument>, (id, facts) => listener.organisationChanged(id, facts as Partial<OrganisationFacts>)),
    projects: writer(models.projects as unknown as Model<FoldedDocument>, () => undefined),
    offerings: writer(models.offerings as unknown as Model<FoldedDocument>, (id, facts) => listener.offeringChanged(id, facts as Partial<OfferingFactsRecord>)),
  };
  return async (folds) => {
    const byModel = new Map<ReadModel, MergedFold[]>();
    for (const fold of folds) {
      const model = fold.model as ReadModel;
      if (!write[model]) throw new Error(`no read model ${fold.model}`);
      const some = byModel.get(model);
      if (some) some.push(fold);
      else byModel.set(model, [fold]);
    }
    for (const [model, some] of byModel) await write[model](some);
  };
}

/**
 * Keeps this service's read models of organisations, projects and offerings from the other services' events, in
 * batches: the folds of a fetched batch are merged per document and written once (see EventConsumer). Each fold sets
 * the facts its event states, so a repeat changes nothing and a replay from the first event ends in the same
 * documents. One aggregate's events share a partition key, so they come in order; an enrolment event carries the seat
 * count after it, so the last one seen is the current count.
 * It also honours the hub's erasure requests, one by one in their place: erasing again finds nothing left and
 * publishes no second completion.
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
  return new EventConsumer({
    kafka: options.kafka,
    groupId: options.groupId,
    topics: [TOPICS.organisations, TOPICS.offerings, TOPICS.privacy],
    registry: hubEventRegistry,
    connection: options.connection,
    logger: options.logger,
    // a new deployment builds its read models from the first event the topics hold, and honours every past erasure
    fromBeginning: true,
    // Calls of 100 documents, 4 at once: each call's locks are released by one delete that FerretDB answers by reading
    // every lock held, so fewer and larger calls read fewer locks per document (with 8 calls of 25, 8 per document), and
    // one update command of 100 costs the driver, mongoose and FerretDB less per document than 4 of 25.
    folds: { byType: READ_MODEL_FOLDS, store: readModelStore(options.models, options.listener), documentsPerStore: 100, concurrency: 4 },
    handlers: {
      PersonErased: (event) => options.erase(event.payload as ErasureRequest, event.correlationId),
    },
  });
}
