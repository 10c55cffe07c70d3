import { NEEDS, OFFERING_FORMATS, OFFERING_KINDS, OFFERING_STATUSES, TARGET_GROUPS, type Need } from '@hub/shared/contracts';
import { ValidationError } from '@hub/shared/errors';
import {
  companyTargetGroups,
  explainExclusion,
  matchAdvisers,
  matchCompanies,
  matchOfferings,
  municipalityName,
  OfferingIndex,
  topOfferings,
  type MatchReason,
  type OfferingMatch,
} from './matching';
import { prng } from '@hub/infra/bench';
import type { AdviserProfile, CompanyProfile, OfferingFacts } from './model';

const TODAY = '2026-11-23';
const MALA = '2418';
const ARJEPLOG = '2506';
const LYCKSELE = '2481';

function company(overrides: Partial<CompanyProfile> = {}): CompanyProfile {
  return {
    id: 'company-mala-shop',
    municipalityCode: MALA,
    sniCodes: ['47520'],
    employees: 6,
    foundedYear: 1987,
    ownerGroups: [],
    needs: [
      { need: 'export', priority: 1 },
      { need: 'digitalisation', priority: 2 },
    ],
    offers: [],
    seeks: [],
    ...overrides,
  };
}

function offering(id: string, overrides: Partial<OfferingFacts> = {}): OfferingFacts {
  return {
    id,
    providerId: 'provider-almi',
    projectId: null,
    kind: 'coaching',
    status: 'published',
    needs: ['export'],
    targetGroups: ['established-companies'],
    sniCodes: [],
    municipalityCodes: [],
    format: 'on-site',
    startDate: null,
    endDate: null,
    applicationDeadline: null,
    capacity: null,
    enrolled: 0,
    eligibility: { maxEmployees: null, maxCompanyAgeYears: null, sniPrefixes: [], municipalityCodes: [] },
    ...overrides,
  };
}

const eligibility = (overrides: Partial<OfferingFacts['eligibility']>): OfferingFacts['eligibility'] => ({
  maxEmployees: null,
  maxCompanyAgeYears: null,
  sniPrefixes: [],
  municipalityCodes: [],
  ...overrides,
});

const ids = (matches: OfferingMatch[]): string[] => matches.map((m) => m.offeringId);
const texts = (match: { reasons: Array<{ text: string }> } | undefined): string[] => match?.reasons.map((r) => r.text) ?? [];
/** Each reason as code: Swedish | English, to check both languages of every reason at once. */
const bilingual = (match: { reasons: MatchReason[] } | undefined): string[] =>
  match?.reasons.map((r) => {
    expect(r.text).toBe(r.texts.en);
    return `${r.code}: ${r.texts.sv} | ${r.texts.en}`;
  }) ?? [];
const codes = (match: { reasons: Array<{ code: string }> } | undefined): string[] => match?.reasons.map((r) => r.code) ?? [];

