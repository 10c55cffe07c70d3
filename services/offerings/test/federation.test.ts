import { createLogger } from '@hub/shared/logging';
import { createApp, type OfferingsService } from '../src/app';
import { buildContext } from '../src/graphql/context';
import type { HubClaims } from '@hub/shared/auth';
import { offeringsConfig } from './harness';

/** The contract other subgraphs rely on: `_entities` resolves Offering by id, and only what the caller may see. */
describe('federation entity references', () => {
  let service: OfferingsService;
  const providerId = 'aaaaaaaaaaaaaaaaaaaaaaaa';
  const ids: Record<'published' | 'draft', string> = { published: '', draft: '' };
  const staff: HubClaims = { sub: 'staff', roles: ['partner-staff'], organisationId: providerId };

  const execute = (query: string, variables: Record<string, unknown>, claims: HubClaims) =>
    service.server.executeOperation(
      { query, variables },
      { contextValue: buildContext(service.applications)({ claims, correlationId: 'federation-test', logger: createLogger('federation-test', 'silent') }) },
    );

  beforeAll(async () => {
    service = await createApp(offeringsConfig(), createLogger('federation-test', 'silent'));
    // the read model as the organisation consumer would have written it
    await service.models.organisations.create({ _id: providerId, kind: 'support-organisation', municipalityCode: '2580', status: 'active', lastEventId: 'seed', lastEventAt: new Date().toISOString() });
    const base = {
      kind: 'coaching' as const,
      title: { sv: 'Affärscoachning' },
      description: { sv: 'Coachning för företag i Region 10.' },
      needs: ['business-planning' as const],
      targetGroups: ['new-entrepreneurs' as const],
      format: 'digital' as const,
      startDate: '2030-01-01',
      endDate: '2030-12-31',
    };
    ids.published = (await service.applications.offerings.createDraft(staff, { providerId, ...base }))._id.toHexString();
    await service.applications.offerings.publish(staff, ids.published, 'federation-test');
    ids.draft = (await service.applications.offerings.createDraft(staff, { providerId, ...base }))._id.toHexString();
  });

  afterAll(() => service?.stop());

  const personalData = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on PersonalData { personId offerings } } }`;

  it('resolves PersonalData references for admins: the outcomes the person recorded, as JSON', async () => {
    const companyId = 'bbbbbbbbbbbbbbbbbbbbbbbb';
    await service.models.organisations.create({ _id: companyId, kind: 'company', municipalityCode: '2580', status: 'active', lastEventId: 'seed', lastEventAt: new Date().toISOString() });
    const enrolment = await service.applications.enrolments.enrol(staff, ids.published, companyId, undefined, 'federation-test');
    const outcome = await service.applications.enrolments.recordOutcome(staff, enrolment.id, { kind: 'goals-set', goals: 'Fler kunder' }, 'federation-test');

    const response = await execute(personalData, { representations: ['staff', 'nobody'].map((personId) => ({ __typename: 'PersonalData', personId })) }, { sub: 'admin', roles: ['admin'] });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors).toBeUndefined();
    expect(response.body.singleResult.data).toEqual({
      _entities: [
        {
          personId: 'staff',
          offerings: { outcomesRecorded: [{ outcomeId: outcome.id, enrolmentId: enrolment.id, offeringId: ids.published, companyId, kind: 'goals-set', recordedAt: outcome.recordedAt }] },
        },
        { personId: 'nobody', offerings: { outcomesRecorded: [] } },
      ],
    });
  });

  it('answers a refused input with the field at fault and its wording in Swedish and English', async () => {
    const create = `mutation ($input: CreateOfferingDraftInput!) { createOfferingDraft(input: $input) { id } }`;
    const response = await execute(create, { input: { providerId, kind: 'COACHING', title: { sv: 'x'.repeat(201) } } }, staff);
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors).toEqual([
      expect.objectContaining({
        message: 'At most 200 characters',
        path: ['createOfferingDraft'],
        extensions: { code: 'BAD_USER_INPUT', field: 'input.title.sv', texts: { sv: 'Högst 200 tecken', en: 'At most 200 characters' } },
      }),
    ]);
  });

  it("refuses PersonalData to anyone but an admin, with the field's path", async () => {
    const response = await execute(personalData, { representations: [{ __typename: 'PersonalData', personId: 'staff' }] }, staff);
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors).toEqual([expect.objectContaining({ path: ['_entities', 0, 'offerings'], extensions: { code: 'FORBIDDEN', texts: { sv: 'din roll får inte göra detta', en: 'not allowed for your role' } } })]);
    expect(response.body.singleResult.data).toEqual({ _entities: [{ personId: 'staff', offerings: null }] });
  });

  it('resolves Offering references in order, with null for unknown, malformed and (for outsiders) unpublished ids', async () => {
    const representations = [ids.published, 'ffffffffffffffffffffffff', 'not-an-id', ids.draft].map((id) => ({ __typename: 'Offering', id }));
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Offering { id status title { sv } provider { id } } } }`;
    const asPublic = await execute(query, { representations }, { sub: 'public', roles: ['public'] });
    if (asPublic.body.kind !== 'single') throw new Error('expected a single result');
    expect(asPublic.body.singleResult.errors).toBeUndefined();
    expect(asPublic.body.singleResult.data).toEqual({
      _entities: [{ id: ids.published, status: 'PUBLISHED', title: { sv: 'Affärscoachning' }, provider: { id: providerId } }, null, null, null],
    });

    const asStaff = await execute(query, { representations }, staff);
    if (asStaff.body.kind !== 'single') throw new Error('expected a single result');
    expect((asStaff.body.singleResult.data as { _entities: unknown[] })._entities[3]).toEqual({ id: ids.draft, status: 'DRAFT', title: { sv: 'Affärscoachning' }, provider: { id: providerId } });
  });

  it('exposes the federation SDL with the entity keys it adds fields to', async () => {
    const response = await execute('{ _service { sdl } }', {}, staff);
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const sdl = (response.body.singleResult.data as { _service: { sdl: string } })._service.sdl;
    expect(sdl).toMatch(/type Offering\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Organisation\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Municipality\s+@key\(fields: "code"\)/);
    expect(sdl).toMatch(/type PersonalData\s+@key\(fields: "personId"\)/);
  });
});
