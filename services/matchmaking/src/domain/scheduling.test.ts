import { ValidationError } from '@hub/shared/errors';
import { generateEvent } from '../../bench/scheduling';
import { MAX_REQUESTS_PER_PARTICIPANT, schedule, unmetTextsOfSentence, validateRequests, verifySchedule, type MeetingRequest, type ScheduleInput } from './scheduling';

const ASKER_BUSY = { sv: 'Företaget som önskade mötet har möten i alla pass', en: 'The company that asked has a meeting in every slot' };
const ASKED_BUSY = { sv: 'Det önskade företaget har möten i alla pass', en: 'The company asked for has a meeting in every slot' };
const NO_COMMON_SLOT = { sv: 'Inget pass där båda är lediga', en: 'No slot in which both are free' };
const TABLES_FULL = { sv: 'Alla bord är upptagna i de pass där båda är lediga', en: 'Every slot in which both are free has all its tables taken' };

function expectValidationError(run: () => unknown, message: string | RegExp, field: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ValidationError);
  const error = thrown as ValidationError;
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  expect(error.field).toBe(field);
}

/** Every unordered pair of the participants, requested once by the first of the two. */
function allPairs(participants: string[]): MeetingRequest[] {
  return participants.flatMap((from, i) => participants.slice(i + 1).map((to) => ({ from, to })));
}

function run(input: ScheduleInput): ReturnType<typeof schedule> {
  const result = schedule(input);
  expect(verifySchedule(input, result.meetings)).toEqual([]);
  expect(result.stats.met + result.unmet.length).toBe(result.stats.requested);
  return result;
}

/** How many meetings each participant has. */
function meetingCounts(result: ReturnType<typeof schedule>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of result.meetings) for (const p of [m.a, m.b]) counts.set(p, (counts.get(p) ?? 0) + 1);
  return counts;
}

function maxDegree(requests: MeetingRequest[]): number {
  const partners = new Map<string, Set<string>>();
  for (const { from, to } of requests) {
    for (const [x, y] of [[from, to], [to, from]] as const) partners.set(x, (partners.get(x) ?? new Set()).add(y));
  }
  return Math.max(...[...partners.values()].map((s) => s.size));
}

describe('validateRequests', () => {
  const participants = ['c-1', 'c-2', 'c-3'];

  it('accepts requests between participants, and the same pair asked for by both sides', () => {
    expect(() => validateRequests(participants, [{ from: 'c-1', to: 'c-2' }, { from: 'c-2', to: 'c-1' }, { from: 'c-3', to: 'c-1' }])).not.toThrow();
  });

  it('refuses a meeting with oneself', () => {
    expectValidationError(() => validateRequests(participants, [{ from: 'c-1', to: 'c-2' }, { from: 'c-3', to: 'c-3' }]), 'A participant cannot request a meeting with itself', 'requests[1].to');
  });

  it('names the non-participant and where it is', () => {
    expectValidationError(() => validateRequests(participants, [{ from: 'c-9', to: 'c-1' }]), 'c-9 is not a participant', 'requests[0].from');
    expectValidationError(() => validateRequests(participants, [{ from: 'c-1', to: 'c-2' }, { from: 'c-1', to: 'c-8' }]), 'c-8 is not a participant', 'requests[1].to');
  });

  it('refuses the same request made twice by one side', () => {
    expectValidationError(() => validateRequests(participants, [{ from: 'c-1', to: 'c-2' }, { from: 'c-1', to: 'c-2' }]), 'c-1 requests a meeting with c-2 twice', 'requests[1].to');
  });

  it(`refuses more than ${MAX_REQUESTS_PER_PARTICIPANT} requests from one participant`, () => {
    const many = Array.from({ length: MAX_REQUESTS_PER_PARTICIPANT + 2 }, (_, i) => `c-${i}`);
    const requests = many.slice(1).map((to) => ({ from: 'c-0', to }));
    expectValidationError(() => validateRequests(many, requests), `c-0 requests more than ${MAX_REQUESTS_PER_PARTICIPANT} meetings`, `requests[${MAX_REQUESTS_PER_PARTICIPANT}]`);
    expect(() => validateRequests(many, requests.slice(0, MAX_REQUESTS_PER_PARTICIPANT))).not.toThrow();
  });

  it('refuses a preference that is not a whole number from 1', () => {
    for (const preference of [0, 1.5, -1]) {
      expectValidationError(() => validateRequests(participants, [{ from: 'c-1', to: 'c-2', preference }]), 'A preference is a whole number, 1 for the most wanted', 'requests[0].preference');
    }
  });

  it('refuses a participant listed twice or an empty id', () => {
    expectValidationError(() => validateRequests(['c-1', 'c-2', 'c-1'], []), 'c-1 is listed twice', 'participants[2]');
    expectValidationError(() => validateRequests(['c-1', ''], []), 'A participant id is required', 'participants[1]');
  });
});

