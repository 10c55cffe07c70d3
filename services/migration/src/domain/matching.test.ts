import { isRegion10Municipality, REGION10_MUNICIPALITIES } from '@hub/shared/contracts';
import { matchPlaces, matchVacancies, VacancyIndex, type MatchCandidate, type PlaceCapacity, type VacancyFacts } from './matching';
import { OCCUPATIONS, occupationGroup } from './occupations';
import { WORK_MODES } from './vacancy';

const today = '2026-11-01';
const LYCKSELE = '2481';
const SORSELE = '2422';
const MALA = '2418';

// A nurse with a primary-school teacher for a partner and two children, wishing to move to Lycksele or Sorsele.
const candidate: MatchCandidate = {
  occupations: ['2221'],
  partnerOccupation: '2341',
  childrenAges: [3, 8],
  wishes: { municipalityCodes: [LYCKSELE, SORSELE], housingType: 'rental', moveFrom: '2027-01' },
};

function vacancy(id: string, change: Partial<VacancyFacts> = {}): VacancyFacts {
  return {
    id,
    employerId: 'employer-1',
    title: `Sjuksköterska ${id}`,
    municipalityCode: LYCKSELE,
    occupationCode: '2221',
    startDate: null,
    workMode: 'on-site',
    housingHelp: false,
    status: 'open',
    applicationDeadline: null,
    ...change,
  };
}

function indexOf(vacancies: readonly VacancyFacts[]): VacancyIndex {
  const index = new VacancyIndex();
  for (const v of vacancies) index.upsert(v);
  return index;
}

