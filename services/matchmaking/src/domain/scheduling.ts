import { ValidationError } from '@hub/shared/errors';
import type { LocalisedText } from './model';

/**
 * Partner-meeting events (North Business Arena's matchmaking days): participants ask to meet each other, and the
 * day is cut into slots in which everyone sits at one table at most. Building the timetable is edge colouring:
 * a requested pair is an edge, a slot is a colour, and no participant may have two meetings of one colour.
 *
 * How many slots a timetable needs: bipartite request graphs (buyers meeting sellers) can always be coloured
 * with Δ slots, Δ being the most meetings anyone asked for or was asked for (König); any graph can be coloured
 * with Δ + 1 (Vizing), and some need it: three companies that all want to meet each other need three slots,
 * though each has only two meetings. So with slots >= Δ + 1 and enough tables every request is met; with fewer,
 * the best timetable may have to drop some, and finding it is NP-hard in general, hence the heuristic below.
 */

/** A participant asks for at most this many meetings: a matchmaking day has about a dozen slots. */
export const MAX_REQUESTS_PER_PARTICIPANT = 10;
/** A full day of 10-minute meetings is about 50 slots; the cap keeps the search bounded. */
export const MAX_SLOTS = 100;

export interface MeetingRequest {
  from: string;
  to: string;
  /** 1 is the most wanted; when absent, the request's place among its sender's requests (1-based). */
  preference?: number;
}

export interface ScheduleInput {
  participants: string[];
  requests: MeetingRequest[];
  slots: number;
  /** Meetings that can run at once; null = unlimited. */
  tablesPerSlot: number | null;
}

export interface ScheduledMeeting {
  /** 0-based */
  slot: number;
  /** a comes before b in the list of participants */
  a: string;
  b: string;
  /** Who asked for the meeting: one participant, or both when the request was mutual. */
  requestedBy: string[];
}

export interface UnmetRequest {
  from: string;
  to: string;
  /** In English, naming the busy participant by id, as the graph gave it before it gave `texts`. */
  reason: string;
  /** The reason in both languages, as the request's asker sees it: no ids, the request names both companies. */
  texts: LocalisedText;
}

export interface ScheduleStats {
  /** Requests made (a mutual pair is two requests). */
  requested: number;
  /** Requests satisfied: a meeting requested by both sides satisfies two. */
  met: number;
  /** Meetings requested by both sides. */
  mutual: number;
}

export interface Schedule {
  /** Ordered by slot, then by the participants' order. */
  meetings: ScheduledMeeting[];
  unmet: UnmetRequest[];
  stats: ScheduleStats;
}

/**
 * Checks the participants and requests; throws the first problem. A request made by both sides is fine: one
 * meeting satisfies both. The same request made twice by one side is a mistake in the input.
 */
export function validateRequests(participants: readonly string[], requests: readonly MeetingRequest[]): void {
  const known = new Set<string>();
  participants.forEach((id, i) => {
    if (typeof id !== 'string' || id.length === 0) throw new ValidationError({ en: 'A participant id is required', sv: 'Deltagarens id måste anges' }, `participants[${i}]`);
    if (known.has(id)) throw new ValidationError({ en: `${id} is listed twice`, sv: `${id} finns med två gånger` }, `participants[${i}]`);
    known.add(id);
  });
  const seen = new Set<string>();
  const perSender = new Map<string, number>();
  requests.forEach((request, i) => {
    if (!known.has(request.from)) throw new ValidationError({ en: `${request.from} is not a participant`, sv: `${request.from} är inte deltagare` }, `requests[${i}].from`);
    if (!known.has(request.to)) throw new ValidationError({ en: `${request.to} is not a participant`, sv: `${request.to} är inte deltagare` }, `requests[${i}].to`);
    if (request.from === request.to) throw new ValidationError({ en: 'A participant cannot request a meeting with itself', sv: 'En deltagare kan inte önska ett möte med sig själv' }, `requests[${i}].to`);
    // JSON-encoded so that ids containing any separator cannot collide
    const key = JSON.stringify([request.from, request.to]);
    if (seen.has(key)) throw new ValidationError({ en: `${request.from} requests a meeting with ${request.to} twice`, sv: `${request.from} önskar ett möte med ${request.to} två gånger` }, `requests[${i}].to`);
    seen.add(key);
    const sent = (perSender.get(request.from) ?? 0) + 1;
    if (sent > MAX_REQUESTS_PER_PARTICIPANT) {
      throw new ValidationError({ en: `${request.from} requests more than ${MAX_REQUESTS_PER_PARTICIPANT} meetings`, sv: `${request.from} önskar fler än ${MAX_REQUESTS_PER_PARTICIPANT} möten` }, `requests[${i}]`);
    }
    perSender.set(request.from, sent);
    if (request.preference !== undefined && (!Number.isInteger(request.preference) || request.preference < 1)) {
      throw new ValidationError({ en: 'A preference is a whole number, 1 for the most wanted', sv: 'En önskan rangordnas med ett heltal, 1 för den mest önskade' }, `requests[${i}].preference`);
    }
  });
}

