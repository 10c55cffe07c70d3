import { PersonErased, TOPICS } from '@hub/shared/contracts';
import { createEvent, type EventEnvelope } from '@hub/shared/events';
import { collectEvents, ownErasureCompletion, organisationNumber, uniqueName, waitFor, databaseDocuments, eventPublisher } from '@hub/infra/testkit';
import { Types } from 'mongoose';
import { MALA_OFFICE, startHub, type Hub } from './harness';

const REGISTER = `mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`;

describe('personal data in the register', () => {
  let hub: Hub;
  let privacy: Awaited<ReturnType<typeof collectEvents>>;
  let updates: Awaited<ReturnType<typeof collectEvents>>;
  let publisher: Awaited<ReturnType<typeof eventPublisher>>;

  const publish = async (event: EventEnvelope) => {
    await publisher.publish(event, TOPICS.privacy);
  };

  const register = async (input: Record<string, unknown>) => {
    const response = await hub.gql<{ registerOrganisation: { id: string } }>(REGISTER, { input: { kind: 'SUPPORT_ORGANISATION', municipalityCode: '2418', ...input } }, hub.token(MALA_OFFICE));
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.registerOrganisation.id;
  };

  beforeAll(async () => {
    hub = await startHub();
    privacy = await collectEvents('organisations-privacy', TOPICS.privacy, ['PersonErasureCompleted', 'PersonalDataAccessed']);
    updates = await collectEvents('organisations-erasure', TOPICS.organisations, ['OrganisationUpdated']);
    publisher = await eventPublisher('erasure-requester');
  });

  afterAll(async () => {
    await publisher?.stop();
    await privacy?.stop();
    await updates?.stop();
    await hub?.stop();
  });

  it('erases a person: their contact entries leave every organisation through ordinary updates, the read log forgets them, and the completion is published once', async () => {
    const personId = new Types.ObjectId().toHexString();
    const person = { id: personId, name: 'Erika Raderasson (fiktiv)', role: 'ADVISER', email: 'erika.raderasson@example.org', phone: '+46 70 765 43 21', expertise: ['export'] };
    const colleague = { name: 'Kvarstående Kollega (fiktiv)', role: 'COACH', expertise: ['financing'] };
    const almi = await register({ name: 'Almi Nord (erasure test)', organisationNumber: '556036-0793', contacts: [person, colleague] });
    const network = await register({ name: 'Exportnätverket (erasure test)', organisationNumber: '202100-2114', contacts: [{ ...person, role: 'OTHER' }] });
    // the person reads contacts themselves (an adviser's sub is their contact id): they are in the log as reader and subject
    const read = await hub.gql('query ($id: ID!) { organisation(id: $id) { contacts { name } } }', { id: almi }, hub.token({ ...MALA_OFFICE, sub: personId }));
    expect(read.errors).toBeUndefined();
    expect(await hub.service.privacyModels.accessLog.countDocuments({ readerId: personId })).toBe(1);

    expect((await databaseDocuments(hub.models.organisations.db)).some((text) => text.includes(personId))).toBe(true);

    const erasureId = uniqueName('erasure');
    const request = createEvent(PersonErased, { aggregateId: erasureId, producer: 'migration', payload: { erasureId, personId } });
    await publish(request);
    const completion = await ownErasureCompletion(hub.models.organisations.db, erasureId, privacy.received);

    const changes = await waitFor(() => {
      const mine = updates.received.filter((e) => e.correlationId === request.correlationId);
      return mine.length === 2 ? mine : undefined;
    });
    expect(Object.fromEntries(changes.map((e) => [e.aggregateId, (e.payload as { changedFields: string[]; advisers: unknown[] })]))).toEqual({
      [almi]: expect.objectContaining({ changedFields: ['contacts'], advisers: [{ contactId: expect.any(String), expertise: ['financing'] }] }),
      [network]: expect.objectContaining({ changedFields: ['contacts'], advisers: [] }),
    });
    const stored = await hub.models.organisations.findById(almi).lean();
    expect(stored?.contacts.map((c) => c.name)).toEqual([colleague.name]);
    expect(stored?.revision).toBe(1);

    const texts = await databaseDocuments(hub.models.organisations.db);
    for (const trace of [personId, person.name, person.email, person.phone]) {
      expect(texts.filter((text) => text.includes(trace))).toEqual([]);
    }

    // the same request again, and a second request for the same erasure: both find nothing left to do
    await publish(request);
    const again = createEvent(PersonErased, { aggregateId: erasureId, producer: 'migration', payload: { erasureId, personId } });
    await publish(again);
    const connection = hub.models.organisations.db;
    await waitFor(async () => ((await connection.collection('processed_events').countDocuments({ eventId: again.eventId })) === 1 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await ownErasureCompletion(connection, erasureId, privacy.received)).eventId).toBe(completion.eventId);
    expect(privacy.received.filter((event) => event.eventId === completion.eventId)).toHaveLength(1);
    expect(updates.received.filter((e) => e.correlationId === again.correlationId)).toEqual([]);
    expect((await hub.models.organisations.findById(almi).lean())?.revision).toBe(1);
  });

  it('logs a read of contacts before returning them: one entry for a listing, with the reader and the contact ids and no names', async () => {
    const withContacts = await register({
      name: 'Coachbyrån loggtest',
      organisationNumber: organisationNumber('559900000'),
      contacts: [
        { name: 'Lovisa Loggad (fiktiv)', role: 'COACH', email: 'lovisa@example.org', expertise: [] },
        { name: 'Nils Noterad (fiktiv)', role: 'MANAGER', phone: '070-111 22 33', expertise: [] },
      ],
    });
    await register({ name: 'Rådgivarna loggtest', organisationNumber: organisationNumber('559900001'), contacts: [{ name: 'Stina Sedd (fiktiv)', role: 'ADVISER', expertise: [] }] });
    const without = await register({ name: 'Tomma Kontoret loggtest', organisationNumber: organisationNumber('559900002'), contacts: [] });
    const reader = uniqueName('reader');

    const response = await hub.gql<{ organisations: { nodes: Array<{ contacts: Array<{ id: string }> }> } }>(
      '{ organisations(filter: { text: "loggtest" }) { nodes { contacts { id name email phone } } } }',
      {},
      hub.token({ ...MALA_OFFICE, sub: reader }),
    );
    expect(response.errors).toBeUndefined();
    const contactIds = response.data!.organisations.nodes.flatMap((o) => o.contacts.map((c) => c.id));
    expect(contactIds).toHaveLength(3);

    const entries = await hub.service.privacyModels.accessLog.find({ readerId: reader }).lean();
    expect(entries).toHaveLength(1);
    expect([...entries[0]!.subjectIds].sort()).toEqual([...contactIds].sort());
    expect(entries[0]!.fields).toEqual(['contacts']);

    const event = await waitFor(() => privacy.received.find((e) => e.type === 'PersonalDataAccessed' && (e.payload as { readerId: string }).readerId === reader));
    expect(event.payload).toEqual({ accessId: entries[0]!._id, readerId: reader, subjectIds: entries[0]!.subjectIds, fields: ['contacts'], service: 'organisations', outcome: 'read' });
    expect(JSON.stringify(event)).not.toMatch(/Lovisa|Nils|Stina|example\.org|070-111/);

    // nothing to log when no contact is returned, or when the caller may not see them
    const publicReader = uniqueName('public-reader');
    const refused = await hub.gql('query ($id: ID!) { organisation(id: $id) { contacts { id } } }', { id: withContacts }, hub.token({ roles: ['public'], sub: publicReader }));
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const emptyReader = uniqueName('empty-reader');
    await hub.gql('query ($id: ID!) { organisation(id: $id) { contacts { id } } }', { id: without }, hub.token({ ...MALA_OFFICE, sub: emptyReader }));
    for (const readerId of [publicReader, emptyReader]) expect(await hub.service.privacyModels.accessLog.countDocuments({ readerId })).toBe(0);
  });
});
