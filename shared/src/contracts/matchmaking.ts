import { z } from 'zod';
import { defineEvent } from '../events';
import { NEEDS } from './needs';
import { TOPICS } from './topics';

export const FUNNEL_STAGES = ['contact', 'engaged', 'deep-dive'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export const REFERRAL_STATUSES = ['proposed', 'accepted', 'declined', 'in-progress', 'completed', 'withdrawn'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

// Ids, codes and stages only: notes, owners' self-declared groups and who recorded what stay in the service.
const id = z.string().min(1);

/** A needs analysis recorded for a company: the needs and their priorities as they now stand. */
export const NeedRecorded = defineEvent({
  type: 'NeedRecorded',
  version: 1,
  topic: TOPICS.matchmaking,
  payload: z.strictObject({
    companyId: id,
    needs: z.array(z.strictObject({ need: z.enum(NEEDS), priority: z.number().int().min(1).max(3) })),
  }),
});

export const StageChanged = defineEvent({
  type: 'StageChanged',
  version: 1,
  topic: TOPICS.matchmaking,
  payload: z.strictObject({ companyId: id, projectId: id, from: z.enum(FUNNEL_STAGES).nullable(), to: z.enum(FUNNEL_STAGES) }),
});

const referralFacts = { referralId: id, companyId: id, fromOrganisationId: id, toOrganisationId: id };

export const ReferralCreated = defineEvent({ type: 'ReferralCreated', version: 1, topic: TOPICS.matchmaking, payload: z.strictObject(referralFacts) });
export const ReferralAccepted = defineEvent({ type: 'ReferralAccepted', version: 1, topic: TOPICS.matchmaking, payload: z.strictObject(referralFacts) });
export const ReferralDeclined = defineEvent({ type: 'ReferralDeclined', version: 1, topic: TOPICS.matchmaking, payload: z.strictObject(referralFacts) });
/** The provider started working with the company. */
export const ReferralStarted = defineEvent({ type: 'ReferralStarted', version: 1, topic: TOPICS.matchmaking, payload: z.strictObject(referralFacts) });
export const ReferralCompleted = defineEvent({ type: 'ReferralCompleted', version: 1, topic: TOPICS.matchmaking, payload: z.strictObject(referralFacts) });
/** The referring office took back a referral the provider had not answered. */
export const ReferralWithdrawn = defineEvent({ type: 'ReferralWithdrawn', version: 1, topic: TOPICS.matchmaking, payload: z.strictObject(referralFacts) });

/** A partner-meeting event's schedule was (re)made: every meeting, by slot. */
export const MeetingScheduled = defineEvent({
  type: 'MeetingScheduled',
  version: 1,
  topic: TOPICS.matchmaking,
  payload: z.strictObject({
    partnerMeetingId: id,
    meetings: z.array(z.strictObject({ slot: z.number().int().nonnegative(), companyIds: z.tuple([id, id]) })),
  }),
});

export const matchmakingEvents = [
  NeedRecorded,
  StageChanged,
  ReferralCreated,
  ReferralAccepted,
  ReferralDeclined,
  ReferralStarted,
  ReferralCompleted,
  ReferralWithdrawn,
  MeetingScheduled,
];
