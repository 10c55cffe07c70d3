/**
 * Benchmark of the partner-meeting scheduler, pure (no database, no services): a matchmaking day of 200
 * companies asking for 6 meetings each, some of them mutual, in 12 slots, with unlimited tables and with 40.
 * Prints time, requests met and the conflicts verifySchedule finds (there must be none); target: under 5 s,
 * no conflicts. Run alone: `npx tsx bench/scheduling.ts` in services/matchmaking.
 */
import { prng } from '@hub/infra/bench';
import { schedule, verifySchedule, type MeetingRequest, type ScheduleInput } from '../src/domain/scheduling';

const TARGET_MS = 5_000;

/**
 * A generated event: each participant asks for `requestsEach` others in order of preference; with probability
 * `mutualShare` it answers someone who already asked for it (a mutual request), else it picks at random.
 */
export function generateEvent(seed: number, participantCount: number, requestsEach: number, mutualShare: number): { participants: string[]; requests: MeetingRequest[] } {
  const random = prng(seed);
  const participants = Array.from({ length: participantCount }, (_, i) => `company-${String(i + 1).padStart(4, '0')}`);
  const askedBy = participants.map(() => [] as number[]);
  const requests: MeetingRequest[] = [];
  participants.forEach((from, i) => {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(requestsEach, participantCount - 1)) {
      const answers = askedBy[i]!.filter((j) => !chosen.has(j));
      const j = answers.length > 0 && random() < mutualShare ? answers[Math.floor(random() * answers.length)]! : Math.floor(random() * participantCount);
      if (j === i || chosen.has(j)) continue;
      chosen.add(j);
      askedBy[j]!.push(i);
      requests.push({ from, to: participants[j]! });
    }
  });
  return { participants, requests };
}

export async function benchScheduling(print: (line: string) => void): Promise<void> {
  const event = generateEvent(20_260_101, 200, 6, 0.3);
  print(`partner-meeting scheduling: ${event.participants.length} participants, ${event.requests.length} requests, 12 slots; target under ${TARGET_MS / 1000} s, no conflicts`);
  for (const tablesPerSlot of [null, 40]) {
    const input: ScheduleInput = { ...event, slots: 12, tablesPerSlot };
    const started = performance.now();
    const result = schedule(input);
    const ms = performance.now() - started;
    const conflicts = verifySchedule(input, result.meetings).length;
    const verdict = ms < TARGET_MS && conflicts === 0 ? 'ok' : 'MISSED';
    const withMeetings = new Set(result.meetings.flatMap((m) => [m.a, m.b])).size;
    print(
      `tables ${tablesPerSlot ?? 'unlimited'}: ${ms.toFixed(0)} ms, requested ${result.stats.requested}, met ${result.stats.met}, ` +
        `mutual meetings ${result.stats.mutual}, meetings ${result.meetings.length}, participants with a meeting ${withMeetings}, conflicts ${conflicts} — ${verdict}`,
    );
  }
}

if (require.main === module) {
  benchScheduling((line) => console.log(line)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