describe('matchOfferings: exclusions', () => {
  it.each<[string, Partial<OfferingFacts>, string, string, string]>([
    ['a draft', { status: 'draft' }, 'NOT_PUBLISHED', 'not published yet (draft)', 'inte publicerat än (utkast)'],
    ['a closed offering', { status: 'closed' }, 'CLOSED', 'closed', 'stängt'],
    ['an archived offering', { status: 'archived' }, 'CLOSED', 'archived', 'arkiverat'],
    ['a published offering whose period is over', { endDate: '2026-11-22' }, 'CLOSED', 'ended on 2026-11-22', 'avslutades 2026-11-22'],
    ['a deadline yesterday', { applicationDeadline: '2026-11-22' }, 'DEADLINE_PASSED', 'the application deadline 2026-11-22 has passed', 'sista ansökningsdagen 2026-11-22 har passerat'],
    ['no seats left', { capacity: 12, enrolled: 12 }, 'FULL', 'full: 12 of 12 seats taken', 'fullt: 12 av 12 platser tagna'],
    ['more enrolled than seats', { capacity: 10, enrolled: 11 }, 'FULL', 'full: 11 of 10 seats taken', 'fullt: 11 av 10 platser tagna'],
    ['too many employees', { eligibility: eligibility({ maxEmployees: 5 }) }, 'NOT_ELIGIBLE', 'not eligible: for companies with at most 5 employees', 'uppfyller inte villkoren: för företag med högst 5 anställda'],
    ['a company too old', { eligibility: eligibility({ maxCompanyAgeYears: 3 }) }, 'NOT_ELIGIBLE', 'not eligible: for companies at most 3 years old', 'uppfyller inte villkoren: för företag som är högst 3 år gamla'],
    ['another industry', { eligibility: eligibility({ sniPrefixes: ['55', '56'] }) }, 'NOT_ELIGIBLE', 'not eligible: for industries SNI 55 and SNI 56', 'uppfyller inte villkoren: för branscherna SNI 55 och SNI 56'],
    ['another municipality', { eligibility: eligibility({ municipalityCodes: [ARJEPLOG, '2505'] }) }, 'NOT_ELIGIBLE', 'not eligible: for companies in Arjeplog and Arvidsjaur', 'uppfyller inte villkoren: för företag i Arjeplog och Arvidsjaur'],
    ['on site elsewhere', { municipalityCodes: [ARJEPLOG] }, 'OUTSIDE_AREA', 'outside the area: serves only Arjeplog', 'utanför området: erbjuds bara i Arjeplog'],
    ['hybrid elsewhere', { municipalityCodes: [ARJEPLOG, '2584'], format: 'hybrid' }, 'OUTSIDE_AREA', 'outside the area: serves only Arjeplog and Kiruna', 'utanför området: erbjuds bara i Arjeplog och Kiruna'],
  ])('excludes %s, saying why in English and Swedish', (_what, overrides, reason, en, sv) => {
    const result = matchOfferings(company(), [offering('o1', overrides)], TODAY);
    expect(result.matches).toEqual([]);
    expect(result.excluded).toEqual([{ offeringId: 'o1', reason, text: en, texts: { sv, en } }]);
  });

  it('checks in the order a person would: status, period, deadline, seats, eligibility, area', () => {
    const everything: Partial<OfferingFacts> = { status: 'closed', applicationDeadline: '2026-01-01', capacity: 1, enrolled: 1, municipalityCodes: [ARJEPLOG] };
    expect(explainExclusion(company(), offering('o1', { ...everything, status: 'draft' }), TODAY)?.reason).toBe('NOT_PUBLISHED');
    expect(explainExclusion(company(), offering('o1', everything), TODAY)?.reason).toBe('CLOSED');
    expect(explainExclusion(company(), offering('o1', { ...everything, status: 'published' }), TODAY)?.reason).toBe('DEADLINE_PASSED');
    expect(explainExclusion(company(), offering('o1', { ...everything, status: 'published', applicationDeadline: null }), TODAY)?.reason).toBe('FULL');
    const notEligible = { municipalityCodes: [ARJEPLOG], eligibility: eligibility({ maxEmployees: 1 }) };
    expect(explainExclusion(company(), offering('o1', notEligible), TODAY)?.reason).toBe('NOT_ELIGIBLE');
  });

  it('keeps an offering open on its deadline day, and one with seats left or unlimited seats', () => {
    const result = matchOfferings(
      company(),
      [offering('deadline-today', { applicationDeadline: TODAY }), offering('one-seat-left', { capacity: 3, enrolled: 2 }), offering('unlimited', { enrolled: 500 })],
      TODAY,
    );
    expect(result.excluded).toEqual([]);
    expect(ids(result.matches).sort()).toEqual(['deadline-today', 'one-seat-left', 'unlimited']);
  });

  it('does not exclude on facts the register lacks', () => {
    const unknown = company({ employees: null, foundedYear: null, sniCodes: [] });
    const strict = offering('strict', { eligibility: eligibility({ maxEmployees: 0, maxCompanyAgeYears: 0, sniPrefixes: ['55'] }) });
    expect(matchOfferings(unknown, [strict], TODAY).matches).toHaveLength(1);
  });

  it('accepts a company at the eligibility limits', () => {
    const atLimits = company({ employees: 9, foundedYear: 2023, sniCodes: ['55201', '47520'] });
    const strict = offering('strict', { eligibility: eligibility({ maxEmployees: 9, maxCompanyAgeYears: 3, sniPrefixes: ['4752'], municipalityCodes: [MALA] }) });
    expect(matchOfferings(atLimits, [strict], TODAY).matches).toHaveLength(1);
  });

  it('lets a digital offering reach companies outside the municipalities it serves', () => {
    const digital = offering('digital', { municipalityCodes: [ARJEPLOG], format: 'digital' });
    const [match] = matchOfferings(company(), [digital], TODAY).matches;
    expect(codes(match)).toContain('DIGITAL');
    expect(texts(match)).toContain('digital, open to companies in Malå');
  });

  it('lists only the excluded offerings that address one of the company\'s needs', () => {
    const result = matchOfferings(
      company(),
      [offering('closed-export', { status: 'closed' }), offering('closed-recruitment', { status: 'closed', needs: ['recruitment'] }), offering('recruitment', { needs: ['recruitment'] })],
      TODAY,
    );
    expect(result.excluded.map((e) => e.offeringId)).toEqual(['closed-export']);
    expect(result.matches).toEqual([]);
  });

  it('explains a single offering that shares no need', () => {
    expect(explainExclusion(company(), offering('recruitment', { needs: ['recruitment'] }), TODAY)).toEqual({
      offeringId: 'recruitment',
      reason: 'NO_SHARED_NEED',
      text: 'addresses none of the company\'s needs',
      texts: { sv: 'svarar inte mot något av företagets behov', en: 'addresses none of the company\'s needs' },
    });
    expect(explainExclusion(company(), offering('export'), TODAY)).toBeNull();
  });

  it('matches any offering, and lists every exclusion, for a company that recorded no needs', () => {
    const result = matchOfferings(company({ needs: [] }), [offering('recruitment', { needs: ['recruitment'] }), offering('draft', { status: 'draft', needs: ['budgeting'] })], TODAY);
    expect(ids(result.matches)).toEqual(['recruitment']);
    expect(result.excluded.map((e) => e.reason)).toEqual(['NOT_PUBLISHED']);
  });

  it('sorts the excluded offerings by id', () => {
    const result = matchOfferings(company(), ['c', 'a', 'b'].map((id) => offering(id, { status: 'draft' })), TODAY);
    expect(result.excluded.map((e) => e.offeringId)).toEqual(['a', 'b', 'c']);
  });
});

