import { ValidationError } from '@hub/shared/errors';
import { schoolNeeds, type HousingType } from './candidate';
import { isRegion10Municipality, municipalityName, REGION10_MUNICIPALITIES } from '@hub/shared/contracts';
import { swedishDateText, swedishMonthText } from './dates';
import { occupationGroup, occupationLabel } from './occupations';
import type { LocalisedText } from './text';
import type { VacancyStatus, WorkMode } from './vacancy';

/**
 * Matching a household to vacancies and places. A vacancy suits a person when its occupation is one of theirs
 * (strong) or shares its SSYK minor group (related, weaker); the partner's occupation is matched the same way,
 * because a household moves only when both adults can work there (dual career).
 */

export interface VacancyFacts {
  id: string;
  employerId: string;
  /** Held so that a list of matches shows its vacancies without reading them (a title is short; descriptions stay out). */
  title: string;
  municipalityCode: string;
  occupationCode: string;
  /** YYYY-MM-DD; null = by agreement */
  startDate: string | null;
  workMode: WorkMode;
  housingHelp: boolean;
  status: VacancyStatus;
  /** YYYY-MM-DD, the last day to apply */
  applicationDeadline: string | null;
}

export interface MatchCandidate {
  occupations: string[];
  partnerOccupation: string | null;
  childrenAges: number[];
  wishes: { municipalityCodes: string[]; housingType: HousingType; moveFrom: string | null };
}

export interface PlaceCapacity {
  municipalityCode: string;
  /** Free units; null = not reported */
  housingUnits: number | null;
  preschoolPlaces: number | null;
  schoolPlaces: number | null;
}

export interface VacancyMatch {
  vacancyId: string;
  /** As the index held it when matched. */
  vacancy: VacancyFacts;
  /** 0–1 */
  score: number;
  /** In English, as the graph gave them before it gave `reasonTexts`. */
  reasons: string[];
  reasonTexts: LocalisedText[];
  forPartner: boolean;
}

export interface PlaceMatch {
  municipalityCode: string;
  /** 0–1: the share of what matters to this household that the place offers */
  score: number;
  /** In English, as the graph gave them before it gave `reasonTexts`. */
  reasons: string[];
  reasonTexts: LocalisedText[];
  vacancies: number;
  partnerVacancies: number;
}

/**
 * Open vacancies by occupation and by SSYK minor group, so that matching reads only the few hundred vacancies
 * in the candidate's groups instead of every vacancy in the region. Closed vacancies stay readable by id but
 * leave the occupation indexes.
 */
export class VacancyIndex {
  private readonly byId = new Map<string, VacancyFacts>();
  private readonly openByOccupation = new Map<string, Map<string, VacancyFacts>>();
  private readonly openByGroup = new Map<string, Map<string, VacancyFacts>>();

  upsert(vacancy: VacancyFacts): void {
    this.remove(vacancy.id);
    this.byId.set(vacancy.id, vacancy);
    if (vacancy.status !== 'open') return;
    bucket(this.openByOccupation, vacancy.occupationCode).set(vacancy.id, vacancy);
    bucket(this.openByGroup, occupationGroup(vacancy.occupationCode)).set(vacancy.id, vacancy);
  }

  remove(id: string): void {
    const existing = this.byId.get(id);
    if (!existing) return;
    this.byId.delete(id);
    this.openByOccupation.get(existing.occupationCode)?.delete(id);
    this.openByGroup.get(occupationGroup(existing.occupationCode))?.delete(id);
  }

  get(id: string): VacancyFacts | undefined {
    return this.byId.get(id);
  }

  /** Every vacancy held, closed ones included. */
  get size(): number {
    return this.byId.size;
  }

  byOccupation(code: string): Iterable<VacancyFacts> {
    return this.openByOccupation.get(code)?.values() ?? [];
  }

  byOccupationGroup(group: string): Iterable<VacancyFacts> {
    return this.openByGroup.get(group)?.values() ?? [];
  }
}

function bucket(index: Map<string, Map<string, VacancyFacts>>, key: string): Map<string, VacancyFacts> {
  let entries = index.get(key);
  if (!entries) {
    entries = new Map();
    index.set(key, entries);
  }
  return entries;
}

/** Points of a vacancy's score, out of 100. */
const VACANCY_POINTS = { exactOccupation: 50, relatedOccupation: 30, place: 25, housingHelp: 10, startDate: 15 } as const;