function validateShape(input: ScheduleInput): void {
  if (!Number.isInteger(input.slots) || input.slots < 1 || input.slots > MAX_SLOTS) {
    throw new ValidationError({ en: `An event has 1 to ${MAX_SLOTS} slots`, sv: `Ett partnermöte har 1 till ${MAX_SLOTS} pass` }, 'slots');
  }
  if (input.tablesPerSlot !== null && (!Number.isInteger(input.tablesPerSlot) || input.tablesPerSlot < 1)) {
    throw new ValidationError({ en: 'Tables per slot is a whole number, 1 or more, or unlimited', sv: 'Bord per pass är ett heltal, 1 eller fler, eller obegränsat' }, 'tablesPerSlot');
  }
}

/** One requested meeting: participants by index, a < b. */
interface Pair {
  a: number;
  b: number;
  /** The requests it satisfies, in input order. */
  requests: Array<{ from: number; rank: number }>;
  /** Where its first request stands in the input: the last tie-break, so the result is deterministic. */
  order: number;
}

/** Requests met (mutual counts twice), then participants with a meeting, then preference (sum of ranks, lower is better). */
interface Score {
  met: number;
  served: number;
  rankSum: number;
}

function better(x: Score, y: Score): boolean {
  if (x.met !== y.met) return x.met > y.met;
  if (x.served !== y.served) return x.served > y.served;
  return x.rankSum < y.rankSum;
}

const FREE = -1;
/** Passes of the improvement phase; each pass that changes nothing ends it earlier. */
const MAX_IMPROVEMENT_PASSES = 8;

/**
 * The timetable being built. Every change goes through place/unplace, which keep the indexes and the score and
 * write a journal, so that a trial move (a Kempe swap, a fan rotation, an exchange) can be undone exactly.
 */
class Timetable {
  /** busy[p * slots + s]: the pair participant p meets in slot s, or FREE */
  private readonly busy: Int32Array;
  /** slotOf[e]: the slot of pair e, or FREE while unmet */
  readonly slotOf: Int32Array;
  private readonly load: Int32Array;
  private readonly meetingsOf: Int32Array;
  private readonly journal: number[] = [];
  private placed = 0;
  /** pairsOf[p]: the pairs p takes part in, in priority order (pairs are indexed in that order) */
  private readonly pairsOf: number[][];
  readonly score: Score = { met: 0, served: 0, rankSum: 0 };

  constructor(
    private readonly participantCount: number,
    private readonly slots: number,
    private readonly tables: number,
    private readonly pairs: readonly Pair[],
  ) {
    this.busy = new Int32Array(participantCount * slots).fill(FREE);
    this.slotOf = new Int32Array(pairs.length).fill(FREE);
    this.load = new Int32Array(slots);
    this.meetingsOf = new Int32Array(participantCount);
    this.pairsOf = Array.from({ length: participantCount }, () => []);
    pairs.forEach((pair, e) => {
      this.pairsOf[pair.a]!.push(e);
      this.pairsOf[pair.b]!.push(e);
    });
  }