/** Deterministic pseudo-random numbers (mulberry32), so a failing random case can be replayed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

describe('vacancy index', () => {
  it('finds open vacancies by occupation and minor group, and forgets closed and removed ones', () => {
    const index = indexOf([vacancy('a'), vacancy('b', { occupationCode: '2222' }), vacancy('c', { status: 'closed' })]);
    expect([...index.byOccupation('2221')].map((v) => v.id)).toEqual(['a']);
    expect([...index.byOccupationGroup('222')].map((v) => v.id).sort()).toEqual(['a', 'b']);
    expect(index.get('c')?.status).toBe('closed');
    expect(index.size).toBe(3);

    index.upsert(vacancy('a', { status: 'closed' }));
    expect([...index.byOccupation('2221')]).toEqual([]);
    index.upsert(vacancy('b', { occupationCode: '2341' }));
    expect([...index.byOccupationGroup('222')]).toEqual([]);
    expect([...index.byOccupation('2341')].map((v) => v.id)).toEqual(['b']);
    index.remove('b');
    index.remove('unknown');
    expect([...index.byOccupation('2341')]).toEqual([]);
    expect(index.get('b')).toBeUndefined();
    expect(index.size).toBe(2);
  });
});

describe('matching vacancies', () => {
  it('ranks the own occupation above a related one, saying why', () => {
    const index = indexOf([vacancy('related', { occupationCode: '2225' }), vacancy('exact'), vacancy('other', { occupationCode: '2341' })]);
    const matches = matchVacancies(candidate, index, { today, first: 10 });
    expect(matches.map((m) => m.vacancyId)).toEqual(['exact', 'related']);
    expect(matches[0]).toEqual({
      vacancyId: 'exact',
      vacancy: vacancy('exact'),
      score: 0.9,
      reasons: ['your occupation: Grundutbildade sjuksköterskor', 'in Lycksele, where you wish to move'],
      reasonTexts: [
        { sv: 'ditt yrke: Grundutbildade sjuksköterskor', en: 'your occupation: Grundutbildade sjuksköterskor' },
        { sv: 'i Lycksele, dit du vill flytta', en: 'in Lycksele, where you wish to move' },
      ],
      forPartner: false,
    });
    expect(matches[1]?.reasons[0]).toBe('related occupation: Psykiatrisjuksköterskor');
    expect(matches[1]?.reasonTexts[0]).toEqual({ sv: 'närliggande yrke: Psykiatrisjuksköterskor', en: 'related occupation: Psykiatrisjuksköterskor' });
    expect(matches[1]?.score).toBeLessThan(0.9);
  });

  it('scores place, housing help and start date, with reasons naming the municipality', () => {
    const index = indexOf([
      vacancy('best', { housingHelp: true, startDate: '2027-02-01' }),
      vacancy('early', { housingHelp: true, startDate: '2026-12-01' }),
      vacancy('elsewhere', { municipalityCode: MALA, housingHelp: true, startDate: '2027-01-15' }),
      vacancy('remote', { municipalityCode: MALA, workMode: 'remote', housingHelp: true, startDate: '2027-02-01' }),
    ]);
    const matches = matchVacancies(candidate, index, { today, first: 10 });
    expect(matches.map((m) => [m.vacancyId, m.score])).toEqual([
      ['best', 1],
      ['remote', 1],
      ['early', 0.85],
      ['elsewhere', 0.75],
    ]);
    expect(matches[0]?.reasons).toEqual([
      'your occupation: Grundutbildade sjuksköterskor',
      'in Lycksele, where you wish to move',
      'housing help offered',
      'starts 2027-02-01, after you can move (2027-01)',
    ]);
    expect(matches[1]?.reasons).toContain('remote work, possible from wherever you settle');
    expect(matches[2]?.reasons).toContain('starts 2026-12-01, before you can move (2027-01)');
    expect(matches[3]?.reasons).toEqual(expect.arrayContaining(['in Malå, not among the places you wish to move to', 'starts 2027-01-15, in the month you can move (2027-01)']));
  });

  it('words each reason in Swedish from the same facts, with dates as Swedish text writes them', () => {
    const index = indexOf([
      vacancy('best', { housingHelp: true, startDate: '2027-02-01' }),
      vacancy('early', { startDate: '2026-12-01' }),
      vacancy('elsewhere', { municipalityCode: MALA, startDate: '2027-01-15' }),
      vacancy('remote', { municipalityCode: MALA, workMode: 'remote' }),
    ]);
    const swedish = Object.fromEntries(matchVacancies(candidate, index, { today, first: 10 }).map((m) => [m.vacancyId, m.reasonTexts.map((text) => text.sv)]));
    expect(swedish).toEqual({
      best: ['ditt yrke: Grundutbildade sjuksköterskor', 'i Lycksele, dit du vill flytta', 'hjälp med bostad erbjuds', 'börjar 1 februari 2027, efter att du kan flytta (januari 2027)'],
      early: ['ditt yrke: Grundutbildade sjuksköterskor', 'i Lycksele, dit du vill flytta', 'börjar 1 december 2026, innan du kan flytta (januari 2027)'],
      elsewhere: ['ditt yrke: Grundutbildade sjuksköterskor', 'i Malå, inte bland orterna du vill flytta till', 'börjar 15 januari 2027, samma månad som du kan flytta (januari 2027)'],
      remote: ['ditt yrke: Grundutbildade sjuksköterskor', 'distansarbete, möjligt var du än bosätter dig'],
    });
    // the English of each text is the reason as `reasons` gives it
    for (const match of matchVacancies(candidate, index, { today, first: 10 })) expect(match.reasonTexts.map((text) => text.en)).toEqual(match.reasons);
  });

  it('finds the partner\'s vacancies in the partner\'s words', () => {
    const index = indexOf([vacancy('nurse'), vacancy('teacher', { occupationCode: '2341' }), vacancy('preschool', { occupationCode: '2343', municipalityCode: SORSELE })]);
    const matches = matchVacancies(candidate, index, { today, first: 10, forPartner: true });
    expect(matches.map((m) => [m.vacancyId, m.forPartner])).toEqual([
      ['teacher', true],
      ['preschool', true],
    ]);
    expect(matches[0]?.reasons[0]).toBe('for your partner: Grundskollärare in Lycksele');
    expect(matches[1]?.reasons[0]).toBe('for your partner, a related occupation: Förskollärare in Sorsele');
    expect(matches.map((m) => m.reasonTexts[0]?.sv)).toEqual(['för din partner: Grundskollärare i Lycksele', 'för din partner, ett närliggande yrke: Förskollärare i Sorsele']);
    expect(matchVacancies({ ...candidate, partnerOccupation: null }, index, { today, first: 10, forPartner: true })).toEqual([]);
  });

  it('leaves out closed vacancies and those whose last application day has passed', () => {
    const index = indexOf([
      vacancy('closed', { status: 'closed' }),
      vacancy('expired', { applicationDeadline: '2026-10-31' }),
      vacancy('last-day', { applicationDeadline: today }),
    ]);
    expect(matchVacancies(candidate, index, { today, first: 10 }).map((m) => m.vacancyId)).toEqual(['last-day']);
  });

  it('breaks ties by vacancy id and returns the same list whatever the insertion order', () => {
    const vacancies = ['v3', 'v10', 'v1', 'v2'].map((id) => vacancy(id));
    const forward = matchVacancies(candidate, indexOf(vacancies), { today, first: 3 });
    const backward = matchVacancies(candidate, indexOf([...vacancies].reverse()), { today, first: 3 });
    expect(forward.map((m) => m.vacancyId)).toEqual(['v1', 'v10', 'v2']);
    expect(backward).toEqual(forward);
  });

  it('refuses a page size that is not a whole number', () => {
    expect(() => matchVacancies(candidate, new VacancyIndex(), { today, first: -1 })).toThrow(expect.objectContaining({ field: 'first' }));
    expect(matchVacancies(candidate, indexOf([vacancy('a')]), { today, first: 0 })).toEqual([]);
  });

  it('finds through the index exactly what a scan of every vacancy finds, and a short list is the head of the ranking', () => {
    const random = mulberry32(20_260_301);
    const codes = OCCUPATIONS.map((o) => o.code);
    // A few groups hold most vacancies, so related and exact matches are frequent.
    const common = ['2221', '2222', '2225', '2341', '2343', '2330', '5321', '5322', '7411', '7412'];
    const municipalities = REGION10_MUNICIPALITIES.map((m) => m.code);
    const dates = ['2026-10-15', '2026-11-01', '2026-12-01', '2027-01-01', '2027-03-01', null];
    const vacancies = Array.from({ length: 3000 }, (_, i) =>
      vacancy(`v${i}`, {
        occupationCode: random() < 0.7 ? pick(random, common) : pick(random, codes),
        municipalityCode: pick(random, municipalities),
        workMode: pick(random, WORK_MODES),
        housingHelp: random() < 0.5,
        status: random() < 0.15 ? 'closed' : 'open',
        startDate: pick(random, dates),
        applicationDeadline: pick(random, dates),
      }),
    );
    const index = indexOf(vacancies);
    for (let round = 0; round < 50; round += 1) {
      const person: MatchCandidate = {
        occupations: [...new Set([pick(random, common), pick(random, codes)])],
        partnerOccupation: random() < 0.7 ? pick(random, common) : null,
        childrenAges: [],
        wishes: { municipalityCodes: [pick(random, municipalities)], housingType: 'any', moveFrom: random() < 0.5 ? '2027-01' : null },
      };
      for (const forPartner of [false, true]) {
        const own = forPartner ? (person.partnerOccupation === null ? [] : [person.partnerOccupation]) : person.occupations;
        const expected = vacancies
          .filter((v) => v.status === 'open' && (v.applicationDeadline === null || v.applicationDeadline >= today))
          .filter((v) => own.some((code) => occupationGroup(code) === occupationGroup(v.occupationCode)))
          .map((v) => v.id)
          .sort();
        const found = matchVacancies(person, index, { today, first: vacancies.length, forPartner });
        expect(found.map((m) => m.vacancyId).sort()).toEqual(expected);
        for (let i = 1; i < found.length; i += 1) {
          const [before, after] = [found[i - 1], found[i]] as [(typeof found)[number], (typeof found)[number]];
          expect(before.score > after.score || (before.score === after.score && before.vacancyId < after.vacancyId)).toBe(true);
        }
        // a short list is the head of the whole ranking
        expect(matchVacancies(person, index, { today, first: 10, forPartner })).toEqual(found.slice(0, 10));
      }
    }
  });
});

describe('matching places', () => {
  const capacity = (code: string, change: Partial<PlaceCapacity> = {}): [string, PlaceCapacity] => [
    code,
    { municipalityCode: code, housingUnits: 3, preschoolPlaces: 2, schoolPlaces: 5, ...change },
  ];

  it('ranks a place with work for both partners above one with work for one', () => {
    const index = indexOf([
      vacancy('n1', { municipalityCode: SORSELE }),
      vacancy('n2', { municipalityCode: LYCKSELE }),
      vacancy('n3', { municipalityCode: LYCKSELE }),
      vacancy('t1', { municipalityCode: SORSELE, occupationCode: '2341' }),
    ]);
    const places = matchPlaces(candidate, index, new Map([capacity(LYCKSELE), capacity(SORSELE)]), { today });
    expect(places.map((p) => [p.municipalityCode, p.vacancies, p.partnerVacancies])).toEqual([
      [SORSELE, 1, 1],
      [LYCKSELE, 2, 0],
    ]);
    expect(places[0]?.score).toBe(1);
    expect(places[0]?.reasons).toEqual([
      '1 vacancy for you and 1 for your partner',
      'Sorsele is one of the places you wish to move to',
      'preschool places for 1 child',
      'school places for 1 child',
      '3 housing units free',
    ]);
    expect(places[1]?.reasons[0]).toBe('2 vacancies for you; none for your partner');
    expect(places[0]?.reasonTexts.map((text) => text.sv)).toEqual([
      '1 ledigt jobb för dig och 1 för din partner',
      'Sorsele är en av orterna du vill flytta till',
      'förskoleplatser för 1 barn',
      'skolplatser för 1 barn',
      '3 lediga bostäder',
    ]);
    expect(places[1]?.reasonTexts[0]?.sv).toBe('2 lediga jobb för dig; inga för din partner');
    for (const place of places) expect(place.reasonTexts.map((text) => text.en)).toEqual(place.reasons);
  });

  it('adds other Region 10 places with work for the candidate, and says what is missing', () => {
    const index = indexOf([vacancy('n1', { municipalityCode: MALA }), vacancy('n2', { municipalityCode: MALA }), vacancy('elsewhere', { municipalityCode: '2480' })]);
    const places = matchPlaces(candidate, index, new Map([capacity(MALA, { housingUnits: 0, preschoolPlaces: 0, schoolPlaces: null })]), { today });
    expect(places.map((p) => p.municipalityCode).sort()).toEqual([MALA, LYCKSELE, SORSELE].sort());
    expect(places.every((p) => isRegion10Municipality(p.municipalityCode))).toBe(true);
    const mala = places.find((p) => p.municipalityCode === MALA);
    expect(mala?.reasons).toEqual(['2 vacancies for you; none for your partner', '0 preschool places free for 1 child', 'no school places reported', 'no housing units reported free']);
    expect(mala?.reasonTexts.map((text) => text.sv)).toEqual(['2 lediga jobb för dig; inga för din partner', '0 lediga förskoleplatser för 1 barn', 'inga skolplatser rapporterade', 'inga lediga bostäder rapporterade']);
    expect(places.find((p) => p.municipalityCode === LYCKSELE)?.reasons).toEqual([
      'no vacancies for you; none for your partner',
      'Lycksele is one of the places you wish to move to',
      'no preschool places reported',
      'no school places reported',
      'no housing units reported free',
    ]);
  });

  it('scores what matters to the household only: no partner, no children', () => {
    const single: MatchCandidate = { ...candidate, partnerOccupation: null, childrenAges: [16] };
    const places = matchPlaces(single, indexOf([vacancy('n1', { municipalityCode: LYCKSELE })]), new Map([capacity(LYCKSELE, { preschoolPlaces: 0, schoolPlaces: 0 })]), { today });
    expect(places[0]).toEqual({
      municipalityCode: LYCKSELE,
      score: 1,
      reasons: ['1 vacancy for you', 'Lycksele is one of the places you wish to move to', '3 housing units free'],
      reasonTexts: [
        { sv: '1 ledigt jobb för dig', en: '1 vacancy for you' },
        { sv: 'Lycksele är en av orterna du vill flytta till', en: 'Lycksele is one of the places you wish to move to' },
        { sv: '3 lediga bostäder', en: '3 housing units free' },
      ],
      vacancies: 1,
      partnerVacancies: 0,
    });
  });

  it('is deterministic: equal places in code order', () => {
    const places = matchPlaces({ ...candidate, wishes: { ...candidate.wishes, municipalityCodes: [SORSELE, LYCKSELE, MALA] } }, new VacancyIndex(), new Map(), { today });
    expect(places.map((p) => p.municipalityCode)).toEqual([MALA, SORSELE, LYCKSELE]);
  });
});
