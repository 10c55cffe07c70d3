import { GatewayRefusal } from '@hub/shared/client';
import { AggregateBusyError } from '@hub/shared/mongo';
import { failureTexts, refusedByTheHub } from './job';
import { WordedError } from '../domain/text';

describe('failureTexts', () => {
  it("keeps a job's own wording and the shared kit's", () => {
    expect(failureTexts(new WordedError({ sv: 'filen saknar rubrikrad', en: 'the file has no header row' }))).toEqual({ sv: 'filen saknar rubrikrad', en: 'the file has no header row' });
    const busy = new AggregateBusyError('job-ads');
    expect(failureTexts(busy)).toEqual(busy.texts);
    expect(busy.texts.sv).not.toBe(busy.texts.en);
  });

  it("words the hub's refusal in the hub's Swedish where the service gave it, with each code", () => {
    const refusal = new GatewayRefusal([
      { message: 'Unknown municipality code 9999', code: 'BAD_USER_INPUT', texts: { sv: 'Okänd kommunkod 9999', en: 'Unknown municipality code 9999' } },
      { message: 'Query too deep', code: 'QUERY_TOO_DEEP' },
    ]);
    expect(failureTexts(refusal)).toEqual({
      sv: 'hubben avvisade begäran: Okänd kommunkod 9999 (BAD_USER_INPUT); Query too deep (QUERY_TOO_DEEP)',
      en: refusal.message,
    });
  });

  it('gives anything else its message in both languages', () => {
    expect(failureTexts(new Error('socket hang up'))).toEqual({ sv: 'socket hang up', en: 'socket hang up' });
    expect(failureTexts('stopped')).toEqual({ sv: 'stopped', en: 'stopped' });
  });
});

describe('refusedByTheHub', () => {
  it('names the refused input after the reasons', () => {
    expect(refusedByTheHub([{ message: 'Not an organisation number', texts: { sv: 'Inget organisationsnummer', en: 'Not an organisation number' } }], 'input.orgNumber')).toEqual({
      sv: 'avvisad av hubben: Inget organisationsnummer (input.orgNumber)',
      en: 'refused by the hub: Not an organisation number (input.orgNumber)',
    });
  });
});