interface Suitable {
  vacancy: VacancyFacts;
  /** The occupation is the person's own, not only related. */
  exact: boolean;
}

/** The best `first` vacancies for the candidate or, with forPartner, for their partner; best first. */
export function matchVacancies(
  candidate: MatchCandidate,
  index: VacancyIndex,
  options: { today: string; first: number; forPartner?: boolean },
): VacancyMatch[] {
  if (!Number.isInteger(options.first) || options.first < 0) throw new ValidationError({ en: 'first is a whole number, 0 or more', sv: 'first är ett heltal, 0 eller mer' }, 'first');
  const forPartner = options.forPartner ?? false;
  // The best `first` kept in order as the suitable ones pass (thousands of them, mostly tied on points): sorting them
  // all was most of the engine's time.
  const best: Array<{ suitable: Suitable; points: number }> = [];
  const ranksBefore = (points: number, id: string, other: { suitable: Suitable; points: number }) =>
    points > other.points || (points === other.points && id < other.suitable.vacancy.id);
  for (const suitable of suitableVacancies(personOccupations(candidate, forPartner), index, options.today)) {
    const points = vacancyPoints(candidate, suitable);
    const { id } = suitable.vacancy;
    if (best.length === options.first && (best.length === 0 || !ranksBefore(points, id, best[best.length - 1]!))) continue;
    let at = best.length;
    while (at > 0 && ranksBefore(points, id, best[at - 1]!)) at -= 1;
    best.splice(at, 0, { suitable, points });
    if (best.length > options.first) best.pop();
  }
  // Reasons are text work, so they are written only for the vacancies returned.
  return best.map(({ suitable, points }) => {
    const reasonTexts = vacancyReasons(candidate, suitable, forPartner);
    return { vacancyId: suitable.vacancy.id, vacancy: suitable.vacancy, score: points / 100, reasons: english(reasonTexts), reasonTexts, forPartner };
  });
}

/** Points of a place's score; the partner's and the children's parts count only for a household that has them. */
const PLACE_POINTS = { vacancies: 30, partnerVacancies: 25, wished: 20, schooling: 15, housing: 10 } as const;

/**
 * The wished municipalities and every other Region 10 municipality with vacancies for the candidate, best
 * first: work for the candidate and for the partner, the household's wish, room for the children in preschool
 * and school, and free housing.
 */
export function matchPlaces(
  candidate: MatchCandidate,
  index: VacancyIndex,
  capacities: ReadonlyMap<string, PlaceCapacity>,
  options: { today: string },
): PlaceMatch[] {
  const vacancies = countByMunicipality(suitableVacancies(candidate.occupations, index, options.today));
  const partnerVacancies = countByMunicipality(suitableVacancies(personOccupations(candidate, true), index, options.today));
  const wished = new Set(candidate.wishes.municipalityCodes);
  const needs = schoolNeeds(candidate.childrenAges);
  const hasPartner = candidate.partnerOccupation !== null;
  const hasSchoolNeeds = needs.preschool + needs.school > 0;
  const places = REGION10_MUNICIPALITIES.map(({ code }) => code).filter((code) => wished.has(code) || vacancies.has(code));

  const matches = places.map((code) => {
    const place = {
      code,
      vacancies: vacancies.get(code) ?? 0,
      partnerVacancies: partnerVacancies.get(code) ?? 0,
      wished: wished.has(code),
      capacity: capacities.get(code),
    };
    const schooling = schoolingFit(needs, place.capacity);
    const housingUnits = place.capacity?.housingUnits ?? null;
    const points =
      (place.vacancies > 0 ? PLACE_POINTS.vacancies : 0) +
      (hasPartner && place.partnerVacancies > 0 ? PLACE_POINTS.partnerVacancies : 0) +
      (place.wished ? PLACE_POINTS.wished : 0) +
      (hasSchoolNeeds ? PLACE_POINTS.schooling * schooling.share : 0) +
      (housingUnits !== null && housingUnits > 0 ? PLACE_POINTS.housing : 0);
    const applicable =
      PLACE_POINTS.vacancies +
      (hasPartner ? PLACE_POINTS.partnerVacancies : 0) +
      PLACE_POINTS.wished +
      (hasSchoolNeeds ? PLACE_POINTS.schooling : 0) +
      PLACE_POINTS.housing;
    const reasonTexts = [
      workReason(place.vacancies, place.partnerVacancies, hasPartner),
      ...(place.wished ? [{ sv: `${nameOf(code)} är en av orterna du vill flytta till`, en: `${nameOf(code)} is one of the places you wish to move to` }] : []),
      ...schooling.reasons,
      housingUnits !== null && housingUnits > 0
        ? { sv: plural(housingUnits, 'ledig bostad', 'lediga bostäder'), en: `${plural(housingUnits, 'housing unit')} free` }
        : { sv: 'inga lediga bostäder rapporterade', en: 'no housing units reported free' },
    ];
    return {
      municipalityCode: code,
      score: Math.round((points / applicable) * 100) / 100,
      reasons: english(reasonTexts),
      reasonTexts,
      vacancies: place.vacancies,
      partnerVacancies: place.partnerVacancies,
    };
  });
  return matches.sort(
    (a, b) =>
      b.score - a.score ||
      b.vacancies + b.partnerVacancies - (a.vacancies + a.partnerVacancies) ||
      compareIds(a.municipalityCode, b.municipalityCode),
  );
}

