import type { ReferralStatus } from '../graphql/graphql';

/** What a person can do to a referral: the provider answers and reports on it, the office takes it back. */
export type ReferralAction = 'accept' | 'decline' | 'start' | 'complete' | 'withdraw';

/** Which side of the referral the person is on. */
export type ReferralSide = 'provider' | 'sender';

/** The graph's legal changes (the matchmaking service's referral rules), by who may make them. */
const ACTIONS: Record<ReferralSide, Partial<Record<ReferralStatus, readonly ReferralAction[]>>> = {
  provider: { PROPOSED: ['accept', 'decline'], ACCEPTED: ['start'], IN_PROGRESS: ['complete'] },
  // once the provider has answered, the work is theirs
  sender: { PROPOSED: ['withdraw'] },
};

export function allowedActions(status: ReferralStatus, side: ReferralSide): readonly ReferralAction[] {
  return ACTIONS[side][status] ?? [];
}

export const REFERRAL_STATUSES: readonly ReferralStatus[] = ['PROPOSED', 'ACCEPTED', 'IN_PROGRESS', 'COMPLETED', 'DECLINED', 'WITHDRAWN'];

const HOUR_MS = 3_600_000;

/** Hours from the referral to the provider's first answer; null while unanswered. */
export function responseHours(referral: { createdAt: string; firstResponseAt?: string | null }): number | null {
  if (!referral.firstResponseAt) return null;
  return (Date.parse(referral.firstResponseAt) - Date.parse(referral.createdAt)) / HOUR_MS;
}

export interface ProviderResponse {
  providerId: string;
  providerName: string;
  sent: number;
  answered: number;
  waiting: number;
  /** Median hours to the first answer; null without answers. */
  medianHours: number | null;
}

interface SentReferral {
  status: ReferralStatus;
  createdAt: string;
  firstResponseAt?: string | null;
  to: { id: string; name: string };
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)]! + sorted[Math.ceil(middle)]!) / 2;
}

/**
 * How fast each provider answered the office's referrals. The graph's referralResponseTimes answers a provider's
 * own staff only, so the office's view is computed from the referrals it sent.
 */
export function responsesByProvider(referrals: readonly SentReferral[]): ProviderResponse[] {
  const byProvider = new Map<string, SentReferral[]>();
  for (const referral of referrals) byProvider.set(referral.to.id, [...(byProvider.get(referral.to.id) ?? []), referral]);
  return [...byProvider.values()].map((sent) => {
    const hours = sent.map(responseHours).filter((value): value is number => value !== null);
    return {
      providerId: sent[0]!.to.id,
      providerName: sent[0]!.to.name,
      sent: sent.length,
      answered: hours.length,
      waiting: sent.filter((referral) => referral.status === 'PROPOSED').length,
      medianHours: median(hours.sort((a, b) => a - b)),
    };
  });
}