describe('matchOfferings: scores and reasons', () => {
  it('ranks the priority-1 need above the priority-2 need, and more needs above fewer', () => {
    const result = matchOfferings(
      company(),
      [offering('digitalisation', { needs: ['digitalisation'] }), offering('export'), offering('both', { needs: ['export', 'digitalisation'] })],
      TODAY,
    );
    expect(ids(result.matches)).toEqual(['both', 'export', 'digitalisation']);
  });

  it('explains every component that adds to the score', () => {
    const micro = company({ employees: 4, needs: [{ need: 'export', priority: 1 }] });
    const [match] = matchOfferings(
      micro,
      [offering('fair', { kind: 'network-or-fair', targetGroups: ['micro-companies'], sniCodes: ['47'], municipalityCodes: [MALA], applicationDeadline: '2026-11-28' })],
      TODAY,
    ).matches;
    expect(match!.reasons).toEqual([
      { code: 'ADDRESSES_NEED', text: 'addresses export (priority 1)', texts: { sv: 'svarar mot behovet av export (prioritet 1)', en: 'addresses export (priority 1)' } },
      { code: 'SUITED_KIND', text: 'a network or fair, suited to export', texts: { sv: 'ett nätverk eller en mässa passar för export', en: 'a network or fair, suited to export' } },
      { code: 'TARGET_GROUP', text: 'for micro companies', texts: { sv: 'för mikroföretag', en: 'for micro companies' } },
      { code: 'INDUSTRY', text: 'for retail (SNI 47)', texts: { sv: 'för detaljhandel (SNI 47)', en: 'for retail (SNI 47)' } },
      { code: 'SERVES_MUNICIPALITY', text: 'serves Malå', texts: { sv: 'erbjuds i Malå', en: 'serves Malå' } },
      { code: 'DEADLINE_SOON', text: 'deadline in 5 days', texts: { sv: 'sista ansökningsdag om 5 dagar', en: 'deadline in 5 days' } },
    ]);
    // every component at its best: the score's ceiling
    expect(match!.score).toBe(1);
  });

  it('gives a bare offering only what it earns, with the reasons for it', () => {
    const [match] = matchOfferings(company(), [offering('bare', { needs: ['export'], targetGroups: ['women'], sniCodes: ['55'], municipalityCodes: ['2584'], format: 'digital' })], TODAY).matches;
    expect(codes(match)).toEqual(['ADDRESSES_NEED', 'DIGITAL']);
    expect(match!.score).toBeGreaterThan(0);
    expect(match!.score).toBeLessThan(0.5);
  });

  it('prefers the own municipality over the whole region over digital from elsewhere', () => {
    const result = matchOfferings(
      company(),
      [offering('digital', { municipalityCodes: [ARJEPLOG], format: 'digital' }), offering('region'), offering('local', { municipalityCodes: [MALA, ARJEPLOG] })],
      TODAY,
    );
    expect(ids(result.matches)).toEqual(['local', 'region', 'digital']);
    expect(texts(result.matches[1])).toContain('open to the whole region');
  });

  it('prefers the company\'s industry over every industry over another industry', () => {
    const result = matchOfferings(company(), [offering('tourism', { sniCodes: ['55', '56'] }), offering('any'), offering('retail', { sniCodes: ['47111'] })], TODAY);
    expect(ids(result.matches)).toEqual(['retail', 'any', 'tourism']);
    expect(texts(result.matches[0])).toContain('for retail (SNI 47)');
    expect(texts(result.matches[1])).toContain('open to every industry');
  });

  it('prefers the offering whose audience the company is most of', () => {
    const newcomer = company({ foundedYear: 2025, employees: 0, needs: [{ need: 'start-up', priority: 1 }] });
    const result = matchOfferings(
      newcomer,
      [offering('foreign-born', { needs: ['start-up'], targetGroups: ['foreign-born', 'new-entrepreneurs'] }), offering('new', { needs: ['start-up'], targetGroups: ['new-entrepreneurs'] }), offering('established', { needs: ['start-up'] })],
      TODAY,
    );
    expect(ids(result.matches)).toEqual(['new', 'foreign-born', 'established']);
    expect(texts(result.matches[0])).toContain('for new entrepreneurs');
    expect(codes(result.matches[2])).not.toContain('TARGET_GROUP');
  });

  it('prefers the kind of support that suits the need', () => {
    const financing = company({ needs: [{ need: 'financing', priority: 1 }] });
    const result = matchOfferings(financing, [offering('coaching', { needs: ['financing'] }), offering('loan', { kind: 'loan', needs: ['financing'] })], TODAY);
    expect(ids(result.matches)).toEqual(['loan', 'coaching']);
    expect(texts(result.matches[0])).toContain('a loan, suited to financing');
  });

  it('lifts a close deadline and a close start, and says when', () => {
    const result = matchOfferings(
      company(),
      [
        offering('later', { applicationDeadline: '2027-02-01', startDate: '2027-03-01' }),
        offering('starts', { startDate: '2026-12-05' }),
        offering('today', { applicationDeadline: TODAY }),
        offering('tomorrow', { applicationDeadline: '2026-11-24' }),
        offering('fortnight', { applicationDeadline: '2026-12-07' }),
      ],
      TODAY,
    );
    expect(ids(result.matches)).toEqual(['today', 'tomorrow', 'fortnight', 'starts', 'later']);
    expect(texts(result.matches[0])).toContain('deadline today');
    expect(texts(result.matches[1])).toContain('deadline tomorrow');
    expect(texts(result.matches[2])).toContain('deadline in 14 days');
    expect(texts(result.matches[3])).toContain('starts in 12 days');
    expect(codes(result.matches[4])).not.toContain('DEADLINE_SOON');
  });

  it('breaks ties by the earliest deadline, no deadline last, then by id', () => {
    // the deadlines are all more than 14 days away, so the scores are equal
    const result = matchOfferings(
      company(),
      [
        offering('b-none'),
        offering('a-none'),
        offering('late', { applicationDeadline: '2027-03-01' }),
        offering('early', { applicationDeadline: '2027-01-15' }),
      ],
      TODAY,
    );
    expect(new Set(result.matches.map((m) => m.score)).size).toBe(1);
    expect(ids(result.matches)).toEqual(['early', 'late', 'a-none', 'b-none']);
  });

  it('scores in 0..1 with at most three decimals', () => {
    const needs: CompanyProfile['needs'] = [{ need: 'export', priority: 1 }, { need: 'recruitment', priority: 2 }, { need: 'budgeting', priority: 3 }];
    const result = matchOfferings(company({ needs }), randomOfferings(300, 7), TODAY, { limit: 300 });
    expect(result.matches.length).toBeGreaterThan(10);
    for (const { score } of result.matches) {
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
      expect(Math.round(score * 1000) / 1000).toBe(score);
    }
  });

  it('counts a need recorded twice at its most pressing priority', () => {
    const twice = company({ needs: [{ need: 'export', priority: 3 }, { need: 'export', priority: 1 }] });
    expect(texts(matchOfferings(twice, [offering('export')], TODAY).matches[0])).toContain('addresses export (priority 1)');
  });

  it('returns at most `limit` matches, 10 unless given', () => {
    const many = Array.from({ length: 25 }, (_, i) => offering(`o${String(i).padStart(2, '0')}`));
    expect(matchOfferings(company(), many, TODAY).matches).toHaveLength(10);
    expect(matchOfferings(company(), many, TODAY, { limit: 3 }).matches).toHaveLength(3);
  });

  it.each([0, -1, 2.5, 1_001])('refuses the limit %p', (limit) => {
    expect(() => matchOfferings(company(), [], TODAY, { limit })).toThrow(ValidationError);
    expect(() => topOfferings(new OfferingIndex(), company(), TODAY, limit)).toThrow(ValidationError);
  });

  it.each(['2026-02-30', '23/11/2026', '2026-11-23T10:00:00Z', ''])('refuses the date %p', (today) => {
    try {
      matchOfferings(company(), [], today);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe('today');
    }
  });

  it('is deterministic, whatever the order of the offerings', () => {
    const offerings = randomOfferings(400, 11);
    const first = matchOfferings(company(), offerings, TODAY, { limit: 50 });
    const reversed = matchOfferings(company(), [...offerings].reverse(), TODAY, { limit: 50 });
    expect(reversed).toEqual(first);
    expect(matchOfferings(company(), offerings, TODAY, { limit: 50 })).toEqual(first);
  });
});

