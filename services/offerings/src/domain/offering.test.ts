import { ConflictError, ForbiddenError, ValidationError } from '@hub/shared/errors';
import {
  assertMayEditOffering,
  assertPublishable,
  assertTransition,
  changedFields,
  isVisibleTo,
  missingForPublishing,
  validateOfferingDetails,
  validateSession,
  type OfferingDetailsInput,
} from './offering';

const complete: OfferingDetailsInput = {
  kind: 'development-programme',
  title: { sv: ' Steget vidare Malå ', en: '' },
  description: { sv: 'Gruppseminarier och individuella möten.' },
  targetGroups: ['established-companies', 'established-companies'],
  industries: ['55', '47111'],
  municipalityCodes: ['2418'],
  format: 'hybrid',
  startDate: '2020-09-01',
  endDate: '2020-11-30',
  applicationDeadline: '2020-08-15',
  capacity: 7,
  needs: ['business-planning'],
};

function fieldOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
  return undefined;
}

describe('offering details', () => {
  it('normalises: trims texts, drops an empty English text, removes repeats, defaults price and eligibility', () => {
    const details = validateOfferingDetails(complete);
    expect(details.title).toEqual({ sv: 'Steget vidare Malå' });
    expect(details.targetGroups).toEqual(['established-companies']);
    expect(details.priceSek).toBe(0);
    expect(details.eligibility).toEqual({ maxEmployees: null, maxCompanyAgeYears: null, sniPrefixes: [], municipalityCodes: [] });
    expect(details.capacity).toBe(7);
    expect(validateOfferingDetails({ ...complete, capacity: null }).capacity).toBeNull();
  });

  it.each([
    [{ endDate: '2020-08-31' }, 'input.endDate'],
    [{ applicationDeadline: '2020-09-02' }, 'input.applicationDeadline'],
    [{ startDate: '2020-02-30' }, 'input.startDate'],
    [{ capacity: -1 }, 'input.capacity'],
    [{ capacity: 2.5 }, 'input.capacity'],
    [{ priceSek: -100 }, 'input.priceSek'],
    [{ municipalityCodes: ['9999'] }, 'input.municipalityCodes.0'],
    [{ municipalityCodes: ['24180'] }, 'input.municipalityCodes.0'],
    [{ industries: ['5'] }, 'input.industries.0'],
    [{ industries: ['561000'] }, 'input.industries.0'],
    [{ industries: ['00'] }, 'input.industries.0'],
    [{ title: { sv: '   ' } }, 'input.title.sv'],
    [{ description: { sv: 'x'.repeat(4001) } }, 'input.description.sv'],
    [{ funding: { description: 'x'.repeat(201) } }, 'input.funding.description'],
    [{ funding: {} }, 'input.funding'],
    [{ funding: { funderId: 'almi' } }, 'input.funding.funderId'],
    [{ eligibility: { maxEmployees: -1 } }, 'input.eligibility.maxEmployees'],
    [{ eligibility: { sniPrefixes: ['A1'] } }, 'input.eligibility.sniPrefixes.0'],
    [{ projectId: 'nimr' }, 'input.projectId'],
    [{ link: 'javascript:alert(1)' }, 'input.link'],
  ])('refuses %j at %s', (overrides, field) => {
    expect(fieldOf(() => validateOfferingDetails({ ...complete, ...overrides } as OfferingDetailsInput))).toBe(field);
  });

  it('lists every field publishing still needs, and accepts a complete offering', () => {
    const bare = validateOfferingDetails({ kind: 'coaching' });
    expect(missingForPublishing(bare)).toEqual(['title.sv', 'description.sv', 'startDate', 'endDate', 'needs', 'targetGroups', 'format']);
    expect(() => assertPublishable(bare)).toThrow('A published offering needs these filled in: Swedish title, Swedish description, start date, end date, needs, target groups, format');
    expect(fieldOf(() => assertPublishable(bare, 'input'))).toBe('input.title.sv');
    const refusal = (() => {
      try {
        assertPublishable(validateOfferingDetails({ kind: 'coaching', title: { sv: 'Affärscoachning' }, needs: ['export'] }), 'input');
      } catch (error) {
        return error as ValidationError;
      }
    })();
    expect(refusal?.fields).toEqual(['input.description.sv', 'input.startDate', 'input.endDate', 'input.targetGroups', 'input.format']);
    expect(refusal?.texts.sv).toBe('En publicerad insats behöver det här ifyllt: beskrivning på svenska, startdatum, slutdatum, målgrupper, form');
    expect(() => assertPublishable(validateOfferingDetails(complete))).not.toThrow();
  });

  it('names the changed fields, comparing values and not key order', () => {
    const before = validateOfferingDetails(complete);
    expect(changedFields(before, { ...before, eligibility: { municipalityCodes: [], sniPrefixes: [], maxCompanyAgeYears: null, maxEmployees: null } })).toEqual([]);
    expect(changedFields(before, validateOfferingDetails({ ...complete, capacity: 8, needs: ['export'] }))).toEqual(['capacity', 'needs']);
  });
});

