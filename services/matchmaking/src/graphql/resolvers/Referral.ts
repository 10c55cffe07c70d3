import type { Referral as ReferralView } from '../../domain/referral';
import { organisationRef } from './references';

export const Referral = {
  company: (referral: ReferralView) => organisationRef(referral.companyId),
  from: (referral: ReferralView) => organisationRef(referral.fromOrganisationId),
  to: (referral: ReferralView) => organisationRef(referral.toOrganisationId),
};
