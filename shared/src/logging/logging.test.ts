import { Writable } from 'node:stream';
import pino from 'pino';
import { createLogger, REDACTED_PATHS } from './index';

function capture(): { lines: () => Array<Record<string, unknown>>; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('JSON logs', () => {
  it('redacts personal fields at the depths logs use, and keeps ids', () => {
    const { stream, lines } = capture();
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, stream);
    logger.info(
      {
        organisationId: '6b04217c83f3f5fb24442630',
        email: 'anna@example.org',
        candidate: { name: 'Anna Exempel', phone: '+46 70 000 00 00', note: 'moving with family' },
        contacts: [{ name: 'Olle' }],
        input: { contacts: [{ name: 'Olle', email: 'olle@example.org' }] },
      },
      'registered',
    );
    const [line] = lines();
    const text = JSON.stringify(line);
    expect(line).toMatchObject({ organisationId: '6b04217c83f3f5fb24442630', email: '[redacted]', contacts: '[redacted]' });
    expect(line?.candidate).toEqual({ name: '[redacted]', phone: '[redacted]', note: '[redacted]' });
    for (const personal of ['anna@example.org', 'Anna Exempel', '+46 70', 'moving with family', 'Olle', 'olle@example.org']) {
      expect(text).not.toContain(personal);
    }
  });

  it('writes one JSON object per line with service, level name and ISO time', () => {
    const logger = createLogger('organisations', 'info');
    expect(logger.bindings()).toEqual({ service: 'organisations' });
    expect(logger.level).toBe('info');
  });
});