function personOccupations(candidate: MatchCandidate, forPartner: boolean): string[] {
  if (!forPartner) return candidate.occupations;
  return candidate.partnerOccupation === null ? [] : [candidate.partnerOccupation];
}

/** Open vacancies in the person's minor groups whose application deadline has not passed. */
function suitableVacancies(occupations: readonly string[], index: VacancyIndex, today: string): Suitable[] {
  const own = new Set(occupations);
  const suitable: Suitable[] = [];
  // Each vacancy is in exactly one group, so no vacancy is found twice.
  for (const group of new Set(occupations.map(occupationGroup))) {
    for (const vacancy of index.byOccupationGroup(group)) {
      if (vacancy.status !== 'open' || (vacancy.applicationDeadline !== null && vacancy.applicationDeadline < today)) continue;
      suitable.push({ vacancy, exact: own.has(vacancy.occupationCode) });
    }
  }
  return suitable;
}

function vacancyPoints(candidate: MatchCandidate, { vacancy, exact }: Suitable): number {
  return (
    (exact ? VACANCY_POINTS.exactOccupation : VACANCY_POINTS.relatedOccupation) +
    (fitsPlace(candidate, vacancy) ? VACANCY_POINTS.place : 0) +
    (vacancy.housingHelp ? VACANCY_POINTS.housingHelp : 0) +
    (startsInTime(candidate, vacancy) ? VACANCY_POINTS.startDate : 0)
  );
}

/** In a wished municipality, or remote work, which can be done from wherever the household settles. */
function fitsPlace(candidate: MatchCandidate, vacancy: VacancyFacts): boolean {
  return vacancy.workMode === 'remote' || candidate.wishes.municipalityCodes.includes(vacancy.municipalityCode);
}

/** Starts in or after the month the household can move; an open start or an open move date fits either way. */
function startsInTime(candidate: MatchCandidate, vacancy: VacancyFacts): boolean {
  const { moveFrom } = candidate.wishes;
  return vacancy.startDate === null || moveFrom === null || vacancy.startDate.slice(0, 7) >= moveFrom;
}

function vacancyReasons(candidate: MatchCandidate, suitable: Suitable, forPartner: boolean): LocalisedText[] {
  const { vacancy, exact } = suitable;
  const label = occupationLabel(vacancy.occupationCode) ?? vacancy.occupationCode;
  const where = nameOf(vacancy.municipalityCode);
  const reasons: LocalisedText[] = [
    forPartner
      ? exact
        ? { sv: `för din partner: ${label} i ${where}`, en: `for your partner: ${label} in ${where}` }
        : { sv: `för din partner, ett närliggande yrke: ${label} i ${where}`, en: `for your partner, a related occupation: ${label} in ${where}` }
      : exact
        ? { sv: `ditt yrke: ${label}`, en: `your occupation: ${label}` }
        : { sv: `närliggande yrke: ${label}`, en: `related occupation: ${label}` },
  ];
  if (candidate.wishes.municipalityCodes.includes(vacancy.municipalityCode)) reasons.push({ sv: `i ${where}, dit du vill flytta`, en: `in ${where}, where you wish to move` });
  else if (vacancy.workMode === 'remote') reasons.push({ sv: 'distansarbete, möjligt var du än bosätter dig', en: 'remote work, possible from wherever you settle' });
  else reasons.push({ sv: `i ${where}, inte bland orterna du vill flytta till`, en: `in ${where}, not among the places you wish to move to` });
  if (vacancy.housingHelp) reasons.push({ sv: 'hjälp med bostad erbjuds', en: 'housing help offered' });
  const { moveFrom } = candidate.wishes;
  if (vacancy.startDate !== null && moveFrom !== null) {
    const startMonth = vacancy.startDate.slice(0, 7);
    const timing: LocalisedText =
      startMonth > moveFrom
        ? { sv: 'efter att du kan flytta', en: 'after you can move' }
        : startMonth === moveFrom
          ? { sv: 'samma månad som du kan flytta', en: 'in the month you can move' }
          : { sv: 'innan du kan flytta', en: 'before you can move' };
    reasons.push({
      sv: `börjar ${swedishDateText(vacancy.startDate)}, ${timing.sv} (${swedishMonthText(moveFrom)})`,
      en: `starts ${vacancy.startDate}, ${timing.en} (${moveFrom})`,
    });
  }
  return reasons;
}

