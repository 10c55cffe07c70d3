import type { ConsentChannel, ConsentPurpose } from '../../graphql/graphql';

export interface ConsentChoice {
  purpose: ConsentPurpose | '';
  channel: ConsentChannel | '';
  textVersion: string;
}

/**
 * The consent form's starting values: the text version the person last consented to (the service's current text,
 * as far as the hub knows), purpose and channel left for the officer to choose.
 */
export function initialConsentChoice(history: ReadonlyArray<{ given: boolean; textVersion: string }>): ConsentChoice {
  const lastGiven = history.filter((record) => record.given).at(-1);
  return { purpose: '', channel: '', textVersion: lastGiven?.textVersion ?? '' };
}
