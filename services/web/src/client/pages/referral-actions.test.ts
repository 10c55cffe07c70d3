import { describe, expect, it } from 'vitest';
import { allowedActions, REFERRAL_STATUSES, responseHours, responsesByProvider } from './referral-actions';

describe('allowedActions', () => {
  it('lets the provider answer a proposed referral, then start and complete it', () => {
    expect(allowedActions('PROPOSED', 'provider')).toEqual(['accept', 'decline']);
    expect(allowedActions('ACCEPTED', 'provider')).toEqual(['start']);
    expect(allowedActions('IN_PROGRESS', 'provider')).toEqual(['complete']);
  });

  it('lets the office withdraw only what the provider has not answered', () => {
    expect(REFERRAL_STATUSES.filter((status) => allowedActions(status, 'sender').includes('withdraw'))).toEqual(['PROPOSED']);
  });

  it('offers nothing on a closed referral, to either side', () => {
    for (const status of ['DECLINED', 'COMPLETED', 'WITHDRAWN'] as const) {
      expect(allowedActions(status, 'provider')).toEqual([]);
      expect(allowedActions(status, 'sender')).toEqual([]);
    }
  });

  it('never offers the provider a withdrawal nor the office an answer', () => {
    for (const status of REFERRAL_STATUSES) {
      expect(allowedActions(status, 'provider')).not.toContain('withdraw');
      expect(allowedActions(status, 'sender').filter((action) => action !== 'withdraw')).toEqual([]);
    }
  });
});

describe('responseHours', () => {
  it('is the hours from the referral to the first answer', () => {
    expect(responseHours({ createdAt: '2026-03-02T08:00:00Z', firstResponseAt: '2026-03-03T14:30:00Z' })).toBe(30.5);
  });

  it('is null while unanswered', () => {
    expect(responseHours({ createdAt: '2026-03-02T08:00:00Z', firstResponseAt: null })).toBeNull();
  });
});

describe('responsesByProvider', () => {
  const almi = { id: 'almi', name: 'Almi Företagspartner Nord' };
  const akademi = { id: 'akademi', name: 'Akademi Norr' };
  const referral = (to: typeof almi, status: 'PROPOSED' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN', answeredAfterHours: number | null) => ({
    to,
    status,
    createdAt: '2026-03-02T08:00:00Z',
    firstResponseAt: answeredAfterHours === null ? null : new Date(Date.parse('2026-03-02T08:00:00Z') + answeredAfterHours * 3_600_000).toISOString(),
  });

  it('counts each provider’s referrals, answers and waiting ones, with the median time to answer', () => {
    const rows = responsesByProvider([
      referral(almi, 'ACCEPTED', 2),
      referral(almi, 'DECLINED', 10),
      referral(almi, 'ACCEPTED', 4),
      referral(almi, 'PROPOSED', null),
      referral(akademi, 'ACCEPTED', 1),
      referral(akademi, 'ACCEPTED', 3),
    ]);
    expect(rows).toEqual([
      { providerId: 'almi', providerName: 'Almi Företagspartner Nord', sent: 4, answered: 3, waiting: 1, medianHours: 4 },
      { providerId: 'akademi', providerName: 'Akademi Norr', sent: 2, answered: 2, waiting: 0, medianHours: 2 },
    ]);
  });

  it('has no median for a provider that has answered nothing, and does not count a withdrawn referral as waiting', () => {
    expect(responsesByProvider([referral(almi, 'PROPOSED', null), referral(almi, 'WITHDRAWN', null)])).toEqual([
      { providerId: 'almi', providerName: 'Almi Företagspartner Nord', sent: 2, answered: 0, waiting: 1, medianHours: null },
    ]);
  });
});