describe('company target groups and names', () => {
  it.each<[Partial<CompanyProfile>, string[]]>([
    [{ employees: 4, foundedYear: 2010 }, ['micro-companies', 'established-companies']],
    [{ employees: 10, foundedYear: 2023 }, ['established-companies']],
    [{ employees: 2, foundedYear: 2024 }, ['micro-companies', 'new-entrepreneurs']],
    [{ employees: null, foundedYear: null }, ['new-entrepreneurs']],
    [{ employees: 0, foundedYear: null, ownerGroups: ['women', 'foreign-born'] }, ['micro-companies', 'new-entrepreneurs', 'women', 'foreign-born']],
    [{ employees: 30, foundedYear: null }, []],
  ])('%p belongs to %p', (overrides, groups) => {
    expect(companyTargetGroups(company(overrides), TODAY)).toEqual(groups);
  });

  it('names the municipalities of the region and its partners, and shows other codes as they are', () => {
    expect(municipalityName('2463')).toBe('Åsele');
    expect(municipalityName('0180')).toBe('Stockholm');
    expect(municipalityName('1280')).toBe('1280');
  });
});

// ─── the index ──────────────────────────────────────────────────────────────────────────────────────────────

const PLACES = [MALA, ARJEPLOG, LYCKSELE, '2505', '2421'];
const DATES = ['2026-11-01', '2026-11-22', TODAY, '2026-11-30', '2026-12-20', '2027-02-01', null];