describe('schedule', () => {
  it('refuses impossible slots and tables', () => {
    const base: ScheduleInput = { participants: ['a', 'b'], requests: [{ from: 'a', to: 'b' }], slots: 2, tablesPerSlot: null };
    expectValidationError(() => schedule({ ...base, slots: 0 }), /slots/, 'slots');
    expectValidationError(() => schedule({ ...base, slots: 1.5 }), /slots/, 'slots');
    expectValidationError(() => schedule({ ...base, tablesPerSlot: 0 }), /Tables per slot/, 'tablesPerSlot');
    expectValidationError(() => schedule({ ...base, requests: [{ from: 'a', to: 'a' }] }), 'A participant cannot request a meeting with itself', 'requests[0].to');
  });

  it('gives a participant all its meetings in different slots when there are enough', () => {
    const result = run({ participants: ['a', 'b', 'c', 'd'], requests: [{ from: 'a', to: 'b' }, { from: 'a', to: 'c' }, { from: 'a', to: 'd' }], slots: 3, tablesPerSlot: null });
    expect(result.stats).toEqual({ requested: 3, met: 3, mutual: 0 });
    expect(new Set(result.meetings.map((m) => m.slot))).toEqual(new Set([0, 1, 2]));
    expect(result.unmet).toEqual([]);
  });

  it('meets a request made by both sides once, counting it twice', () => {
    const result = run({ participants: ['a', 'b'], requests: [{ from: 'b', to: 'a' }, { from: 'a', to: 'b' }], slots: 2, tablesPerSlot: null });
    expect(result.meetings).toEqual([{ slot: 0, a: 'a', b: 'b', requestedBy: ['a', 'b'] }]);
    expect(result.stats).toEqual({ requested: 2, met: 2, mutual: 1 });
  });

  it('needs three slots for three companies that all want to meet (Δ + 1), and meets two pairs in two', () => {
    const input: ScheduleInput = { participants: ['a', 'b', 'c'], requests: allPairs(['a', 'b', 'c']), slots: 2, tablesPerSlot: null };
    const two = run(input);
    expect(two.meetings).toHaveLength(2);
    expect(two.unmet).toHaveLength(1);
    expect(two.unmet[0]!.reason).toMatch(/has a meeting in every slot|No slot in which both are free/);
    expect(run({ ...input, slots: 3 }).meetings).toHaveLength(3);
  });

  it('meets the known optimum of five companies that all want to meet: 8 meetings in 4 slots, all 10 in 5', () => {
    const participants = ['a', 'b', 'c', 'd', 'e'];
    const input: ScheduleInput = { participants, requests: allPairs(participants), slots: 4, tablesPerSlot: null };
    // at most two meetings per slot among five
    expect(run(input).meetings).toHaveLength(8);
    expect(run({ ...input, slots: 5 }).meetings).toHaveLength(10);
  });

  it('meets every request of a buyers-and-sellers day in as many slots as the busiest has meetings (König)', () => {
    const buyers = Array.from({ length: 30 }, (_, i) => `buyer-${i}`);
    const sellers = Array.from({ length: 30 }, (_, i) => `seller-${i}`);
    // each buyer asks for 5 sellers, spread so that some sellers are asked for more than others
    const requests = buyers.flatMap((from, i) => [0, 1, 2, 3, 4].map((k) => ({ from, to: sellers[(i * 7 + k * k * 3 + (i % 4) * k) % 30]! })));
    const unique = [...new Map(requests.map((r) => [`${r.from}>${r.to}`, r])).values()];
    const slots = maxDegree(unique);
    const result = run({ participants: [...buyers, ...sellers], requests: unique, slots, tablesPerSlot: null });
    expect(result.unmet).toEqual([]);
    expect(result.stats.met).toBe(unique.length);
  });

  it('meets every request of a random day when slots are Δ + 1 (Vizing)', () => {
    const event = generateEvent(42, 60, 5, 0.3);
    const result = run({ ...event, slots: maxDegree(event.requests) + 1, tablesPerSlot: null });
    expect(result.unmet).toEqual([]);
  });

  it('drops the least wanted requests of a participant with more requests than slots', () => {
    const participants = ['a', 'b', 'c', 'd', 'e', 'f'];
    const requests = ['b', 'c', 'd', 'e', 'f'].map((to) => ({ from: 'a', to }));
    const result = run({ participants, requests, slots: 3, tablesPerSlot: null });
    expect(result.meetings.map((m) => m.b).sort()).toEqual(['b', 'c', 'd']);
    expect(result.unmet).toEqual([
      { from: 'a', to: 'e', reason: 'a has a meeting in every slot', texts: ASKER_BUSY },
      { from: 'a', to: 'f', reason: 'a has a meeting in every slot', texts: ASKER_BUSY },
    ]);
  });

  it('follows explicit preferences over the order of the requests', () => {
    const requests = [{ from: 'a', to: 'b', preference: 2 }, { from: 'a', to: 'c', preference: 1 }];
    expect(run({ participants: ['a', 'b', 'c'], requests, slots: 1, tablesPerSlot: null }).meetings).toEqual([{ slot: 0, a: 'a', b: 'c', requestedBy: ['a'] }]);
  });

  it('prefers a mutual meeting, which meets two requests, to a one-sided one', () => {
    const requests = [{ from: 'c', to: 'a' }, { from: 'a', to: 'b' }, { from: 'b', to: 'a' }];
    const result = run({ participants: ['a', 'b', 'c'], requests, slots: 1, tablesPerSlot: null });
    expect(result.meetings).toEqual([{ slot: 0, a: 'a', b: 'b', requestedBy: ['a', 'b'] }]);
    expect(result.stats).toEqual({ requested: 3, met: 2, mutual: 1 });
  });

  it('gives up a first choice for two meetings (an augmenting path)', () => {
    // b's meeting with a would leave c and d without one; c–b and a–d meet two requests
    const requests = [{ from: 'a', to: 'b' }, { from: 'a', to: 'd' }, { from: 'c', to: 'b' }];
    const result = run({ participants: ['a', 'b', 'c', 'd'], requests, slots: 1, tablesPerSlot: null });
    expect(result.meetings.map((m) => `${m.a}-${m.b}`).sort()).toEqual(['a-d', 'b-c']);
  });

  it('gives a meeting to a participant that would have none when as many requests are met (fairness before preference)', () => {
    // y's first choice w1 has another meeting anyway; taking y's second choice w2 instead leaves nobody without one
    const requests = [{ from: 'y', to: 'w1' }, { from: 'y', to: 'w2' }, { from: 'w1', to: 'x' }, { from: 'z', to: 'y' }];
    const result = run({ participants: ['y', 'w1', 'w2', 'x', 'z'], requests, slots: 2, tablesPerSlot: null });
    expect(result.stats.met).toBe(3);
    expect([...meetingCounts(result).keys()].sort()).toEqual(['w1', 'w2', 'x', 'y', 'z']);
    expect(result.unmet).toEqual([{ from: 'y', to: 'w1', reason: 'y has a meeting in every slot', texts: ASKER_BUSY }]);
  });

  it('says, from the asker\'s side, that the company it asked for is busy', () => {
    const result = run({ participants: ['a', 'b', 'x'], requests: [{ from: 'b', to: 'a' }, { from: 'x', to: 'a' }], slots: 1, tablesPerSlot: null });
    expect(result.unmet).toHaveLength(1);
    expect(result.unmet[0]).toMatchObject({ to: 'a', reason: 'a has a meeting in every slot', texts: ASKED_BUSY });
  });

  it('words the reasons of schedules stored before reasons had texts from their English sentence', () => {
    expect(unmetTextsOfSentence('a has a meeting in every slot', 'a')).toEqual(ASKER_BUSY);
    expect(unmetTextsOfSentence('b has a meeting in every slot', 'a')).toEqual(ASKED_BUSY);
    expect(unmetTextsOfSentence('No slot in which both are free', 'a')).toEqual(NO_COMMON_SLOT);
    expect(unmetTextsOfSentence('Every slot in which both are free has all its tables taken', 'a')).toEqual(TABLES_FULL);
    expect(unmetTextsOfSentence('Something else', 'a')).toEqual({ sv: 'Something else', en: 'Something else' });
  });

  it('keeps to the tables of each slot', () => {
    const participants = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const requests = [{ from: 'a', to: 'b' }, { from: 'c', to: 'd' }, { from: 'e', to: 'f' }, { from: 'g', to: 'h' }];
    const limited = run({ participants, requests, slots: 2, tablesPerSlot: 1 });
    expect(limited.meetings.map((m) => m.slot).sort()).toEqual([0, 1]);
    expect(limited.unmet.map((u) => u.reason)).toEqual(['Every slot in which both are free has all its tables taken', 'Every slot in which both are free has all its tables taken']);
    expect(limited.unmet.map((u) => u.texts)).toEqual([TABLES_FULL, TABLES_FULL]);
    expect(run({ participants, requests, slots: 2, tablesPerSlot: 2 }).meetings).toHaveLength(4);
  });

  it('moves a meeting to another slot to free a table', () => {
    // three companies that all want to meet need the three slots; with two tables each, every slot also holds one
    // of the three other meetings, and the greedy order fills slot 1 before g–a, the last, can only go there
    const requests = [{ from: 'g', to: 'f' }, { from: 'd', to: 'j' }, { from: 'a', to: 'f' }, { from: 'b', to: 'i' }, { from: 'h', to: 'e' }, { from: 'g', to: 'a' }];
    const result = run({ participants: ['a', 'b', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], requests, slots: 3, tablesPerSlot: 2 });
    expect(result.unmet).toEqual([]);
  });

  it.each([
    ['a swap of two slots along a chain', 2, [['d', 'e'], ['f', 'c'], ['c', 'e'], ['d', 'b']]],
    ['a rotation of one participant’s meetings', 3, [['e', 'c'], ['d', 'a'], ['c', 'a'], ['d', 'b'], ['c', 'd']]],
  ] as const)('meets every request in a few slots that the greedy order alone fills badly, by %s', (_, slots, pairs) => {
    const requests = pairs.map(([from, to]) => ({ from, to }));
    const result = run({ participants: ['a', 'b', 'c', 'd', 'e', 'f'], requests, slots, tablesPerSlot: null });
    expect(result.unmet).toEqual([]);
  });

  it('is deterministic', () => {
    const event = generateEvent(7, 80, 6, 0.3);
    const input: ScheduleInput = { ...event, slots: 8, tablesPerSlot: 25 };
    expect(schedule(input)).toEqual(schedule(input));
  });

  it('schedules 200 participants with 6 requests each in 12 slots without a conflict', () => {
    const event = generateEvent(20_260_101, 200, 6, 0.3);
    for (const tablesPerSlot of [null, 40]) {
      const result = run({ ...event, slots: 12, tablesPerSlot });
      expect(result.stats.requested).toBe(1200);
      expect(meetingCounts(result).size).toBe(200);
      if (tablesPerSlot === null) expect(result.stats.met).toBeGreaterThan(1100);
      // every table taken, and the mutual meetings, worth two requests each, all among them
      else expect(result.meetings).toHaveLength(480);
    }
  });
});

