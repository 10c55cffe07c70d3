import { CONSENT_PURPOSES, type ConsentPurpose } from '@hub/shared/contracts';
import { ValidationError } from '@hub/shared/errors';

/**
 * Consent per purpose, kept as an append-only history: a record is never edited, so the history shows what the
 * person agreed to, when, through which channel and to which wording. Functions take the history in the order it
 * was appended, and the purpose's last record decides: a withdrawal appended takes effect at once, even if the
 * clock of the server that wrote it lags behind the one that recorded the consent.
 */

export const CONSENT_CHANNELS = ['web-form', 'email', 'phone', 'meeting', 'paper'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export interface ConsentRecord {
  purpose: ConsentPurpose;
  given: boolean;
  at: Date;
  channel: ConsentChannel;
  /** The version of the consent text agreed to; a withdrawal keeps the version it withdraws. */
  textVersion: string;
  /** Who recorded it: the person themself (web form) or the officer who took it down. */
  recordedBy: string;
}

export interface ConsentState {
  purpose: ConsentPurpose;
  given: boolean;
  /** When the latest change took effect; null when the purpose was never asked about. */
  since: Date | null;
  textVersion: string | null;
  channel: ConsentChannel | null;
}

const TEXT_VERSION_PATTERN = /^[A-Za-z0-9._-]{1,40}$/;

/** One state per purpose, in CONSENT_PURPOSES order. */
export function consentStates(records: readonly ConsentRecord[]): ConsentState[] {
  return CONSENT_PURPOSES.map((purpose) => {
    const latest = latestRecord(records, purpose);
    return latest
      ? { purpose, given: latest.given, since: latest.at, textVersion: latest.textVersion, channel: latest.channel }
      : { purpose, given: false, since: null, textVersion: null, channel: null };
  });
}

export function hasConsent(records: readonly ConsentRecord[], purpose: ConsentPurpose): boolean {
  return latestRecord(records, purpose)?.given ?? false;
}

/** The record to append, or null when consent to this text version is already given. */
export function giveConsent(
  records: readonly ConsentRecord[],
  change: { purpose: ConsentPurpose; channel: ConsentChannel; textVersion: string; at: Date; recordedBy: string },
  field = 'input',
): ConsentRecord | null {
  assertKnown(change, field);
  if (!TEXT_VERSION_PATTERN.test(change.textVersion)) {
    throw new ValidationError({ en: 'a text version is 1 to 40 letters, digits, dots, hyphens or underscores', sv: 'en textversion är 1 till 40 bokstäver, siffror, punkter, bindestreck eller understreck' }, `${field}.textVersion`);
  }
  const latest = latestRecord(records, change.purpose);
  if (latest?.given && latest.textVersion === change.textVersion) return null;
  return { ...change, given: true };
}

/** The record to append, or null when consent is not given (nothing to withdraw). Takes effect at once. */
export function withdrawConsent(
  records: readonly ConsentRecord[],
  change: { purpose: ConsentPurpose; channel: ConsentChannel; at: Date; recordedBy: string },
  field = 'input',
): ConsentRecord | null {
  assertKnown(change, field);
  const latest = latestRecord(records, change.purpose);
  if (!latest?.given) return null;
  return { ...change, given: false, textVersion: latest.textVersion };
}

/** The purpose's last record in the history; the order of appending decides, not clocks. */
function latestRecord(records: readonly ConsentRecord[], purpose: ConsentPurpose): ConsentRecord | undefined {
  for (let i = records.length - 1; i >= 0; i -= 1) {
    const record = records[i];
    if (record?.purpose === purpose) return record;
  }
  return undefined;
}

function assertKnown(change: { purpose: ConsentPurpose; channel: ConsentChannel }, field: string): void {
  if (!CONSENT_PURPOSES.includes(change.purpose)) throw new ValidationError({ en: `purpose is one of ${CONSENT_PURPOSES.join(', ')}`, sv: `ändamålet är ett av ${CONSENT_PURPOSES.join(', ')}` }, `${field}.purpose`);
  if (!CONSENT_CHANNELS.includes(change.channel)) throw new ValidationError({ en: `channel is one of ${CONSENT_CHANNELS.join(', ')}`, sv: `kanalen är en av ${CONSENT_CHANNELS.join(', ')}` }, `${field}.channel`);
}