function randomOfferings(count: number, seed: number): OfferingFacts[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const some = <T>(items: readonly T[], max: number): T[] => [...new Set(Array.from({ length: Math.floor(random() * (max + 1)) }, () => pick(items)))];
  return Array.from({ length: count }, (_, i) => {
    const capacity = random() < 0.5 ? null : Math.floor(random() * 10);
    return offering(`offering-${String(i).padStart(4, '0')}`, {
      kind: pick(OFFERING_KINDS),
      status: random() < 0.8 ? 'published' : pick(OFFERING_STATUSES),
      needs: some(NEEDS.slice(0, 6), 3),
      targetGroups: some(TARGET_GROUPS, 2),
      sniCodes: some(['47', '55', '62', '41'], 1),
      municipalityCodes: random() < 0.4 ? [] : some(PLACES, 2),
      format: pick(OFFERING_FORMATS),
      startDate: pick(DATES),
      endDate: random() < 0.1 ? '2026-11-01' : null,
      applicationDeadline: pick(DATES),
      capacity,
      enrolled: capacity === null ? 0 : Math.floor(random() * 12),
      eligibility: eligibility({
        maxEmployees: random() < 0.15 ? pick([0, 5, 9, 49]) : null,
        maxCompanyAgeYears: random() < 0.1 ? pick([1, 3, 5]) : null,
        sniPrefixes: random() < 0.1 ? [pick(['47', '55', '6'])] : [],
        municipalityCodes: random() < 0.1 ? some(PLACES, 2) : [],
      }),
    });
  });
}

function randomCompanies(count: number, seed: number): CompanyProfile[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const needs = [...new Set(Array.from({ length: Math.floor(random() * 4) }, () => pick(NEEDS.slice(0, 6))))];
    return company({
      id: `company-${i}`,
      municipalityCode: pick(PLACES),
      sniCodes: random() < 0.2 ? [] : [pick(['47111', '55101', '62010', '41200', '16100'])],
      employees: random() < 0.2 ? null : Math.floor(random() * 30),
      foundedYear: random() < 0.2 ? null : 1980 + Math.floor(random() * 47),
      ownerGroups: random() < 0.3 ? [pick(['women', 'young-people', 'foreign-born'] as const)] : [],
      needs: needs.map((need: Need, j) => ({ need, priority: (j + 1) as 1 | 2 | 3 })),
    });
  });
}

describe('OfferingIndex', () => {
  it('holds offerings by id: upsert replaces, remove forgets, size counts, iteration yields them', () => {
    const index = new OfferingIndex([offering('a'), offering('b')]);
    expect(index.size).toBe(2);
    index.upsert(offering('a', { needs: ['budgeting'] }));
    expect(index.size).toBe(2);
    expect(index.get('a')?.needs).toEqual(['budgeting']);
    expect(index.remove('b')).toBe(true);
    expect(index.remove('b')).toBe(false);
    expect(index.get('b')).toBeUndefined();
    expect([...index].map((o) => o.id)).toEqual(['a']);
  });

  it('finds as candidates only open offerings sharing a need and reaching the company, each once', () => {
    const index = new OfferingIndex([
      offering('both-needs', { needs: ['export', 'digitalisation'] }),
      offering('local', { municipalityCodes: [MALA] }),
      offering('elsewhere', { municipalityCodes: [ARJEPLOG] }),
      offering('digital-elsewhere', { municipalityCodes: [ARJEPLOG], format: 'digital' }),
      offering('other-need', { needs: ['recruitment'] }),
      offering('draft', { status: 'draft' }),
      offering('full', { capacity: 2, enrolled: 2 }),
    ]);
    expect(index.candidates(company()).map((o) => o.id).sort()).toEqual(['both-needs', 'digital-elsewhere', 'local']);
    expect(index.candidates(company({ needs: [] })).map((o) => o.id).sort()).toEqual(['both-needs', 'digital-elsewhere', 'local', 'other-need']);
  });

  it('follows changes: an offering that fills up, reopens, moves or is removed', () => {
    const index = new OfferingIndex([offering('o1', { capacity: 5, enrolled: 1 })]);
    expect(ids(topOfferings(index, company(), TODAY))).toEqual(['o1']);
    index.upsert(offering('o1', { capacity: 5, enrolled: 5 }));
    expect(topOfferings(index, company(), TODAY)).toEqual([]);
    expect(matchOfferings(company(), index, TODAY).excluded.map((e) => e.reason)).toEqual(['FULL']);
    index.upsert(offering('o1', { capacity: 6, enrolled: 5, municipalityCodes: [ARJEPLOG] }));
    expect(topOfferings(index, company(), TODAY)).toEqual([]);
    expect(ids(topOfferings(index, company({ municipalityCode: ARJEPLOG }), TODAY))).toEqual(['o1']);
    index.remove('o1');
    expect(topOfferings(index, company({ municipalityCode: ARJEPLOG }), TODAY)).toEqual([]);
  });

  it('ranks as brute force does, on random data and after random changes', () => {
    const offerings = randomOfferings(1_000, 1);
    const index = new OfferingIndex(offerings);
    const companies = randomCompanies(80, 2);
    const compare = (all: OfferingFacts[]): void => {
      for (const c of companies) {
        const brute = matchOfferings(c, all, TODAY, { limit: 15 });
        // small limits fill the top early, so that whole lists of less pressing needs are passed over
        for (const limit of [1, 3, 15]) expect(topOfferings(index, c, TODAY, limit)).toEqual(brute.matches.slice(0, limit));
        expect(matchOfferings(c, index, TODAY, { limit: 15 })).toEqual(brute);
      }
    };
    compare(offerings);

    const changed = randomOfferings(1_000, 3);
    const current = new Map(offerings.map((o) => [o.id, o]));
    changed.forEach((o, i) => {
      if (i % 5 === 0) {
        index.upsert(o);
        current.set(o.id, o);
      } else if (i % 17 === 0) {
        index.remove(o.id);
        current.delete(o.id);
      }
    });
    compare([...current.values()]);
  });
});

