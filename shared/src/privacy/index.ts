import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model, type UpdateQuery } from 'mongoose';
import { PersonalDataAccessed, PersonErasureCompleted, type AccessOutcome, type HubService } from '../contracts';
import { createEvent } from '../events';
import { outboxSchema, toOutboxEntry, type OutboxEntry, type OutboxNudge } from '../messaging';
import { updateEach } from '../mongo';

/** What replaces a person's id wherever a record must survive their erasure (who recorded a need, who moved a stage). */
export const ERASED_PERSON = 'erased-person';

export interface AccessLogEntry {
  _id: string;
  readerId: string;
  subjectIds: string[];
  fields: string[];
  outcome: AccessOutcome;
  at: Date;
  outbox: OutboxEntry[];
}

/** One read of personal data (or a refused attempt), kept by the service that served it and published to the hub's access log. */
const accessLogSchema = new Schema<AccessLogEntry>(
  {
    _id: { type: String, required: true },
    readerId: { type: String, required: true },
    subjectIds: { type: [String], required: true },
    fields: { type: [String], required: true },
    outcome: { type: String, enum: ['read', 'refused'], default: 'read' },
    at: { type: Date, required: true },
    ...outboxSchema,
  },
  { strict: 'throw', versionKey: false },
);
accessLogSchema.index({ subjectIds: 1 });

/**
 * An access log (a service's own, or the hub's) keeps its entries but no longer knows the person as reader or subject,
 * nor does the PersonalDataAccessed of an entry still waiting in its outbox, which would otherwise carry the person's
 * id to the hub's log after the erasure. Each entry is rewritten under its lock, like every write of a document.
 */
export async function forgetInAccessLog<T extends { readerId: string; subjectIds: string[]; outbox?: OutboxEntry[] }>(log: Model<T>, personId: string): Promise<void> {
  const forget = (id: string) => (id === personId ? ERASED_PERSON : id);
  const forgotten = <E extends { readerId: string; subjectIds: string[] }>(entry: E): E => ({ ...entry, readerId: forget(entry.readerId), subjectIds: [...new Set(entry.subjectIds.map(forget))] });
  await updateEach(log, { $or: [{ readerId: personId }, { subjectIds: personId }] }, (entry) => {
    const { readerId, subjectIds } = forgotten(entry);
    const outbox = entry.outbox?.map((event) => ({ ...event, payload: forgotten(event.payload as { readerId: string; subjectIds: string[] }) }));
    return { $set: { readerId, subjectIds, ...(outbox ? { outbox } : {}) } } as UpdateQuery<T>;
  });
}

/**
 * A completed erasure, kept so a redelivered request answers once; it holds the erasure's id, never the person's, and
 * the id of the PersonErasureCompleted that announced it (every instance of a service on the topic answers each
 * request from its own database, so only the event id tells this instance's completion apart).
 */
export interface ErasureReceipt {
  _id: string;
  completedAt: Date;
  eventId: string;
  outbox: OutboxEntry[];
}

/** Where a service keeps its erasure receipts. */
export const ERASURE_RECEIPTS_COLLECTION = 'erasure_receipts';

const erasureReceiptSchema = new Schema<ErasureReceipt>(
  { _id: { type: String, required: true }, completedAt: { type: Date, required: true }, eventId: { type: String, required: true }, ...outboxSchema },
  { strict: 'throw', versionKey: false },
);

export interface PrivacyModels {
  accessLog: Model<AccessLogEntry>;
  erasureReceipts: Model<ErasureReceipt>;
}

/** Every service that holds personal data registers these beside its own models; the outbox relay must include both. */
export function registerPrivacyModels(connection: Connection): PrivacyModels {
  return {
    accessLog: connection.model<AccessLogEntry>('AccessLogEntry', accessLogSchema, 'access_log'),
    erasureReceipts: connection.model<ErasureReceipt>('ErasureReceipt', erasureReceiptSchema, ERASURE_RECEIPTS_COLLECTION),
  };
}

export interface PersonalDataRead {
  readerId: string;
  subjectIds: string[];
  fields: string[];
}

/**
 * Personal data is read only after the read is logged: the entry and its event are one insert, so a failed write
 * fails the read rather than letting it go unlogged.
 */
export class PrivacyLedger {
  constructor(
    private readonly models: PrivacyModels,
    private readonly service: HubService,
    private readonly relay: OutboxNudge,
  ) {}

  async recordRead(read: PersonalDataRead, correlationId: string): Promise<void> {
    await this.record(read, 'read', correlationId);
  }

  /** A read refused by policy (an officer of another municipality opening a case) is logged as such. */
  async recordRefusal(read: PersonalDataRead, correlationId: string): Promise<void> {
    await this.record(read, 'refused', correlationId);
  }

  private async record(read: PersonalDataRead, outcome: AccessOutcome, correlationId: string): Promise<void> {
    const subjectIds = [...new Set(read.subjectIds)];
    if (subjectIds.length === 0) return;
    const fields = [...new Set(read.fields)].sort();
    const accessId = randomUUID();
    const event = createEvent(PersonalDataAccessed, {
      aggregateId: accessId,
      producer: this.service,
      correlationId,
      payload: { accessId, readerId: read.readerId, subjectIds, fields, service: this.service, outcome },
    });
    const logged = await this.models.accessLog.create({ _id: accessId, readerId: read.readerId, subjectIds, fields, outcome, at: new Date(), outbox: [toOutboxEntry(event, PersonalDataAccessed.topic)] });
    this.relay.nudgeCreated(this.models.accessLog, [logged.toObject()]);
  }

  /**
   * After a service has erased a person: its own access log forgets them as reader and as subject, and the
   * completion is published once per erasure (a redelivered request finds the receipt).
   */
  async completeErasure(erasureId: string, personId: string, correlationId: string): Promise<void> {
    await forgetInAccessLog(this.models.accessLog, personId);
    const event = createEvent(PersonErasureCompleted, {
      aggregateId: erasureId,
      producer: this.service,
      correlationId,
      payload: { erasureId, service: this.service },
    });
    try {
      const receipt = await this.models.erasureReceipts.create({ _id: erasureId, completedAt: new Date(), eventId: event.eventId, outbox: [toOutboxEntry(event, PersonErasureCompleted.topic)] });
      this.relay.nudgeCreated(this.models.erasureReceipts, [receipt.toObject()]);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 11000) throw error;
      // completed before: its event may still wait in the outbox
      this.relay.nudge(this.models.erasureReceipts, [erasureId]);
    }
  }
}