function countByMunicipality(suitable: readonly Suitable[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { vacancy } of suitable) {
    if (isRegion10Municipality(vacancy.municipalityCode)) counts.set(vacancy.municipalityCode, (counts.get(vacancy.municipalityCode) ?? 0) + 1);
  }
  return counts;
}

function workReason(vacancies: number, partnerVacancies: number, hasPartner: boolean): LocalisedText {
  const forYou: LocalisedText =
    vacancies > 0
      ? { sv: `${plural(vacancies, 'ledigt jobb', 'lediga jobb')} för dig`, en: `${plural(vacancies, 'vacancy', 'vacancies')} for you` }
      : { sv: 'inga lediga jobb för dig', en: 'no vacancies for you' };
  if (!hasPartner) return forYou;
  if (vacancies > 0 && partnerVacancies > 0) return { sv: `${forYou.sv} och ${partnerVacancies} för din partner`, en: `${forYou.en} and ${partnerVacancies} for your partner` };
  return partnerVacancies > 0
    ? { sv: `${forYou.sv}; ${plural(partnerVacancies, 'ledigt jobb', 'lediga jobb')} för din partner`, en: `${forYou.en}; ${plural(partnerVacancies, 'vacancy', 'vacancies')} for your partner` }
    : { sv: `${forYou.sv}; inga för din partner`, en: `${forYou.en}; none for your partner` };
}

/** How a kind of place is counted in each language. */
const SCHOOLING_WORDS = {
  preschool: { sv: { places: 'förskoleplatser', free: { one: 'ledig förskoleplats', many: 'lediga förskoleplatser' } }, en: 'preschool' },
  school: { sv: { places: 'skolplatser', free: { one: 'ledig skolplats', many: 'lediga skolplatser' } }, en: 'school' },
} as const;

/** How far the reported free places cover the children's needs: the share of needs met, and why. */
function schoolingFit(needs: { preschool: number; school: number }, capacity: PlaceCapacity | undefined): { share: number; reasons: LocalisedText[] } {
  const parts = [
    { words: SCHOOLING_WORDS.preschool, needed: needs.preschool, free: capacity?.preschoolPlaces ?? null },
    { words: SCHOOLING_WORDS.school, needed: needs.school, free: capacity?.schoolPlaces ?? null },
  ].filter((part) => part.needed > 0);
  if (parts.length === 0) return { share: 0, reasons: [] };
  const reasons = parts.map(({ words: { sv, en }, needed, free }): LocalisedText => {
    const children = { sv: `${needed} barn`, en: plural(needed, 'child', 'children') };
    if (free === null) return { sv: `inga ${sv.places} rapporterade`, en: `no ${en} places reported` };
    if (free >= needed) return { sv: `${sv.places} för ${children.sv}`, en: `${en} places for ${children.en}` };
    return { sv: `${plural(free, sv.free.one, sv.free.many)} för ${children.sv}`, en: `${plural(free, `${en} place`)} free for ${children.en}` };
  });
  const met = parts.filter(({ needed, free }) => free !== null && free >= needed).length;
  return { share: met / parts.length, reasons };
}

function nameOf(municipalityCode: string): string {
  return municipalityName(municipalityCode) ?? municipalityCode;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function english(texts: readonly LocalisedText[]): string[] {
  return texts.map((text) => text.en);
}

/** Plain code-unit order: the same on every machine, unlike a locale's. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
