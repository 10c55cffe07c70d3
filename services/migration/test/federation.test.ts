import type { HubClaims } from '@hub/shared/auth';
import { createLogger } from '@hub/shared/logging';
import { testEndpoints, uniqueDbUrl, uniqueName } from '@hub/infra/testkit';
import { TEST_GATEWAY_KEYS } from '@hub/gateway/testkit';
import { createApp, type MigrationService } from '../src/app';
import { loadMigrationConfig } from '../src/config';
import type { CandidateProfileInput } from '../src/domain/candidate';
import { buildContext } from '../src/graphql/context';
import { profileInput } from './harness';

/** The contract the gateway relies on: `_entities` resolves this subgraph's Organisation, Municipality, Vacancy and PersonalData. */
describe('federation entity references', () => {
  let service: MigrationService;
  const employer = 'eeeeeeeeeeeeeeeeeeeeeeee';
  const admin: HubClaims = { sub: 'admin', roles: ['admin'] };
  const officer: HubClaims = { sub: 'officer', roles: ['migration-officer'], municipalityCode: '2463' };
  const anonymous: HubClaims = { sub: 'anonymous', roles: ['public'] };
  let vacancyId: string;
  let candidateId: string;

  const execute = async (query: string, variables: Record<string, unknown>, claims: HubClaims) => {
    const response = await service.server.executeOperation(
      { query, variables },
      { contextValue: buildContext(service.applications)({ claims, correlationId: 'federation-test', logger: createLogger('federation-test', 'silent') }) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };

  beforeAll(async () => {
    service = await createApp(
      loadMigrationConfig({
        NODE_ENV: 'test',
        PORT: '0',
        MONGO_URL: uniqueDbUrl('migration'),
        KAFKA_BROKERS: testEndpoints().kafkaBrokers.join(','),
        GATEWAY_PUBLIC_KEY: TEST_GATEWAY_KEYS.publicKey,
        CONSUMER_GROUP: uniqueName('migration-federation'),
      }),
      createLogger('federation-test', 'silent'),
    );
    // the register's facts as the consumer records them from the organisations service's events
    await service.employers.record(employer, { kind: 'employer', status: 'active' }, 'federation-test');
    const vacancy = await service.applications.vacancies.publish(
      admin,
      employer,
      { title: 'Förskollärare till Åsele', occupationCode: '2343', municipalityCode: '2463', workMode: 'on-site', housingHelp: true },
      'federation-test',
    );
    vacancyId = vacancy._id.toHexString();
    const candidate = await service.applications.candidates.register(
      officer,
      { profile: profileInput({ wishes: { municipalityCodes: ['2463'] } }) as CandidateProfileInput, consents: [{ purpose: 'in-migration-service', channel: 'web-form', textVersion: 'inflytt-2026.1' }] },
      'federation-test',
    );
    candidateId = candidate._id.toHexString();
  });

  afterAll(() => service?.stop());

  it('resolves Organisation references with their vacancies, none for an organisation it does not know', async () => {
    const representations = [employer, 'ffffffffffffffffffffffff'].map((id) => ({ __typename: 'Organisation', id }));
    const result = await execute('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation { id vacancies { id title } } } }', { r: representations }, anonymous);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { id: employer, vacancies: [{ id: vacancyId, title: 'Förskollärare till Åsele' }] },
        { id: 'ffffffffffffffffffffffff', vacancies: [] },
      ],
    });
  });

  it('resolves Vacancy references, null for an unknown one', async () => {
    const result = await execute(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Vacancy { id occupation { code label } housingHelp } } }',
      { r: [{ __typename: 'Vacancy', id: vacancyId }, { __typename: 'Vacancy', id: 'ffffffffffffffffffffffff' }] },
      anonymous,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [{ id: vacancyId, occupation: { code: '2343', label: 'Förskollärare' }, housingHelp: true }, null] });
  });

  it('resolves Municipality references: aggregates for anyone, cases only for its own officers', async () => {
    const r = [{ __typename: 'Municipality', code: '2463' }];
    const aggregates = await execute('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality { migrationIndicators(from: "2026-01-01", to: "2026-12-31") { activeCases } } } }', { r }, anonymous);
    expect(aggregates.data).toEqual({ _entities: [{ migrationIndicators: { activeCases: 0 } }] });
    const cases = await execute('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality { inMigrationCases { nodes { id } } } } }', { r }, anonymous);
    expect(cases.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await execute('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality { inMigrationCases { nodes { id } } } } }', { r }, officer);
    expect(own.errors).toBeUndefined();
  });

  it('resolves PersonalData references for admins only', async () => {
    const r = [{ __typename: 'PersonalData', personId: candidateId }];
    const result = await execute('query ($r: [_Any!]!) { _entities(representations: $r) { ... on PersonalData { personId migration } } }', { r }, admin);
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result.data)).toContain('testa.flyttsson@example.invalid');
    const refused = await execute('query ($r: [_Any!]!) { _entities(representations: $r) { ... on PersonalData { migration } } }', { r }, officer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(refused.data)).not.toContain('testa.flyttsson');
  });
});
