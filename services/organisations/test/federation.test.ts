import type { HubClaims } from '@hub/shared/auth';
import { createLogger } from '@hub/shared/logging';
import { uniqueDbUrl } from '@hub/infra/testkit';
import { createApp, type OrganisationsService } from '../src/app';
import { loadOrganisationsConfig } from '../src/config';
import { buildContext } from '../src/graphql/context';
import { testEndpoints, uniqueName } from '@hub/infra/testkit';
import { TEST_GATEWAY_KEYS } from '@hub/gateway/testkit';

/** The contract other subgraphs rely on: `_entities` resolves Organisation by id and Municipality by code. */
describe('federation entity references', () => {
  let service: OrganisationsService;
  let organisationId: string;
  const logger = createLogger('federation-test', 'silent');
  const contactId = 'abcdefabcdefabcdefabcdef';

  const execute = (query: string, variables: Record<string, unknown>, claims: HubClaims = { sub: 'gateway-test', roles: ['partner-staff'] }) =>
    service.server.executeOperation({ query, variables }, { contextValue: buildContext(service.applications)({ claims, correlationId: 'federation-test', logger }) });

  beforeAll(async () => {
    service = await createApp(
      loadOrganisationsConfig({
        NODE_ENV: 'test', PORT: '0', MONGO_URL: uniqueDbUrl('federation'), KAFKA_BROKERS: testEndpoints().kafkaBrokers.join(','), GATEWAY_PUBLIC_KEY: TEST_GATEWAY_KEYS.publicKey, CONSUMER_GROUP: uniqueName('organisations-federation'),
      }),
      logger,
    );
    const organisation = await service.applications.organisations.register(
      { sub: 'seed', roles: ['admin'] },
      {
        kind: 'support-organisation',
        name: 'Almi Företagspartner Nord',
        organisationNumber: '556036-0793',
        municipalityCode: '2580',
        industries: [],
        contacts: [{ id: contactId, name: 'Rut Rådgivare (fiktiv)', role: 'adviser', email: 'rut@example.org', expertise: ['export'] }],
      },
      'federation-test',
    );
    organisationId = organisation._id.toHexString();
  });

  afterAll(() => service?.stop());

  it('resolves Organisation references by id, in order, with null for unknown and malformed ids', async () => {
    const response = await execute(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Organisation { id name kind municipality { code name } } } }`,
      {
        representations: [
          { __typename: 'Organisation', id: organisationId },
          { __typename: 'Organisation', id: 'ffffffffffffffffffffffff' },
          { __typename: 'Organisation', id: 'not-an-id' },
        ],
      },
    );
    expect(response.body.kind).toBe('single');
    if (response.body.kind !== 'single') return;
    expect(response.body.singleResult.errors).toBeUndefined();
    expect(response.body.singleResult.data).toEqual({
      _entities: [{ id: organisationId, name: 'Almi Företagspartner Nord', kind: 'SUPPORT_ORGANISATION', municipality: { code: '2580', name: 'Luleå' } }, null, null],
    });
  });

  it('resolves Municipality references by SCB code, with county, and null for unknown codes', async () => {
    const response = await execute(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Municipality { code name region10 county { code name } jobtechConceptId } } }`,
      { representations: [{ __typename: 'Municipality', code: '2418' }, { __typename: 'Municipality', code: '2513' }, { __typename: 'Municipality', code: '9999' }] },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors).toBeUndefined();
    expect(response.body.singleResult.data).toEqual({
      _entities: [
        { code: '2418', name: 'Malå', region10: true, county: { code: '24', name: 'Västerbottens län' }, jobtechConceptId: '7sHJ_YCE_5Zv' },
        { code: '2513', name: 'Överkalix', region10: false, county: { code: '25', name: 'Norrbottens län' }, jobtechConceptId: null },
        null,
      ],
    });
  });

  it('batches references: N organisations cost one database query', async () => {
    const spy = jest.spyOn(service.applications.organisations, 'byIds');
    await execute(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation { id } } }`, {
      r: [organisationId, organisationId, 'ffffffffffffffffffffffff'].map((id) => ({ __typename: 'Organisation', id })),
    });
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  const personalData = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on PersonalData { personId organisations } } }`;

  it("resolves PersonalData references for admins: the person's contact entries as JSON, the copy logged as a read", async () => {
    const admin: HubClaims = { sub: 'admin-federation', roles: ['admin'] };
    const response = await execute(personalData, { representations: [{ __typename: 'PersonalData', personId: contactId }, { __typename: 'PersonalData', personId: 'unknown-person' }] }, admin);
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors).toBeUndefined();
    expect(response.body.singleResult.data).toEqual({
      _entities: [
        {
          personId: contactId,
          organisations: {
            contacts: [
              { organisationId, organisationName: 'Almi Företagspartner Nord', id: contactId, name: 'Rut Rådgivare (fiktiv)', role: 'adviser', email: 'rut@example.org', phone: null, expertise: ['export'] },
            ],
          },
        },
        { personId: 'unknown-person', organisations: { contacts: [] } },
      ],
    });
    // only the copy that held contact details is a read of personal data
    const entries = await service.privacyModels.accessLog.find({ readerId: 'admin-federation' }).lean();
    expect(entries.map((e) => ({ subjectIds: e.subjectIds, fields: e.fields }))).toEqual([{ subjectIds: [contactId], fields: ['personalData'] }]);
  });

  it("refuses PersonalData to anyone but an admin, with the field's path", async () => {
    const response = await execute(personalData, { representations: [{ __typename: 'PersonalData', personId: contactId }] }, { sub: 'staff', roles: ['partner-staff', 'municipal-staff'] });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors).toEqual([expect.objectContaining({ path: ['_entities', 0, 'organisations'], extensions: { code: 'FORBIDDEN', texts: { sv: 'din roll får inte göra detta', en: 'not allowed for your role' } } })]);
    expect(response.body.singleResult.data).toEqual({ _entities: [{ personId: contactId, organisations: null }] });
    expect(await service.privacyModels.accessLog.countDocuments({ readerId: 'staff' })).toBe(0);
  });

  it('exposes the federation SDL with the entity keys', async () => {
    const response = await execute('{ _service { sdl } }', {});
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const sdl = (response.body.singleResult.data as { _service: { sdl: string } })._service.sdl;
    expect(sdl).toMatch(/type Organisation\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Municipality\s+@key\(fields: "code"\)/);
    expect(sdl).toMatch(/type PersonalData\s+@key\(fields: "personId"\)/);
  });
});
