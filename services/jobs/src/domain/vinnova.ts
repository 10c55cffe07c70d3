import { z } from 'zod';
import { swedishDate } from '@hub/shared/calendar';
import type { LocalisedText } from './text';

/** Vinnova's organisation number: the provider its funding calls are imported under. */
export const VINNOVA_ORGANISATION_NUMBER = '202100-5216';

/** The hub's limits on an offering's texts (services/offerings): longer descriptions are shortened, not refused. */
const TITLE_MAX = 200;
const DESCRIPTION_MAX = 4000;
const DIARIENUMMER = /^\d{4}-\d{5}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The answer as a whole: anything but an array is garbage; each round is then read on its own. */
export function roundsOf(body: unknown): unknown[] {
  if (!Array.isArray(body)) throw new Error(`expected an array of application rounds, got ${body === null ? 'null' : typeof body}`);
  return body;
}

const text = z.string().nullish();
/** An application round (ansökningsomgång) of Vinnova's open API, the fields the hub reads; others are ignored. */
const applicationRound = z.object({
  Diarienummer: z.string(),
  DiarienummerUtlysning: text,
  Titel: text,
  TitelEngelska: text,
  Beskrivning: text,
  Oppningsdatum: text,
  Stangningsdatum: text,
  LankLista: z.array(z.object({ Beskrivning: text, URL: text }).loose()).nullish(),
  Publik: z.boolean().nullish(),
  // 0 = not published on vinnova.se
  Webbsida: z.union([z.number(), z.boolean()]).nullish(),
}).loose();
export type ApplicationRound = z.infer<typeof applicationRound>;

/** What the offerings service's `syncFundingCalls` takes (FundingCallInput). */
export interface FundingCall {
  externalId: string;
  title: { sv: string; en?: string };
  description: { sv: string };
  link?: string;
  startDate: string;
  applicationDeadline: string;
}

/** What a round means for the hub: a call to create or update, one to close, or one the job cannot take. */
export type RoundReading =
  | { kind: 'open'; diarienummer: string; call: FundingCall }
  | { kind: 'withdrawn'; diarienummer: string; externalId: string }
  | { kind: 'rejected'; item: string; reason: LocalisedText };

export function externalIdOf(diarienummer: string): string {
  return `vinnova:${diarienummer}`;
}

/**
 * Reads one round. A round Vinnova no longer publishes (not public, or `Webbsida` 0) is withdrawn and its call
 * closed in the hub; a public one becomes a funding call open from its opening day to its closing day.
 */
export function readRound(raw: unknown, index: number): RoundReading {
  const parsed = applicationRound.safeParse(raw);
  const item = typeof (raw as { Diarienummer?: unknown } | null)?.Diarienummer === 'string' ? (raw as { Diarienummer: string }).Diarienummer : `round #${index + 1}`;
  if (!parsed.success) {
    // zod's words for what is wrong, after the hub's
    const issue = `${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim();
    return { kind: 'rejected', item, reason: { sv: `inte en ansökningsomgång: ${issue}`, en: `not an application round: ${issue}` } };
  }
  const round = parsed.data;
  const diarienummer = round.Diarienummer.trim();
  if (!DIARIENUMMER.test(diarienummer)) return { kind: 'rejected', item, reason: { sv: 'Diarienummer är inte skrivet NNNN-NNNNN', en: 'Diarienummer is not written NNNN-NNNNN' } };
  if (round.Publik === false || round.Webbsida === 0 || round.Webbsida === false) {
    return { kind: 'withdrawn', diarienummer, externalId: externalIdOf(diarienummer) };
  }
  const reject = (sv: string, en: string): RoundReading => ({ kind: 'rejected', item: diarienummer, reason: { sv, en } });
  const title = round.Titel?.trim();
  if (!title) return reject('ingen titel (Titel)', 'no title (Titel)');
  if (title.length > TITLE_MAX) return reject(`titeln är längre än ${TITLE_MAX} tecken`, `the title is longer than ${TITLE_MAX} characters`);
  const startDate = swedishDateOf(round.Oppningsdatum);
  const opening = `Oppningsdatum: ${JSON.stringify(round.Oppningsdatum ?? null)}`;
  if (!startDate) return reject(`inget öppningsdatum (${opening})`, `no opening date (${opening})`);
  const applicationDeadline = swedishDateOf(round.Stangningsdatum);
  const closing = `Stangningsdatum: ${JSON.stringify(round.Stangningsdatum ?? null)}`;
  if (!applicationDeadline) return reject(`inget stängningsdatum (${closing})`, `no closing date (${closing})`);
  if (applicationDeadline < startDate) return reject('den stänger innan den öppnar', 'it closes before it opens');
  const englishTitle = round.TitelEngelska?.trim();
  const link = round.LankLista?.map((entry) => entry.URL?.trim()).find((url): url is string => !!url && /^https?:\/\/\S+$/.test(url));
  return {
    kind: 'open',
    diarienummer,
    call: {
      externalId: externalIdOf(diarienummer),
      title: { sv: title, ...(englishTitle && englishTitle.length <= TITLE_MAX ? { en: englishTitle } : {}) },
      description: { sv: shorten(htmlToText(round.Beskrivning ?? '') || title, DESCRIPTION_MAX) },
      ...(link ? { link } : {}),
      startDate,
      applicationDeadline,
    },
  };
}

/**
 * The calendar day in Sweden of one of Vinnova's dates. They carry no time zone and are Swedish local time, so
 * their own date part is the day; one with an offset or Z is converted.
 */
export function swedishDateOf(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) {
    const instant = new Date(trimmed);
    return Number.isNaN(instant.getTime()) ? null : swedishDate(instant);
  }
  const day = trimmed.slice(0, 10);
  return isIsoDate(day) ? day : null;
}

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  aring: 'å', auml: 'ä', ouml: 'ö', Aring: 'Å', Auml: 'Ä', Ouml: 'Ö', eacute: 'é', Eacute: 'É', uuml: 'ü',
  rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', bull: '•',
};

/** Vinnova's descriptions are HTML; the hub stores plain text: paragraphs and list items on lines of their own. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n• ')
    .replace(/<\/(p|div|h[1-6]|li|ul|ol|tr)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name] ?? entity;
    })
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

function shorten(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1).trimEnd()}…`;
}

/** The first run reads what changed in the last year: calls open now were published or changed within it. */
export function defaultSince(today: string): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() - 1);
  return date.toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}
