import type { PartnerMeeting as Meeting } from '../../application/partner-meetings';
import { unmetTextsOfSentence } from '../../domain/scheduling';
import { organisationRef, projectRef } from './references';

const pair = (request: { from?: string | null; to?: string | null }) => ({
  from: organisationRef(request.from ?? ''),
  to: organisationRef(request.to ?? ''),
});

const unmetRequest = (request: { from?: string | null; to?: string | null; reason?: string | null; texts?: { sv?: string | null; en?: string | null } | null }) => {
  const reason = request.reason ?? '';
  const { sv, en } = request.texts ?? {};
  return { ...pair(request), reason, texts: sv && en ? { sv, en } : unmetTextsOfSentence(reason, request.from ?? '') };
};

export const PartnerMeeting = {
  organiser: (meeting: Meeting) => organisationRef(meeting.organiserId),
  project: (meeting: Meeting) => (meeting.projectId ? projectRef(meeting.projectId) : null),
  participants: (meeting: Meeting) => meeting.participants.map(organisationRef),
  requests: (meeting: Meeting) => meeting.requests.map(pair),
  meetings: (meeting: Meeting) =>
    meeting.meetings.map((m) => ({ slot: m.slot, companies: [organisationRef(m.a), organisationRef(m.b)], requestedBy: m.requestedBy.map(organisationRef) })),
  unmet: (meeting: Meeting) => meeting.unmet.map(unmetRequest),
};
