import { describe, expect, it } from 'vitest';
import { initialConsentChoice } from './consents';

describe('initialConsentChoice', () => {
  it('starts from the text version the person last consented to, purpose and channel for the officer to choose', () => {
    const history = [
      { given: true, textVersion: 'moveupnorth-2026.1' },
      { given: true, textVersion: 'moveupnorth-2026.2' },
      { given: false, textVersion: 'moveupnorth-2026.3' },
    ];
    expect(initialConsentChoice(history)).toEqual({ purpose: '', channel: '', textVersion: 'moveupnorth-2026.2' });
  });

  it('starts empty for a person who never consented to anything', () => {
    expect(initialConsentChoice([])).toEqual({ purpose: '', channel: '', textVersion: '' });
  });
});