  private pairAt(p: number, s: number): number {
    return this.busy[p * this.slots + s]!;
  }

  private isFree(p: number, s: number): boolean {
    return this.pairAt(p, s) === FREE;
  }

  private hasTable(s: number): boolean {
    return this.load[s]! < this.tables;
  }

  freeSlots(p: number): number[] {
    const free: number[] = [];
    for (let s = 0; s < this.slots; s++) if (this.isFree(p, s)) free.push(s);
    return free;
  }

  /** The meetings held in slot s (found through the participants, each meeting once). */
  private meetingsIn(s: number): number[] {
    const found: number[] = [];
    for (let p = 0; p < this.participantCount; p++) {
      const e = this.pairAt(p, s);
      if (e !== FREE && this.pairs[e]!.a === p) found.push(e);
    }
    return found;
  }

  other(e: number, p: number): number {
    const pair = this.pairs[e]!;
    return pair.a === p ? pair.b : pair.a;
  }

  private rawPlace(e: number, s: number): void {
    const pair = this.pairs[e]!;
    this.busy[pair.a * this.slots + s] = e;
    this.busy[pair.b * this.slots + s] = e;
    this.slotOf[e] = s;
    this.load[s]!++;
    this.placed++;
    for (const p of [pair.a, pair.b]) if (this.meetingsOf[p]!++ === 0) this.score.served++;
    this.score.met += pair.requests.length;
    for (const r of pair.requests) this.score.rankSum += r.rank;
  }

  private rawUnplace(e: number): void {
    const pair = this.pairs[e]!;
    const s = this.slotOf[e]!;
    this.busy[pair.a * this.slots + s] = FREE;
    this.busy[pair.b * this.slots + s] = FREE;
    this.slotOf[e] = FREE;
    this.load[s]!--;
    this.placed--;
    for (const p of [pair.a, pair.b]) if (--this.meetingsOf[p]! === 0) this.score.served--;
    this.score.met -= pair.requests.length;
    for (const r of pair.requests) this.score.rankSum -= r.rank;
  }

  /** Places an unmet pair in a slot where both are free; false (and no change) otherwise. Tables are checked by the moves. */
  private place(e: number, s: number): boolean {
    const pair = this.pairs[e]!;
    if (this.slotOf[e] !== FREE || !this.isFree(pair.a, s) || !this.isFree(pair.b, s)) return false;
    this.journal.push(e, FREE);
    this.rawPlace(e, s);
    return true;
  }

  private unplace(e: number): void {
    this.journal.push(e, this.slotOf[e]!);
    this.rawUnplace(e);
  }

  private mark(): number {
    return this.journal.length;
  }

  /** Undoes every change after the mark, newest first, so each step restores a state that was valid. */
  private rollback(mark: number): void {
    while (this.journal.length > mark) {
      const previous = this.journal.pop()!;
      const e = this.journal.pop()!;
      if (this.slotOf[e] !== FREE) this.rawUnplace(e);
      if (previous !== FREE) this.rawPlace(e, previous);
    }
  }

  /** Keeps the changes since the mark when `ok`, else undoes them; returns ok. */
  private settle(mark: number, ok: boolean): boolean {
    if (!ok) this.rollback(mark);
    return ok;
  }

  private withinTables(...slots: number[]): boolean {
    return slots.every((s) => this.load[s]! <= this.tables);
  }

  /** Tries every move that places e without dropping another meeting; the timetable is unchanged on false. */
  tryPlace(e: number): boolean {
    // every move keeps or adds meetings, so none can work once all tables of all slots are taken
    if (this.placed >= this.slots * this.tables) return false;
    return this.placeDirectly(e) || this.placeByKempeSwap(e) || this.placeByFanRotation(e) || this.placeByFreeingATable(e);
  }

