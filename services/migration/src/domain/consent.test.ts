import { consentStates, giveConsent, hasConsent, withdrawConsent, type ConsentRecord } from './consent';

const officer = 'officer-1';
const at = (day: number): Date => new Date(Date.UTC(2026, 0, day, 9));

function given(purpose: ConsentRecord['purpose'], day: number, textVersion = 'v1'): ConsentRecord {
  const record = giveConsent([], { purpose, channel: 'web-form', textVersion, at: at(day), recordedBy: officer });
  if (!record) throw new Error('expected a record');
  return record;
}

describe('consent', () => {
  it('starts with nothing given, one state per purpose in the contract order', () => {
    expect(consentStates([])).toEqual([
      { purpose: 'in-migration-service', given: false, since: null, textVersion: null, channel: null },
      { purpose: 'share-with-employers', given: false, since: null, textVersion: null, channel: null },
      { purpose: 'newsletter', given: false, since: null, textVersion: null, channel: null },
    ]);
  });

  it('gives consent per purpose, recording channel, text version and who took it down', () => {
    const history = [given('share-with-employers', 2)];
    expect(history[0]).toEqual({ purpose: 'share-with-employers', given: true, at: at(2), channel: 'web-form', textVersion: 'v1', recordedBy: officer });
    expect(hasConsent(history, 'share-with-employers')).toBe(true);
    expect(hasConsent(history, 'in-migration-service')).toBe(false);
    expect(consentStates(history)[1]).toEqual({ purpose: 'share-with-employers', given: true, since: at(2), textVersion: 'v1', channel: 'web-form' });
  });

  it('records nothing when the same text is agreed to again, but a new version is recorded', () => {
    const history = [given('newsletter', 2, 'v1')];
    expect(giveConsent(history, { purpose: 'newsletter', channel: 'email', textVersion: 'v1', at: at(3), recordedBy: officer })).toBeNull();
    const renewed = giveConsent(history, { purpose: 'newsletter', channel: 'email', textVersion: 'v2', at: at(3), recordedBy: officer });
    expect(renewed).toMatchObject({ given: true, textVersion: 'v2', channel: 'email' });
  });

  it('withdraws at once, keeping the text version withdrawn, and appends rather than edits', () => {
    const history = [given('in-migration-service', 2, '2026-01.sv')];
    const withdrawal = withdrawConsent(history, { purpose: 'in-migration-service', channel: 'phone', at: at(2), recordedBy: officer });
    expect(withdrawal).toEqual({ purpose: 'in-migration-service', given: false, at: at(2), channel: 'phone', textVersion: '2026-01.sv', recordedBy: officer });
    const after = [...history, withdrawal as ConsentRecord];
    expect(hasConsent(after, 'in-migration-service')).toBe(false);
    expect(history[0]?.given).toBe(true);
    expect(consentStates(after)[0]).toEqual({ purpose: 'in-migration-service', given: false, since: at(2), textVersion: '2026-01.sv', channel: 'phone' });
  });

  it('has nothing to withdraw when consent is not given', () => {
    expect(withdrawConsent([], { purpose: 'newsletter', channel: 'email', at: at(1), recordedBy: officer })).toBeNull();
    const history = [given('newsletter', 1)];
    const withdrawn = [...history, withdrawConsent(history, { purpose: 'newsletter', channel: 'email', at: at(2), recordedBy: officer }) as ConsentRecord];
    expect(withdrawConsent(withdrawn, { purpose: 'newsletter', channel: 'email', at: at(3), recordedBy: officer })).toBeNull();
  });

  it('lets consent be given again after a withdrawal, even to the same text', () => {
    const history = [given('newsletter', 1)];
    const withdrawn = [...history, withdrawConsent(history, { purpose: 'newsletter', channel: 'email', at: at(2), recordedBy: officer }) as ConsentRecord];
    const again = giveConsent(withdrawn, { purpose: 'newsletter', channel: 'meeting', textVersion: 'v1', at: at(5), recordedBy: officer });
    expect(hasConsent([...withdrawn, again as ConsentRecord], 'newsletter')).toBe(true);
  });

  it('lets the last record appended decide, so a withdrawal counts even when a server clock lags', () => {
    const history = [given('newsletter', 5)];
    const withdrawal = withdrawConsent(history, { purpose: 'newsletter', channel: 'email', at: at(4), recordedBy: officer });
    expect(withdrawal).toMatchObject({ given: false, at: at(4) });
    expect(hasConsent([...history, withdrawal as ConsentRecord], 'newsletter')).toBe(false);
  });

  it('refuses an unknown purpose or channel', () => {
    expect(() => withdrawConsent([], { purpose: 'marketing' as never, channel: 'email', at: at(1), recordedBy: officer })).toThrow(
      expect.objectContaining({ field: 'input.purpose' }),
    );
    expect(() => giveConsent([], { purpose: 'newsletter', channel: 'sms' as never, textVersion: 'v1', at: at(1), recordedBy: officer })).toThrow(
      expect.objectContaining({ field: 'input.channel' }),
    );
  });

  it('checks the text version', () => {
    for (const textVersion of ['', 'v 1', 'v1/2', 'x'.repeat(41), 'version-ö']) {
      expect(() => giveConsent([], { purpose: 'newsletter', channel: 'email', textVersion, at: at(1), recordedBy: officer }, 'consent')).toThrow(
        expect.objectContaining({ field: 'consent.textVersion', code: 'BAD_USER_INPUT' }),
      );
    }
    expect(giveConsent([], { purpose: 'newsletter', channel: 'email', textVersion: 'x'.repeat(40), at: at(1), recordedBy: officer })).not.toBeNull();
  });
});