// ─── companies ──────────────────────────────────────────────────────────────────────────────────────────────

describe('matchCompanies', () => {
  const lodge = company({
    id: 'lodge',
    municipalityCode: ARJEPLOG,
    sniCodes: ['55201'],
    needs: [{ need: 'suppliers', priority: 1 }, { need: 'industry-cooperation', priority: 2 }],
    offers: ['Guided tours', 'accommodation'],
    seeks: ['Lokal mat', 'transport'],
  });

  it('matches what one offers with what the other seeks, both ways, case and Swedish letters folded', () => {
    const farm = company({ id: 'farm', municipalityCode: ARJEPLOG, sniCodes: ['01410'], needs: [], offers: ['lokal  MAT'], seeks: ['guided tours'] });
    const [match] = matchCompanies(lodge, [farm]);
    expect(match?.companyId).toBe('farm');
    expect(match?.reasons.slice(0, 2)).toEqual([
      { code: 'OFFERS_WHAT_YOU_SEEK', text: 'offers lokal  MAT, which you seek', texts: { sv: 'erbjuder lokal  MAT, som ni söker', en: 'offers lokal  MAT, which you seek' } },
      { code: 'SEEKS_WHAT_YOU_OFFER', text: 'seeks guided tours, which you offer', texts: { sv: 'söker guided tours, som ni erbjuder', en: 'seeks guided tours, which you offer' } },
    ]);
    const folded = company({ id: 'folded', offers: ['Trävaror'], needs: [] });
    expect(matchCompanies(company({ seeks: ['travaror'], needs: [] }), [folded])[0]?.reasons[0]?.code).toBe('OFFERS_WHAT_YOU_SEEK');
  });

  it('finds complementary industries, IT for digitalisation, and the same industry for industry cooperation', () => {
    const shop = company({ id: 'shop', municipalityCode: ARJEPLOG, sniCodes: ['47111'], needs: [] });
    const it = company({ id: 'it', municipalityCode: ARJEPLOG, sniCodes: ['62010'], needs: [] });
    const hotel = company({ id: 'hotel', municipalityCode: ARJEPLOG, sniCodes: ['55101'], needs: [] });
    const digitalising = { ...lodge, needs: [...lodge.needs, { need: 'digitalisation' as const, priority: 3 as const }] };
    const matches = matchCompanies(digitalising, [shop, it, hotel]);
    const byId = new Map(matches.map((m) => [m.companyId, m]));
    expect(texts(byId.get('shop'))).toContain('complementary industry: retail (SNI 47)');
    expect(texts(byId.get('it'))).toContain('IT services (SNI 62), for your digitalisation');
    expect(texts(byId.get('hotel'))).toContain('same industry: accommodation (SNI 55), for industry cooperation');
    expect(texts(matchCompanies(it, [company({ id: 'd', needs: [{ need: 'digitalisation', priority: 1 }] })])[0])).toContain('needs digitalisation, which your IT company offers');
  });

  it('names shared needs and gives a mild bonus for another municipality when new suppliers or markets are sought', () => {
    const here = company({ id: 'here', municipalityCode: ARJEPLOG, sniCodes: ['86230'], needs: [{ need: 'suppliers', priority: 1 }] });
    const there = { ...here, id: 'there', municipalityCode: MALA };
    const matches = matchCompanies(lodge, [here, there]);
    expect(matches.map((m) => m.companyId)).toEqual(['there', 'here']);
    expect(texts(matches[0])).toEqual(['also working on finding suppliers', 'in Malå, another municipality']);
    expect(matches[0]!.score).toBeGreaterThan(matches[1]!.score);
    // without a need for suppliers or markets, the place adds nothing
    const cooperating = { ...lodge, needs: [{ need: 'recruitment' as const, priority: 1 as const }] };
    const places = matchCompanies(cooperating, [{ ...here, needs: cooperating.needs }, { ...there, needs: cooperating.needs }]);
    expect(places.map((m) => m.score)).toEqual([places[0]!.score, places[0]!.score]);
  });

  it('never matches a company with itself, nor without a reason beyond its place', () => {
    const copy = { ...lodge };
    const stranger = company({ id: 'stranger', municipalityCode: MALA, sniCodes: ['86230'], needs: [{ need: 'budgeting', priority: 1 }], offers: ['dental care'], seeks: ['dentists'] });
    expect(matchCompanies(lodge, [lodge, copy, stranger])).toEqual([]);
  });

  it('ranks by score, then id, and keeps `limit`', () => {
    const others = ['c', 'a', 'b'].map((id) => company({ id, sniCodes: ['47111'], needs: [], offers: [], seeks: [] }));
    const matches = matchCompanies(lodge, others, { limit: 2 });
    expect(matches.map((m) => m.companyId)).toEqual(['a', 'b']);
    const scores = matchCompanies(lodge, randomCompanies(60, 5), { limit: 60 }).map((m) => m.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    for (const score of scores) expect(score).toBeLessThanOrEqual(1);
  });
});

// ─── advisers ───────────────────────────────────────────────────────────────────────────────────────────────

describe('matchAdvisers', () => {
  const adviser = (contactId: string, expertise: Need[], municipalityCode = LYCKSELE): AdviserProfile => ({ organisationId: 'org-almi', contactId, expertise, municipalityCode });

  it('ranks by expertise in the most pressing needs, with a bonus for the same municipality, and explains it', () => {
    const matches = matchAdvisers(company(), [
      adviser('digital', ['digitalisation']),
      adviser('export', ['export']),
      adviser('both', ['export', 'digitalisation']),
      adviser('local-digital', ['digitalisation'], MALA),
      adviser('none', ['recruitment'], MALA),
    ]);
    expect(matches.map((m) => m.contactId)).toEqual(['both', 'export', 'local-digital', 'digital']);
    expect(texts(matches[0])).toEqual(['advises on export (priority 1)', 'advises on digitalisation (priority 2)']);
    expect(texts(matches[2])).toContain('in Malå, the company\'s municipality');
    expect(matches[2]!.score).toBeGreaterThan(matches[3]!.score);
  });

  it('matches no adviser for a company without needs, and orders ties by organisation and contact', () => {
    expect(matchAdvisers(company({ needs: [] }), [adviser('a', ['export'])])).toEqual([]);
    const tied = matchAdvisers(company(), [
      { ...adviser('b', ['export']), organisationId: 'org-b' },
      { ...adviser('b', ['export']), organisationId: 'org-a' },
      { ...adviser('a', ['export']), organisationId: 'org-b' },
    ]);
    expect(tied.map((m) => `${m.organisationId}/${m.contactId}`)).toEqual(['org-a/b', 'org-b/a', 'org-b/b']);
  });
});

// ─── languages ──────────────────────────────────────────────────────────────────────────────────────────────

describe('reasons in Swedish and English', () => {
  it('words every offering reason in both languages from the same facts, with Swedish lists and day counts', () => {
    const newcomer = company({ foundedYear: 2025, employees: 2, ownerGroups: ['women'], needs: [{ need: 'financing', priority: 2 }, { need: 'start-up', priority: 1 }] });
    const [local, region, digital] = matchOfferings(
      newcomer,
      [
        offering('local', { kind: 'loan', needs: ['financing', 'start-up'], targetGroups: ['new-entrepreneurs', 'micro-companies', 'women'], municipalityCodes: [MALA], applicationDeadline: TODAY }),
        offering('region', { kind: 'start-up-advice', needs: ['start-up'], sniCodes: ['47'], applicationDeadline: '2026-11-24' }),
        offering('digital', { needs: ['financing'], municipalityCodes: [ARJEPLOG], format: 'digital', startDate: '2026-12-05' }),
      ],
      TODAY,
    ).matches;
    expect(bilingual(local)).toEqual([
      'ADDRESSES_NEED: svarar mot behovet av nyföretagande (prioritet 1) | addresses starting up (priority 1)',
      'ADDRESSES_NEED: svarar mot behovet av finansiering (prioritet 2) | addresses financing (priority 2)',
      'SUITED_KIND: ett lån passar för finansiering | a loan, suited to financing',
      'TARGET_GROUP: för nya företagare, mikroföretag och kvinnor som driver företag | for new entrepreneurs, micro companies and women entrepreneurs',
      'INDUSTRY: öppet för alla branscher | open to every industry',
      'SERVES_MUNICIPALITY: erbjuds i Malå | serves Malå',
      'DEADLINE_SOON: sista ansökningsdag i dag | deadline today',
    ]);
    expect(bilingual(region)).toEqual([
      'ADDRESSES_NEED: svarar mot behovet av nyföretagande (prioritet 1) | addresses starting up (priority 1)',
      'SUITED_KIND: nyföretagarrådgivning passar för nyföretagande | start-up advice, suited to starting up',
      'INDUSTRY: för detaljhandel (SNI 47) | for retail (SNI 47)',
      'WHOLE_REGION: öppet för hela regionen | open to the whole region',
      'DEADLINE_SOON: sista ansökningsdag i morgon | deadline tomorrow',
    ]);
    expect(bilingual(digital)).toEqual([
      'ADDRESSES_NEED: svarar mot behovet av finansiering (prioritet 2) | addresses financing (priority 2)',
      'INDUSTRY: öppet för alla branscher | open to every industry',
      'DIGITAL: digitalt, öppet för företag i Malå | digital, open to companies in Malå',
      'STARTS_SOON: startar om 12 dagar | starts in 12 days',
    ]);
  });

  it('names an industry without a name of its own by its SNI number in both languages', () => {
    const [match] = matchOfferings(company({ sniCodes: ['99000'] }), [offering('o1', { sniCodes: ['99'] })], TODAY).matches;
    expect(bilingual(match)).toContain('INDUSTRY: för SNI 99 | for SNI 99');
  });

  it('words every company reason in both languages', () => {
    const lodge = company({ id: 'lodge', municipalityCode: ARJEPLOG, sniCodes: ['55201'], needs: [{ need: 'suppliers', priority: 1 }, { need: 'export', priority: 2 }, { need: 'digitalisation', priority: 3 }], offers: ['boende'], seeks: ['ved', 'lokal mat'] });
    const farm = company({ id: 'farm', municipalityCode: MALA, sniCodes: ['01410'], needs: [{ need: 'export', priority: 1 }, { need: 'suppliers', priority: 2 }], offers: ['Ved', 'lokal mat'], seeks: ['boende'] });
    expect(bilingual(matchCompanies(lodge, [farm])[0])).toEqual([
      'OFFERS_WHAT_YOU_SEEK: erbjuder Ved och lokal mat, som ni söker | offers Ved and lokal mat, which you seek',
      'SEEKS_WHAT_YOU_OFFER: söker boende, som ni erbjuder | seeks boende, which you offer',
      'COMPLEMENTARY_INDUSTRY: kompletterande bransch: jordbruk (SNI 01) | complementary industry: agriculture (SNI 01)',
      'SHARED_NEED: arbetar också med export och att hitta leverantörer | also working on export and finding suppliers',
      'OTHER_MUNICIPALITY: i Malå, en annan kommun | in Malå, another municipality',
    ]);
    const it = company({ id: 'it', municipalityCode: ARJEPLOG, sniCodes: ['62010'], needs: [] });
    expect(bilingual(matchCompanies(lodge, [it])[0])).toEqual(['COMPLEMENTARY_INDUSTRY: IT-konsulter och programmering (SNI 62), för er digitalisering | IT services (SNI 62), for your digitalisation']);
    expect(bilingual(matchCompanies(it, [lodge])[0])).toEqual(['COMPLEMENTARY_INDUSTRY: behöver digitalisering, som ert IT-företag erbjuder | needs digitalisation, which your IT company offers']);
    const cooperating = company({ id: 'hotel', municipalityCode: ARJEPLOG, sniCodes: ['55101'], needs: [{ need: 'industry-cooperation', priority: 1 }] });
    expect(bilingual(matchCompanies(cooperating, [{ ...cooperating, id: 'other-hotel', needs: [] }])[0])).toEqual([
      'SAME_INDUSTRY: samma bransch: hotell och logi (SNI 55), för samverkan inom branschen | same industry: accommodation (SNI 55), for industry cooperation',
    ]);
  });

  it('words every adviser reason in both languages', () => {
    const [match] = matchAdvisers(company(), [{ organisationId: 'org-almi', contactId: 'c1', expertise: ['export', 'digitalisation'], municipalityCode: MALA }]);
    expect(bilingual(match)).toEqual([
      'EXPERTISE: ger råd om export (prioritet 1) | advises on export (priority 1)',
      'EXPERTISE: ger råd om digitalisering (prioritet 2) | advises on digitalisation (priority 2)',
      'SAME_MUNICIPALITY: i Malå, företagets kommun | in Malå, the company\'s municipality',
    ]);
  });

  it('words a single exclusion in both languages, as the list does', () => {
    const full = offering('full', { capacity: 3, enrolled: 3 });
    expect(explainExclusion(company(), full, TODAY)).toEqual(matchOfferings(company(), [full], TODAY).excluded[0]);
    expect(explainExclusion(company(), full, TODAY)?.texts).toEqual({ sv: 'fullt: 3 av 3 platser tagna', en: 'full: 3 of 3 seats taken' });
  });
});