  /** A slot where both are free and a table is left; the least used one, so tables run out as late as possible. */
  private placeDirectly(e: number): boolean {
    const { a, b } = this.pairs[e]!;
    let best = FREE;
    for (let s = 0; s < this.slots; s++) {
      if (this.isFree(a, s) && this.isFree(b, s) && this.hasTable(s) && (best === FREE || this.load[s]! < this.load[best]!)) best = s;
    }
    return best !== FREE && this.place(e, best);
  }

  /**
   * a is free in slot α and b in slot β. Swapping α and β along the chain of meetings that starts at b with its
   * α meeting (b's α meeting becomes β, its partner's β meeting becomes α, …) frees b in α. It fails only when
   * the chain ends at a, which cannot happen in a bipartite graph; then the chain from a is tried the other way.
   */
  private placeByKempeSwap(e: number): boolean {
    const { a, b } = this.pairs[e]!;
    const freeA = this.freeSlots(a);
    const freeB = this.freeSlots(b);
    for (const alpha of freeA) {
      for (const beta of freeB) {
        if (alpha === beta) continue;
        if (this.swapAndPlace(e, b, alpha, beta) || this.swapAndPlace(e, a, beta, alpha)) return true;
      }
    }
    return false;
  }

  private swapAndPlace(e: number, start: number, first: number, second: number): boolean {
    const mark = this.mark();
    return this.settle(mark, this.swapChain(start, first, second) && this.place(e, first) && this.withinTables(first, second));
  }

  /**
   * Exchanges slots x and y along the alternating chain that leaves `start` through its meeting in slot x. The
   * swap is valid when `start` is free in y (the chain is then a path, not a cycle); false if a meeting could not
   * be moved, which the caller rolls back.
   */
  private swapChain(start: number, x: number, y: number): boolean {
    const chain: number[] = [];
    let at = start;
    let colour = x;
    for (;;) {
      const e = this.pairAt(at, colour);
      if (e === FREE) break;
      chain.push(e);
      at = this.other(e, at);
      colour = colour === x ? y : x;
    }
    const targets = chain.map((e) => (this.slotOf[e] === x ? y : x));
    for (const e of chain) this.unplace(e);
    return chain.every((e, i) => this.place(e, targets[i]!));
  }

  /**
   * Misra and Gries's step from the constructive proof of Vizing's theorem, for the odd cycles a Kempe swap
   * cannot untangle: a fan of a's partners is rotated so that a slot frees up. It always succeeds when every
   * participant has a free slot (slots >= Δ + 1); with fewer slots or limited tables it is tried and undone
   * if it breaks a constraint.
   */
  private placeByFanRotation(e: number): boolean {
    const { a: u, b: v } = this.pairs[e]!;
    // fan[i] is a partner of u; fanPairs[i] its meeting with u (fanPairs[0] = e, still unmet)
    const fan = [v];
    const fanPairs = [e];
    for (;;) {
      const last = fan[fan.length - 1]!;
      let extended = false;
      for (let s = 0; s < this.slots && !extended; s++) {
        const f = this.pairAt(u, s);
        if (f === FREE || !this.isFree(last, s)) continue;
        const partner = this.other(f, u);
        if (fan.includes(partner)) continue;
        fan.push(partner);
        fanPairs.push(f);
        extended = true;
      }
      if (!extended) break;
    }
    const c = this.freeSlots(u)[0];
    const d = this.freeSlots(fan[fan.length - 1]!)[0];
    if (c === undefined || d === undefined) return false;

    const mark = this.mark();
    // the c/d chain from u starts with u's d meeting, since u is free in c
    if (c !== d && !this.swapChain(u, d, c)) return this.settle(mark, false);
    // the first prefix of the fan that is still a fan and whose last partner is free in d
    let end = -1;
    for (let i = 0; i < fan.length && end < 0; i++) {
      if (i > 0) {
        const s = this.slotOf[fanPairs[i]!]!;
        if (s === FREE || this.pairAt(u, s) !== fanPairs[i] || !this.isFree(fan[i - 1]!, s)) break;
      }
      if (this.isFree(fan[i]!, d)) end = i;
    }
    if (end < 0) return this.settle(mark, false);
    // rotate: each meeting of the prefix takes the slot of the next one, the last takes d
    const targets = fanPairs.slice(1, end + 1).map((f) => this.slotOf[f]!);
    targets.push(d);
    for (const f of fanPairs.slice(1, end + 1)) this.unplace(f);
    let ok = true;
    for (let i = 0; i <= end && ok; i++) ok = this.place(fanPairs[i]!, targets[i]!);
    return this.settle(mark, ok && this.withinTables(...this.load.keys()));
  }

