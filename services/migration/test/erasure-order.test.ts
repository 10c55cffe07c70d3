import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { Connection } from 'mongoose';
import type { HubClaims } from '@hub/shared/auth';
import { HUB_SERVICES } from '@hub/shared/contracts';
import { createLogger } from '@hub/shared/logging';
import { connectMongo, createIndexes } from '@hub/shared/mongo';
import { ERASED_PERSON, PrivacyLedger } from '@hub/shared/privacy';
import { uniqueDbUrl } from '@hub/infra/testkit';
import { PrivacyApplication } from '../src/application/privacy';
import { registerModels, type MigrationModels } from '../src/infrastructure/models';

/**
 * Events of different aggregates travel on different partitions, so the hub's access log may fold a read of a person
 * logged before their erasure after the erasure itself. These tests play that order out on the database alone.
 */
describe('an erasure and the reads logged before it, in either order', () => {
  const admin: HubClaims = { sub: 'admin-erasure-test', roles: ['admin'] } as HubClaims;
  const relay = { nudge: () => undefined, nudgeCreated: () => undefined };
  let connection: Connection;
  let models: MigrationModels;
  let privacy: PrivacyApplication;
  let ledger: PrivacyLedger;

  beforeAll(async () => {
    connection = await connectMongo(uniqueDbUrl('erasure_order'), createLogger('erasure-order-test', 'silent'));
    models = registerModels(connection);
    await createIndexes(connection);
    ledger = new PrivacyLedger(models, 'migration', relay);
    privacy = new PrivacyApplication(models, ledger, relay, 730);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  const holdsPerson = async (personId: string) => (await models.accessRecords.exists({ $or: [{ subjectIds: personId }, { readerId: personId }] })) !== null;

  it('forgets a read that arrives after the erasure once every service has completed, and then forgets whom it erased', async () => {
    const personId = new Types.ObjectId().toHexString();
    const { id: erasureId } = await privacy.requestErasure(admin, personId, 'corr-erasure');

    // another service's read of the person, logged before the erasure, folded only now
    const lateRead = { accessId: randomUUID(), readerId: 'officer-1', subjectIds: [personId, 'someone-else'], fields: ['candidate'], service: 'offerings' as const, outcome: 'read' as const, at: new Date(Date.now() - 1000).toISOString() };
    await privacy.recordAccess(lateRead);
    const [last, ...others] = [...HUB_SERVICES].reverse();
    for (const service of others) await privacy.recordCompletion(erasureId, service, new Date());
    expect(await holdsPerson(personId)).toBe(true);
    expect((await models.erasures.findById(erasureId).lean())?.personId).toBe(personId);

    await privacy.recordCompletion(erasureId, last!, new Date());
    expect(await holdsPerson(personId)).toBe(false);
    expect((await models.accessRecords.find({ subjectIds: ERASED_PERSON }).lean()).map((r) => [...r.subjectIds].sort())).toEqual([[ERASED_PERSON, 'someone-else'].sort()]);
    // the PersonErased still waiting in its outbox (no relay here) is all that names them, until it is sent
    const erasure = await models.erasures.findById(erasureId, { outbox: 0 }).lean();
    expect(erasure?.personId).toBeUndefined();
    expect(JSON.stringify(erasure)).not.toContain(personId);
    expect((await privacy.erasure(admin, erasureId)).complete).toBe(true);

    // the same read delivered again leaves the record as the erasure left it
    await privacy.recordAccess(lateRead);
    expect(await holdsPerson(personId)).toBe(false);
    expect(await models.accessRecords.countDocuments({ accessId: lateRead.accessId })).toBe(1);
  });

  it('finishes on a completion delivered again what a crash after the last completion left undone', async () => {
    const personId = new Types.ObjectId().toHexString();
    const { id: erasureId } = await privacy.requestErasure(admin, personId, 'corr-erasure');
    await privacy.recordAccess({ accessId: randomUUID(), readerId: personId, subjectIds: ['someone-else'], fields: ['contacts'], service: 'organisations', outcome: 'read', at: new Date().toISOString() });
    // every completion stored, the process gone before the log was scrubbed
    await models.erasures.updateOne({ _id: erasureId }, { $set: { completions: HUB_SERVICES.map((service) => ({ service, at: new Date() })) } });
    expect((await privacy.erasure(admin, erasureId)).complete).toBe(false);

    await privacy.recordCompletion(erasureId, 'organisations', new Date());
    expect(await holdsPerson(personId)).toBe(false);
    expect((await models.erasures.findById(erasureId, { outbox: 0 }).lean())?.personId).toBeUndefined();
    expect((await privacy.erasure(admin, erasureId)).completions).toHaveLength(HUB_SERVICES.length);
    expect((await privacy.erasure(admin, erasureId)).complete).toBe(true);
  });

  it("scrubs the person from a logged read still waiting in the service's outbox, so it cannot carry them to the hub's log", async () => {
    const personId = new Types.ObjectId().toHexString();
    await ledger.recordRead({ readerId: personId, subjectIds: [personId, 'someone-else'], fields: ['contacts'] }, 'corr-read');
    await ledger.completeErasure(randomUUID(), personId, 'corr-erasure');

    const entries = await models.accessLog.find({}).lean();
    expect(JSON.stringify(entries)).not.toContain(personId);
    const waiting = entries.flatMap((entry) => entry.outbox).filter((event) => (event.payload as { subjectIds: string[] }).subjectIds.includes('someone-else'));
    expect(waiting.map((event) => event.payload)).toEqual([expect.objectContaining({ readerId: ERASED_PERSON, subjectIds: [ERASED_PERSON, 'someone-else'] })]);
  });
});
