import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultSince, htmlToText, readRound, roundsOf, swedishDateOf } from './vinnova';

const rounds = JSON.parse(readFileSync(path.join(__dirname, '../../test/fixtures/vinnova/ansokningsomgangar-2025-06-01.json'), 'utf8')) as unknown[];

describe('Vinnova application rounds', () => {
  it('reads a public round as a funding call open from its opening day to its closing day, without contacts', () => {
    expect(readRound(rounds[0], 0)).toEqual({
      kind: 'open',
      diarienummer: '2026-00101',
      call: {
        externalId: 'vinnova:2026-00101',
        title: { sv: 'Innovativa startups – steg 1', en: 'Innovative startups – step 1' },
        description: {
          sv: 'Vill du utveckla en innovativ affärsidé med stor potential? Utlysningen riktar sig till unga & små företag.\n• Upp till 300 000 kronor\n• Projekttid 6–12 månader\nLäs mer på vår webbplats.',
        },
        // the relative pdf path is no link a company can follow
        link: 'https://www.vinnova.se/e/innovativa-startups/steg-1-2026/',
        startDate: '2026-02-01',
        applicationDeadline: '2026-04-15',
      },
    });
  });

  it('leaves out an empty English title and a missing link', () => {
    const reading = readRound(rounds[1], 1);
    expect(reading.kind === 'open' && reading.call).toMatchObject({ title: { sv: 'Hållbar industri i glesbygd' } });
    expect(reading.kind === 'open' && reading.call).not.toHaveProperty('title.en');
    expect(reading.kind === 'open' && reading.call).not.toHaveProperty('link');
  });

  it('takes a round Vinnova no longer publishes as withdrawn', () => {
    expect(readRound(rounds[3], 3)).toEqual({ kind: 'withdrawn', diarienummer: '2025-04410', externalId: 'vinnova:2025-04410' });
    expect(readRound({ ...(rounds[0] as object), Publik: true, Webbsida: 0 }, 0).kind).toBe('withdrawn');
  });

  it.each([
    [4, '2026-412', 'Diarienummer är inte skrivet NNNN-NNNNN', 'Diarienummer is not written NNNN-NNNNN'],
    [5, '2026-00520', 'inget stängningsdatum (Stangningsdatum: null)', 'no closing date (Stangningsdatum: null)'],
  ])('rejects round #%d (%s), saying why in Swedish and English: %s', (index, item, sv, en) => {
    expect(readRound(rounds[index], index)).toEqual({ kind: 'rejected', item, reason: { sv, en } });
  });

  it('rejects what is not a round at all, and a round that closes before it opens', () => {
    expect(readRound('garbage', 7)).toMatchObject({ kind: 'rejected', item: 'round #8' });
    expect(readRound({ Diarienummer: 2026 }, 0)).toMatchObject({ kind: 'rejected', item: 'round #1' });
    expect(readRound({ ...(rounds[0] as object), Stangningsdatum: '2026-01-31T14:00:00' }, 0)).toMatchObject({
      kind: 'rejected',
      reason: { sv: 'den stänger innan den öppnar', en: 'it closes before it opens' },
    });
    expect(readRound({ ...(rounds[0] as object), Titel: ' ' }, 0)).toMatchObject({ kind: 'rejected', reason: { sv: 'ingen titel (Titel)', en: 'no title (Titel)' } });
  });

  it('reads dates as Swedish days: without a zone as they are, with one converted', () => {
    expect(swedishDateOf('2026-04-15T23:30:00')).toBe('2026-04-15');
    expect(swedishDateOf('2026-04-15')).toBe('2026-04-15');
    expect(swedishDateOf('2026-04-15T22:30:00Z')).toBe('2026-04-16');
    expect(swedishDateOf('2026-01-15T23:30:00+00:00')).toBe('2026-01-16');
    expect(swedishDateOf('2026-02-30T00:00:00')).toBeNull();
    expect(swedishDateOf('')).toBeNull();
  });

  it('turns HTML into plain text and shortens a long description', () => {
    expect(htmlToText('<h2>Syfte</h2><p>Stöd&#160;till <em>små</em> f&ouml;retag &#x2013; nu</p><script>x()</script>')).toBe('Syfte\nStöd till små företag – nu');
    const long = readRound({ ...(rounds[0] as object), Beskrivning: `<p>${'ord '.repeat(2000)}</p>` }, 0);
    expect(long.kind === 'open' && long.call.description.sv.length).toBe(4000);
  });

  it('starts a first run a year back', () => {
    expect(defaultSince('2026-03-01')).toBe('2025-03-01');
  });
});

describe('Vinnova answers', () => {
  it('takes an array of rounds and refuses anything else as garbage', () => {
    expect(roundsOf([{ Diarienummer: '2026-00101' }])).toHaveLength(1);
    expect(() => roundsOf({ Message: 'An error has occurred.' })).toThrow('expected an array of application rounds, got object');
    expect(() => roundsOf(null)).toThrow('got null');
  });
});