  /** Both are free in a slot whose tables are taken: move one of its meetings to a slot with a table left. */
  private placeByFreeingATable(e: number): boolean {
    const { a, b } = this.pairs[e]!;
    for (let s = 0; s < this.slots; s++) {
      if (!this.isFree(a, s) || !this.isFree(b, s) || this.hasTable(s)) continue;
      for (const moved of this.meetingsIn(s)) {
        const pair = this.pairs[moved]!;
        for (let target = 0; target < this.slots; target++) {
          if (target === s || !this.hasTable(target) || !this.isFree(pair.a, target) || !this.isFree(pair.b, target)) continue;
          const mark = this.mark();
          this.unplace(moved);
          this.place(moved, target);
          return this.settle(mark, this.place(e, s));
        }
      }
    }
    return false;
  }

  /**
   * Places e in slot s by dropping what stands in its way there (a's and b's meetings in s, or one meeting when
   * only a table is missing), then tries to place the dropped meetings elsewhere and, for the partners they
   * leave free, their unmet meetings (an augmenting path: A–B dropped for C–B lets A meet D). Kept only when
   * the score improves: more requests met, or as many but more participants with a meeting, or better
   * preferences.
   */
  tryExchange(e: number): boolean {
    const { a, b } = this.pairs[e]!;
    const weight = this.pairs[e]!.requests.length;
    // with every table taken, nothing dropped can be placed again, so only what is worth no more than e can go
    const limit = this.placed >= this.slots * this.tables ? weight : weight + 1;
    for (let s = 0; s < this.slots; s++) {
      const blocking = [this.pairAt(a, s), this.pairAt(b, s)].filter((f) => f !== FREE);
      const options = blocking.length > 0 ? [blocking] : this.hasTable(s) ? [] : this.meetingsIn(s).map((f) => [f]);
      for (const dropped of options) {
        // else dropping much more than e is worth pays off only if the dropped meetings find other slots: rare, skipped
        if (dropped.reduce((sum, f) => sum + this.pairs[f]!.requests.length, 0) > limit) continue;
        const before = { ...this.score };
        const mark = this.mark();
        for (const f of dropped) this.unplace(f);
        this.place(e, s);
        for (const f of dropped) this.tryPlace(f);
        for (const f of dropped) {
          for (const p of [this.pairs[f]!.a, this.pairs[f]!.b]) {
            if (p === a || p === b) continue;
            for (const g of this.pairsOf[p]!) if (this.slotOf[g] === FREE) this.tryPlace(g);
          }
        }
        if (this.settle(mark, better(this.score, before))) return true;
      }
    }
    return false;
  }
}

/** The order meetings are placed in: mutual first (two requests for one table), then by the senders' preference. */
function byPriority(x: Pair, y: Pair): number {
  if (x.requests.length !== y.requests.length) return y.requests.length - x.requests.length;
  const bestX = Math.min(...x.requests.map((r) => r.rank));
  const bestY = Math.min(...y.requests.map((r) => r.rank));
  if (bestX !== bestY) return bestX - bestY;
  return x.order - y.order;
}

