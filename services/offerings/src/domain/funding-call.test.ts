import { ForbiddenError, ValidationError } from '@hub/shared/errors';
import { assertMayImportOfferings, importedFields, importedOfferingId, validateExternalIds, type FundingCallInput } from './funding-call';
import { validateOfferingDetails } from './offering';

const provider = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const call: FundingCallInput = {
  externalId: 'vinnova:2026-01234',
  title: { sv: 'Innovativa startups', en: 'Innovative startups' },
  description: { sv: 'Stöd till unga innovativa företag.' },
  link: 'https://www.vinnova.se/e/innovativa-startups/',
  startDate: '2026-02-01',
  applicationDeadline: '2026-04-15',
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

describe('imported funding calls', () => {
  it('takes the call\'s open period as the offering\'s, its deadline inside it (unlike a course, which starts after its deadline)', () => {
    const fields = importedFields(call, 'input.0');
    expect(fields).toEqual({
      kind: 'funding-call',
      title: call.title,
      description: call.description,
      link: call.link,
      startDate: '2026-02-01',
      endDate: '2026-04-15',
      applicationDeadline: '2026-04-15',
    });
    expect(validateOfferingDetails({ kind: 'funding-call', ...fields }).applicationDeadline).toBe('2026-04-15');
    expect(fieldOf(() => validateOfferingDetails({ ...fields, kind: 'course' }))).toBe('input.applicationDeadline');
  });

  it('refuses a call that closes before it opens, naming the item', () => {
    expect(fieldOf(() => importedFields({ ...call, applicationDeadline: '2026-01-31' }, 'input.3'))).toBe('input.3.applicationDeadline');
    expect(fieldOf(() => importedFields({ ...call, startDate: '2026-02-30' }, 'input.3'))).toBe('input.3.startDate');
  });

  it('checks external ids: source:id, at most 100 characters, each once', () => {
    const fieldAt = (index: number) => `input.${index}.externalId`;
    expect(validateExternalIds([' vinnova:2026-01234 ', 'vinnova:2026-00001'], 'input', fieldAt)).toEqual(['vinnova:2026-01234', 'vinnova:2026-00001']);
    expect(fieldOf(() => validateExternalIds(['vinnova:1', '2026-01234'], 'input', fieldAt))).toBe('input.1.externalId');
    expect(fieldOf(() => validateExternalIds([`vinnova:${'1'.repeat(100)}`], 'input', fieldAt))).toBe('input.0.externalId');
    expect(fieldOf(() => validateExternalIds(['vinnova:1', 'vinnova:2', 'vinnova:1'], 'input', fieldAt))).toBe('input.2.externalId');
    expect(fieldOf(() => validateExternalIds(Array.from({ length: 101 }, (_, i) => `vinnova:${i}`), 'input', fieldAt))).toBe('input');
  });

  it('derives one stable offering id per provider and external id', () => {
    const id = importedOfferingId(provider, 'vinnova:2026-01234');
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(importedOfferingId(provider, 'vinnova:2026-01234')).toBe(id);
    expect(importedOfferingId('bbbbbbbbbbbbbbbbbbbbbbbb', 'vinnova:2026-01234')).not.toBe(id);
  });

  it('lets integrations, admins and the provider\'s own staff import; nobody else', () => {
    expect(() => assertMayImportOfferings({ sub: 'job', roles: ['integration'] }, provider)).not.toThrow();
    expect(() => assertMayImportOfferings({ sub: 'a', roles: ['admin'] }, provider)).not.toThrow();
    expect(() => assertMayImportOfferings({ sub: 's', roles: ['partner-staff'], organisationId: provider }, provider)).not.toThrow();
    expect(() => assertMayImportOfferings({ sub: 'o', roles: ['partner-staff'], organisationId: 'bbbbbbbbbbbbbbbbbbbbbbbb' }, provider)).toThrow(ForbiddenError);
    expect(() => assertMayImportOfferings({ sub: 'p', roles: ['public'] }, provider)).toThrow(ForbiddenError);
  });
});
