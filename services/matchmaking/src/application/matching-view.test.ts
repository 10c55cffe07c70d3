import type { OfferingFactsRecord } from '../infrastructure/event-consumer';
import { MatchingView } from './matching-view';

/** A publication's facts as an event or a read-model document brings them: every value a copy of its own. */
function published(overrides: Partial<OfferingFactsRecord> = {}): Partial<OfferingFactsRecord> {
  return JSON.parse(
    JSON.stringify({
      providerId: 'provider-1',
      projectId: null,
      kind: 'coaching',
      status: 'published',
      needs: ['export', 'financing'],
      targetGroups: ['women'],
      sniCodes: [],
      municipalityCodes: ['2418'],
      format: 'digital',
      startDate: '2027-02-01',
      endDate: null,
      applicationDeadline: '2027-01-15',
      capacity: 20,
      eligibility: { maxEmployees: 49, maxCompanyAgeYears: null, sniPrefixes: [], municipalityCodes: [] },
      ...overrides,
    }),
  ) as Partial<OfferingFactsRecord>;
}

describe('MatchingView offerings', () => {
  it('holds an offering seen only in part out of the index, and merges what it knew once the publication comes', () => {
    const view = new MatchingView();
    view.offeringChanged('offering-1', { enrolled: 7 });
    expect(view.offering('offering-1')).toBeUndefined();
    expect(view.offerings.size).toBe(0);

    view.offeringChanged('offering-1', published());
    expect(view.offering('offering-1')).toMatchObject({ id: 'offering-1', providerId: 'provider-1', enrolled: 7, capacity: 20, needs: ['export', 'financing'] });
  });

  it('merges a later change of a published offering into its facts, keeping the rest', () => {
    const view = new MatchingView();
    view.offeringChanged('offering-1', published());
    view.offeringChanged('offering-1', { capacity: 5, enrolled: 5 });
    view.offeringChanged('offering-1', { status: 'closed' });
    expect(view.offering('offering-1')).toEqual({
      id: 'offering-1',
      providerId: 'provider-1',
      projectId: null,
      kind: 'coaching',
      status: 'closed',
      needs: ['export', 'financing'],
      targetGroups: ['women'],
      sniCodes: [],
      municipalityCodes: ['2418'],
      format: 'digital',
      startDate: '2027-02-01',
      endDate: null,
      applicationDeadline: '2027-01-15',
      capacity: 5,
      enrolled: 5,
      eligibility: { maxEmployees: 49, maxCompanyAgeYears: null, sniPrefixes: [], municipalityCodes: [] },
    });
    // the change reached the matching index too: a closed offering is no candidate any more
    const company = { id: 'company-1', municipalityCode: '2418', sniCodes: [], employees: 5, foundedYear: 2020, ownerGroups: [], needs: [], offers: [], seeks: [] };
    expect(view.offerings.candidates(company)).toEqual([]);
  });

  it('holds one copy of the lists and values offerings repeat, each as its own publication brought it', () => {
    const view = new MatchingView();
    view.offeringChanged('offering-1', published());
    view.offeringChanged('offering-2', published());
    view.offeringChanged('offering-3', published({ needs: ['export'] }));
    const [first, second, third] = ['offering-1', 'offering-2', 'offering-3'].map((id) => view.offering(id)!);
    expect(second!.needs).toBe(first!.needs);
    expect(second!.municipalityCodes).toBe(first!.municipalityCodes);
    expect(second!.eligibility.sniPrefixes).toBe(first!.eligibility.sniPrefixes);
    expect(third!.needs).toEqual(['export']);
    expect(third!.targetGroups).toBe(first!.targetGroups);
    // shared, so nobody may change one offering's list under the others
    expect(Object.isFrozen(first!.needs)).toBe(true);
  });

  it('completes an eligibility written without some rules with rules that limit nothing', () => {
    const view = new MatchingView();
    view.offeringChanged('offering-1', published({ eligibility: { maxEmployees: 9 } as OfferingFactsRecord['eligibility'] }));
    expect(view.offering('offering-1')?.eligibility).toEqual({ maxEmployees: 9, maxCompanyAgeYears: null, sniPrefixes: [], municipalityCodes: [] });
  });
});