function buildPairs(participants: readonly string[], requests: readonly MeetingRequest[]): Pair[] {
  const index = new Map(participants.map((id, i) => [id, i]));
  const sent = new Map<number, number>();
  const pairs = new Map<number, Pair>();
  requests.forEach((request, order) => {
    const from = index.get(request.from)!;
    const to = index.get(request.to)!;
    const position = (sent.get(from) ?? 0) + 1;
    sent.set(from, position);
    const rank = request.preference ?? position;
    const [a, b] = from < to ? [from, to] : [to, from];
    const key = a * participants.length + b;
    const pair = pairs.get(key);
    if (pair) pair.requests.push({ from, rank });
    else pairs.set(key, { a, b, requests: [{ from, rank }], order });
  });
  return [...pairs.values()];
}

/** Why a pair could not meet; `busy` is a participant's index. */
type UnmetCause = { kind: 'busy'; busy: number } | { kind: 'noCommonSlot' } | { kind: 'tablesFull' };

function unmetCause(timetable: Timetable, pair: Pair): UnmetCause {
  const freeA = timetable.freeSlots(pair.a);
  const freeB = timetable.freeSlots(pair.b);
  if (freeA.length === 0) return { kind: 'busy', busy: pair.a };
  if (freeB.length === 0) return { kind: 'busy', busy: pair.b };
  if (!freeA.some((s) => freeB.includes(s))) return { kind: 'noCommonSlot' };
  return { kind: 'tablesFull' };
}

const BUSY_SENTENCE = / has a meeting in every slot$/;
const NO_COMMON_SLOT = 'No slot in which both are free';
const TABLES_FULL = 'Every slot in which both are free has all its tables taken';

function unmetSentence(cause: UnmetCause, participants: readonly string[]): string {
  switch (cause.kind) {
    case 'busy':
      return `${participants[cause.busy]} has a meeting in every slot`;
    case 'noCommonSlot':
      return NO_COMMON_SLOT;
    case 'tablesFull':
      return TABLES_FULL;
  }
}

/** `askerBusy`: whether the busy one is the company that asked for the meeting (else the one it asked for). */
function unmetTexts(cause: UnmetCause['kind'], askerBusy: boolean): LocalisedText {
  switch (cause) {
    case 'busy':
      return askerBusy
        ? { sv: 'Företaget som önskade mötet har möten i alla pass', en: 'The company that asked has a meeting in every slot' }
        : { sv: 'Det önskade företaget har möten i alla pass', en: 'The company asked for has a meeting in every slot' };
    case 'noCommonSlot':
      return { sv: 'Inget pass där båda är lediga', en: NO_COMMON_SLOT };
    case 'tablesFull':
      return { sv: 'Alla bord är upptagna i de pass där båda är lediga', en: TABLES_FULL };
  }
}

/**
 * The texts of a reason stored as an English sentence only, by schedules made before reasons had texts; a
 * sentence this service never wrote is given as it is in both.
 */
export function unmetTextsOfSentence(reason: string, from: string): LocalisedText {
  if (BUSY_SENTENCE.test(reason)) return unmetTexts('busy', reason.replace(BUSY_SENTENCE, '') === from);
  if (reason === NO_COMMON_SLOT) return unmetTexts('noCommonSlot', false);
  if (reason === TABLES_FULL) return unmetTexts('tablesFull', false);
  return { sv: reason, en: reason };
}

/**
 * Builds the timetable: meetings are placed greedily in priority order, each by the cheapest move that works
 * (a common free slot, a Kempe swap, a fan rotation, moving a meeting to free a table); then passes over the
 * unmet ones retry those moves and exchanges that drop a meeting for a better one, until nothing improves.
 * Deterministic: the same input gives the same timetable.
 */
