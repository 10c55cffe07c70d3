/**
 * The benchmarks' catalogue: offerings generated from a fixed seed, validated and stored exactly as the service
 * stores them, inserted straight into its database (through the API 50,000 would take hours on FerretDB).
 */
import mongoose from 'mongoose';
import { log, prng } from '@hub/infra/bench';
import { storedOffering } from '../src/application/offerings';
import { assertPublishable, NEEDS, OFFERING_FORMATS, OFFERING_KINDS, TARGET_GROUPS, validateOfferingDetails, type OfferingDetailsInput } from '../src/domain/offering';
import { registerModels } from '../src/infrastructure/models';

export const BATCH_SIZE = 1_000;

export const REGION10 = ['2506', '2505', '2425', '2481', '2418', '2417', '2422', '2421', '2462', '2463'];
export const PLACES: Record<string, string> = {
  '2506': 'Arjeplog', '2505': 'Arvidsjaur', '2425': 'Dorotea', '2481': 'Lycksele', '2418': 'Malå',
  '2417': 'Norsjö', '2422': 'Sorsele', '2421': 'Storuman', '2462': 'Vilhelmina', '2463': 'Åsele',
};
const SNI_PREFIXES = ['02', '16', '41', '43', '47', '55', '56', '62', '7022', '85'];

const random = prng(20);
export const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
/** One to `max` distinct items. */
export const some = <T>(items: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(items)))];
// ─── offerings ──────────────────────────────────────────────────────────────────────────────────────────────

const TOPICS = [
  'Steget vidare', 'Exportsteget', 'Digitalt lyft', 'Affärsplan på fjället', 'Grön omställning', 'Kompetensväxling',
  'Företagsfrukost', 'Finansiering för växande företag', 'Innovationscheckar', 'Rekrytera rätt', 'Nätverk för kvinnors företagande',
  'Starta eget i inlandet', 'Hållbar besöksnäring', 'Skogens värdekedja', 'Mötesplats Älvdalen', 'Budget och likviditet',
];
const AUDIENCES = ['för småföretag', 'för nya företagare', 'för unga', 'för besöksnäringen', 'för träindustrin', 'för handeln', 'i Södra Lappland'];
const SENTENCES = [
  'Vi går igenom företagets nuläge och tar fram en handlingsplan.',
  'Träffarna hålls på orten och digitalt, med gott om tid för frågor.',
  'Ingen kostnad för företag i Region 10:s kommuner.',
  'Du får stöd av en erfaren rådgivare under hela året.',
  'Passar dig som vill växa, anställa eller nå nya marknader.',
  'Samarbete med Almi, Coompanion och Region Västerbotten.',
];

function isoDay(base: number, offsetDays: number): string {
  return new Date(base + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

const DAY_ZERO = Date.parse('2026-01-01T00:00:00Z');

function offeringInput(serial: number): OfferingDetailsInput {
  const start = Math.floor(random() * 720);
  const municipalityCodes = random() < 0.2 ? [] : some(REGION10, 3);
  const place = PLACES[municipalityCodes[0] ?? pick(REGION10)]!;
  return {
    kind: pick(OFFERING_KINDS),
    title: { sv: `${pick(TOPICS)} ${pick(AUDIENCES)} – ${place} ${serial}`, ...(random() < 0.3 ? { en: `Next step ${serial}` } : {}) },
    description: { sv: `${pick(SENTENCES)} ${pick(SENTENCES)}` },
    targetGroups: some(TARGET_GROUPS, 2),
    industries: random() < 0.5 ? [] : some(SNI_PREFIXES, 2),
    municipalityCodes,
    format: pick(OFFERING_FORMATS),
    startDate: isoDay(DAY_ZERO, start),
    endDate: isoDay(DAY_ZERO, start + 1 + Math.floor(random() * 180)),
    applicationDeadline: random() < 0.2 ? null : isoDay(DAY_ZERO, start - Math.floor(random() * 30)),
    capacity: random() < 0.3 ? null : 10 + Math.floor(random() * 40),
    priceSek: random() < 0.7 ? 0 : 500 * Math.floor(1 + random() * 20),
    funding: random() < 0.5 ? { description: 'ERUF 50 %, Region Västerbotten 25 %' } : null,
    needs: some(NEEDS, 3),
  };
}

/** Validated and stored exactly as OfferingsApplication does, then published; one insertMany per batch. */
export async function seedOfferings(mongoUrl: string, providers: string[], count: number): Promise<{ seconds: number; perSecond: number }> {
  const connection = await mongoose.createConnection(mongoUrl, { autoIndex: false, autoCreate: false }).asPromise();
  try {
    const { offerings } = registerModels(connection);
    const started = performance.now();
    for (let from = 0; from < count; from += BATCH_SIZE) {
      const batch = Array.from({ length: Math.min(BATCH_SIZE, count - from) }, (_, i) => {
        const details = validateOfferingDetails(offeringInput(from + i));
        assertPublishable(details);
        return storedOffering(pick(providers), 'published', details);
      });
      await offerings.insertMany(batch);
      const done = from + batch.length;
      if (done % (BATCH_SIZE * 10) === 0 || done === count) {
        log(`seeded ${done} offerings (${(done / ((performance.now() - started) / 1000)).toFixed(0)}/s)`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    return { seconds, perSecond: count / seconds };
  } finally {
    await connection.close();
  }
}
