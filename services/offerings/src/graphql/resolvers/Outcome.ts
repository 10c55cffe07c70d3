import type { OutcomeView } from '../../application/enrolments';

export const Outcome = {
  newCompany: (outcome: OutcomeView) => (outcome.newCompanyId ? { id: outcome.newCompanyId } : null),
};
