import type { PartnerMeeting as Meeting } from '../../application/partner-meetings';
import { organisationRef, projectRef } from './references';

const pair = (request: { from?: string | null; to?: string | null; reason?: string | null }) => ({
  from: organisationRef(request.from ?? ''),
  to: organisationRef(request.to ?? ''),
  reason: request.reason ?? '',
});

export const PartnerMeeting = {
  organiser: (meeting: Meeting) => organisationRef(meeting.organiserId),
  project: (meeting: Meeting) => (meeting.projectId ? projectRef(meeting.projectId) : null),
  participants: (meeting: Meeting) => meeting.participants.map(organisationRef),
  requests: (meeting: Meeting) => meeting.requests.map(pair),
  meetings: (meeting: Meeting) =>
    meeting.meetings.map((m) => ({ slot: m.slot, companies: [organisationRef(m.a), organisationRef(m.b)], requestedBy: m.requestedBy.map(organisationRef) })),
  unmet: (meeting: Meeting) => meeting.unmet.map(pair),
};
