import type DataLoader from 'dataloader';
import { createEntityLoader, type RequestContext } from '@hub/shared/graphql';
import type { EnrolmentsApplication } from '../application/enrolments';
import type { IndicatorsApplication } from '../application/indicators';
import type { OfferingsApplication } from '../application/offerings';
import type { PersonalDataApplication } from '../application/personal-data';
import type { SeatSummary } from '../domain/enrolment';
import type { OfferingDocument } from '../infrastructure/models';

export interface Applications {
  offerings: OfferingsApplication;
  enrolments: EnrolmentsApplication;
  indicators: IndicatorsApplication;
  personalData: PersonalDataApplication;
}

export interface OfferingsContext extends RequestContext {
  app: Applications;
  loaders: {
    /** Per caller: an offering the caller may not see loads as null. */
    offering: DataLoader<string, OfferingDocument | null>;
    seats: DataLoader<string, SeatSummary | null>;
  };
}

export function buildContext(app: Applications) {
  return (base: RequestContext): OfferingsContext => ({
    ...base,
    app,
    loaders: {
      offering: createEntityLoader((ids) => app.offerings.byIds(base.claims, ids)),
      seats: createEntityLoader((ids) => app.enrolments.seatsFor(ids)),
    },
  });
}