describe('verifySchedule', () => {
  const input: ScheduleInput = { participants: ['a', 'b', 'c'], requests: [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }], slots: 2, tablesPerSlot: 1 };

  it('finds every broken constraint', () => {
    const violations = verifySchedule(input, [
      { slot: 0, a: 'a', b: 'b', requestedBy: ['a'] },
      { slot: 0, a: 'b', b: 'c', requestedBy: ['b'] },
      { slot: 1, a: 'a', b: 'b', requestedBy: ['a'] },
      { slot: 2, a: 'a', b: 'c', requestedBy: ['a'] },
      { slot: 1, a: 'x', b: 'x', requestedBy: ['x'] },
    ]);
    expect(violations).toEqual([
      'meetings[1]: b has two meetings in slot 0',
      'meetings[1]: slot 0 has more meetings than its 1 tables',
      'meetings[2]: a and b meet twice',
      'meetings[3]: slot 2 is outside 0..1',
      'meetings[3]: nobody requested a meeting of a and c',
      'meetings[4]: x is not a participant',
      'meetings[4]: x meets itself',
      'meetings[4]: slot 1 has more meetings than its 1 tables',
      'meetings[4]: nobody requested a meeting of x and x',
    ]);
  });

  it('accepts a valid timetable', () => {
    expect(verifySchedule(input, [{ slot: 1, a: 'a', b: 'b', requestedBy: ['a'] }, { slot: 0, a: 'b', b: 'c', requestedBy: ['b'] }])).toEqual([]);
  });
});
