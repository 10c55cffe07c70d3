import type DataLoader from 'dataloader';
import { createEntityLoader, type RequestContext } from '@hub/shared/graphql';
import type { CandidatesApplication } from '../application/candidates';
import type { CasesApplication } from '../application/cases';
import type { MatchingApplication } from '../application/matching';
import type { PrivacyApplication } from '../application/privacy';
import type { VacanciesApplication } from '../application/vacancies';
import type { VacancyDocument } from '../infrastructure/models';

export interface Applications {
  vacancies: VacanciesApplication;
  candidates: CandidatesApplication;
  cases: CasesApplication;
  matching: MatchingApplication;
  privacy: PrivacyApplication;
}

export interface MigrationContext extends RequestContext {
  app: Applications;
  loaders: {
    /** Stored vacancies, for the fields the matching index does not hold. */
    vacancy: DataLoader<string, VacancyDocument | null>;
  };
}

export function buildContext(app: Applications) {
  return (base: RequestContext): MigrationContext => ({ ...base, app, loaders: { vacancy: createEntityLoader((ids) => app.vacancies.byIds(ids)) } });
}
