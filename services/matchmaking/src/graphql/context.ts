import type { RequestContext } from '@hub/shared/graphql';
import type { FunnelApplication } from '../application/funnel';
import type { MatchingApplication } from '../application/matching';
import type { NeedsApplication } from '../application/needs';
import type { PartnerMeetingsApplication } from '../application/partner-meetings';
import type { PersonalDataApplication } from '../application/personal-data';
import type { ReferralsApplication } from '../application/referrals';

export interface Applications {
  needs: NeedsApplication;
  matching: MatchingApplication;
  funnel: FunnelApplication;
  referrals: ReferralsApplication;
  partnerMeetings: PartnerMeetingsApplication;
  personalData: PersonalDataApplication;
}

export interface MatchmakingContext extends RequestContext {
  app: Applications;
}

export function buildContext(app: Applications) {
  return (base: RequestContext): MatchmakingContext => ({ ...base, app });
}