describe('offering lifecycle and access', () => {
  it('moves one way only: draft → published → closed → archived', () => {
    expect(() => assertTransition('draft', 'published')).not.toThrow();
    expect(() => assertTransition('published', 'closed')).not.toThrow();
    expect(() => assertTransition('closed', 'archived')).not.toThrow();
    for (const [from, to] of [['draft', 'closed'], ['draft', 'archived'], ['published', 'archived'], ['published', 'published'], ['closed', 'published'], ['archived', 'closed']] as const) {
      expect(() => assertTransition(from, to)).toThrow(ConflictError);
    }
  });

  it('lets the provider\'s staff and admins edit and see unpublished offerings, nobody else', () => {
    const provider = 'aaaaaaaaaaaaaaaaaaaaaaaa';
    expect(() => assertMayEditOffering({ sub: 'a', roles: ['partner-staff'], organisationId: provider }, provider)).not.toThrow();
    expect(() => assertMayEditOffering({ sub: 'b', roles: ['municipal-staff'], municipalityCode: '2418', organisationId: provider }, provider)).not.toThrow();
    expect(() => assertMayEditOffering({ sub: 'c', roles: ['admin'] }, provider)).not.toThrow();
    expect(() => assertMayEditOffering({ sub: 'd', roles: ['partner-staff'], organisationId: 'bbbbbbbbbbbbbbbbbbbbbbbb' }, provider)).toThrow(ForbiddenError);
    expect(() => assertMayEditOffering({ sub: 'e', roles: ['integration'], organisationId: provider }, provider)).toThrow(ForbiddenError);
    expect(() => assertMayEditOffering({ sub: 'f', roles: ['public'], organisationId: provider }, provider)).toThrow(ForbiddenError);
    expect(isVisibleTo({ sub: 'f', roles: ['public'] }, { providerId: provider, status: 'published' })).toBe(true);
    expect(isVisibleTo({ sub: 'f', roles: ['public'] }, { providerId: provider, status: 'draft' })).toBe(false);
    expect(isVisibleTo({ sub: 'f', roles: ['public'] }, { providerId: provider, status: 'closed' })).toBe(false);
  });
});

describe('sessions', () => {
  it('needs a place or a link, an end after the start, and an http(s) link', () => {
    const session = validateSession({ title: 'Digital uppföljning', startsAt: new Date('2021-01-20T08:00:00Z'), endsAt: '2021-01-20T09:00:00Z', link: 'https://meet.example.org/steget' }, 's1', 'input');
    expect(session).toEqual({ id: 's1', title: 'Digital uppföljning', startsAt: '2021-01-20T08:00:00.000Z', endsAt: '2021-01-20T09:00:00.000Z', link: 'https://meet.example.org/steget' });
    const base = { title: 'Möte', startsAt: '2021-01-20T08:00:00Z', endsAt: '2021-01-20T09:00:00Z' };
    expect(fieldOf(() => validateSession(base, 's', 'input'))).toBe('input.place');
    expect(fieldOf(() => validateSession({ ...base, endsAt: base.startsAt, place: 'Malå' }, 's', 'input'))).toBe('input.endsAt');
    expect(fieldOf(() => validateSession({ ...base, link: 'ftp://example.org' }, 's', 'input'))).toBe('input.link');
  });
});
