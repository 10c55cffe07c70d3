import type { HubClaims } from '@hub/shared/auth';
import { createLogger } from '@hub/shared/logging';
import { createApp, type MatchmakingService } from '../src/app';
import { buildContext } from '../src/graphql/context';
import { matchmakingConfig } from './harness';

/** The contract the gateway relies on: `_entities` resolves this subgraph's fields of Organisation and Offering. */
describe('federation entity references', () => {
  let service: MatchmakingService;
  const company = 'cccccccccccccccccccccccc';
  const office: HubClaims = { sub: 'office', roles: ['municipal-staff'], organisationId: 'dddddddddddddddddddddddd', municipalityCode: '2418' };

  const execute = async (query: string, variables: Record<string, unknown>, claims: HubClaims) => {
    const response = await service.server.executeOperation(
      { query, variables },
      { contextValue: buildContext(service.applications)({ claims, correlationId: 'federation-test', logger: createLogger('federation-test', 'silent') }) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };

  beforeAll(async () => {
    service = await createApp(matchmakingConfig(), createLogger('federation-test', 'silent'));
    // the register facts as the consumer would have stored them from the organisations service's events
    service.view.organisationChanged(company, { kind: 'company', municipalityCode: '2418', sniCodes: ['47111'], employees: 6, foundedYear: 1998, advisers: [], status: 'active' });
    await service.applications.needs.record(office, company, { needs: [{ need: 'budgeting', priority: 1 }] }, 'federation-test');
  });

  afterAll(() => service?.stop());

  it('resolves Organisation references with their needs analysis, null for an organisation it does not know', async () => {
    const representations = [company, 'ffffffffffffffffffffffff'].map((id) => ({ __typename: 'Organisation', id }));
    const result = await execute(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Organisation { id needsAnalysis { needs { need priority recordedBy } } } } }`,
      { representations },
      office,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { id: company, needsAnalysis: { needs: [{ need: 'BUDGETING', priority: 1, recordedBy: 'office' }] } },
        { id: 'ffffffffffffffffffffffff', needsAnalysis: null },
      ],
    });
  });

  it('gives the reasons and exclusions of referenced Organisations in Swedish and English', async () => {
    const budgeting = { providerId: 'aaaaaaaaaaaaaaaaaaaaaaaa', kind: 'course', needs: ['budgeting'], format: 'on-site', municipalityCodes: ['2418'] } as const;
    const eligibility = { maxEmployees: null, maxCompanyAgeYears: null, sniPrefixes: [], municipalityCodes: [] };
    service.view.offeringChanged('bbbbbbbbbbbbbbbbbbbbbbb1', { ...budgeting, status: 'published', eligibility });
    service.view.offeringChanged('bbbbbbbbbbbbbbbbbbbbbbb2', { ...budgeting, status: 'published', capacity: 4, enrolled: 4, eligibility });
    const result = await execute(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Organisation {
        offeringMatches { matches { offeringId reasons { code text texts { sv en } } } excluded { offeringId reason text texts { sv en } } }
      } } }`,
      { representations: [{ __typename: 'Organisation', id: company }] },
      office,
    );
    expect(result.errors).toBeUndefined();
    const { matches, excluded } = (result.data as { _entities: Array<{ offeringMatches: { matches: Array<{ offeringId: string; reasons: unknown[] }>; excluded: unknown[] } }> })._entities[0]!.offeringMatches;
    expect(matches.map((m) => m.offeringId)).toEqual(['bbbbbbbbbbbbbbbbbbbbbbb1']);
    expect(matches[0]!.reasons).toContainEqual({ code: 'SERVES_MUNICIPALITY', text: 'serves Malå', texts: { sv: 'erbjuds i Malå', en: 'serves Malå' } });
    expect(excluded).toEqual([
      { offeringId: 'bbbbbbbbbbbbbbbbbbbbbbb2', reason: 'FULL', text: 'full: 4 of 4 seats taken', texts: { sv: 'fullt: 4 av 4 platser tagna', en: 'full: 4 of 4 seats taken' } },
    ]);
  });

  it('checks the caller on referenced fields too', async () => {
    const result = await execute(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Organisation { needsAnalysis { needs { need } } } } }`,
      { representations: [{ __typename: 'Organisation', id: company }] },
      { sub: 'anonymous', roles: ['public'] },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('resolves Offering references: an offering it has not heard of suits nobody', async () => {
    const result = await execute(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Offering { id suitedCompanies { score } } } }`,
      { representations: [{ __typename: 'Offering', id: 'eeeeeeeeeeeeeeeeeeeeeeee' }] },
      office,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [{ id: 'eeeeeeeeeeeeeeeeeeeeeeee', suitedCompanies: [] }] });
  });
});
