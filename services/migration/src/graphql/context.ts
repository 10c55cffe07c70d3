import type { RequestContext } from '@hub/shared/graphql';
import type { CandidatesApplication } from '../application/candidates';
import type { CasesApplication } from '../application/cases';
import type { MatchingApplication } from '../application/matching';
import type { PrivacyApplication } from '../application/privacy';
import type { VacanciesApplication } from '../application/vacancies';

export interface Applications {
  vacancies: VacanciesApplication;
  candidates: CandidatesApplication;
  cases: CasesApplication;
  matching: MatchingApplication;
  privacy: PrivacyApplication;
}

export interface MigrationContext extends RequestContext {
  app: Applications;
}

export function buildContext(app: Applications) {
  return (base: RequestContext): MigrationContext => ({ ...base, app });
}