export function schedule(input: ScheduleInput): Schedule {
  validateShape(input);
  validateRequests(input.participants, input.requests);
  const { participants } = input;
  const pairs = buildPairs(participants, input.requests).sort(byPriority);
  const timetable = new Timetable(participants.length, input.slots, input.tablesPerSlot ?? Number.POSITIVE_INFINITY, pairs);

  pairs.forEach((_, e) => timetable.tryPlace(e));
  for (let pass = 0; pass < MAX_IMPROVEMENT_PASSES; pass++) {
    let improved = false;
    pairs.forEach((_, e) => {
      if (timetable.slotOf[e] !== FREE) return;
      if (timetable.tryPlace(e) || timetable.tryExchange(e)) improved = true;
    });
    if (!improved) break;
  }

  const meetings: Array<ScheduledMeeting & { order: [number, number] }> = [];
  const unmet: UnmetRequest[] = [];
  pairs.forEach((pair, e) => {
    const slot = timetable.slotOf[e]!;
    const requesters = pair.requests.map((r) => r.from).sort((x, y) => x - y);
    if (slot !== FREE) {
      meetings.push({ slot, a: participants[pair.a]!, b: participants[pair.b]!, requestedBy: requesters.map((p) => participants[p]!), order: [pair.a, pair.b] });
      return;
    }
    const cause = unmetCause(timetable, pair);
    const reason = unmetSentence(cause, participants);
    for (const r of pair.requests) {
      const texts = unmetTexts(cause.kind, cause.kind === 'busy' && cause.busy === r.from);
      unmet.push({ from: participants[r.from]!, to: participants[timetable.other(e, r.from)]!, reason, texts });
    }
  });
  meetings.sort((x, y) => x.slot - y.slot || x.order[0] - y.order[0] || x.order[1] - y.order[1]);
  const requestOrder = new Map(input.requests.map((r, i) => [JSON.stringify([r.from, r.to]), i]));
  unmet.sort((x, y) => requestOrder.get(JSON.stringify([x.from, x.to]))! - requestOrder.get(JSON.stringify([y.from, y.to]))!);

  return {
    meetings: meetings.map(({ slot, a, b, requestedBy }) => ({ slot, a, b, requestedBy })),
    unmet,
    stats: {
      requested: input.requests.length,
      met: timetable.score.met,
      mutual: meetings.filter((m) => m.requestedBy.length === 2).length,
    },
  };
}

/**
 * The hard constraints a timetable must keep, as messages (empty = valid): slots in range, known participants,
 * nobody in two meetings of one slot, no more meetings in a slot than tables, no pair meeting twice, and only
 * requested meetings.
 */
export function verifySchedule(input: ScheduleInput, meetings: readonly ScheduledMeeting[]): string[] {
  const violations: string[] = [];
  const participants = new Set(input.participants);
  const requested = new Set(input.requests.map((r) => JSON.stringify([r.from, r.to].sort())));
  const seated = new Set<string>();
  const perSlot = new Map<number, number>();
  const pairs = new Set<string>();
  meetings.forEach((m, i) => {
    const where = `meetings[${i}]`;
    if (!Number.isInteger(m.slot) || m.slot < 0 || m.slot >= input.slots) violations.push(`${where}: slot ${m.slot} is outside 0..${input.slots - 1}`);
    for (const p of new Set([m.a, m.b])) if (!participants.has(p)) violations.push(`${where}: ${p} is not a participant`);
    if (m.a === m.b) violations.push(`${where}: ${m.a} meets itself`);
    for (const p of new Set([m.a, m.b])) {
      const key = JSON.stringify([p, m.slot]);
      if (seated.has(key)) violations.push(`${where}: ${p} has two meetings in slot ${m.slot}`);
      seated.add(key);
    }
    const count = (perSlot.get(m.slot) ?? 0) + 1;
    perSlot.set(m.slot, count);
    if (input.tablesPerSlot !== null && count === input.tablesPerSlot + 1) {
      violations.push(`${where}: slot ${m.slot} has more meetings than its ${input.tablesPerSlot} tables`);
    }
    const pair = JSON.stringify([m.a, m.b].sort());
    if (pairs.has(pair)) violations.push(`${where}: ${m.a} and ${m.b} meet twice`);
    pairs.add(pair);
    if (!requested.has(pair)) violations.push(`${where}: nobody requested a meeting of ${m.a} and ${m.b}`);
  });
  return violations;
}
