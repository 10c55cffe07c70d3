import type DataLoader from 'dataloader';
import { createEntityLoader, type RequestContext } from '@hub/shared/graphql';
import type { MunicipalitiesApplication } from '../application/municipalities';
import type { OrganisationsApplication } from '../application/organisations';
import type { PersonalDataApplication } from '../application/personal-data';
import type { ProjectsApplication } from '../application/projects';
import type { OrganisationDocument, ProjectDocument } from '../infrastructure/models';

export interface Applications {
  organisations: OrganisationsApplication;
  projects: ProjectsApplication;
  municipalities: MunicipalitiesApplication;
  personalData: PersonalDataApplication;
}

export interface OrganisationsContext extends RequestContext {
  app: Applications;
  loaders: {
    organisation: DataLoader<string, OrganisationDocument | null>;
    project: DataLoader<string, ProjectDocument | null>;
    /** Logs the contacts read in one request as one access-log entry, before any of them is returned. */
    contactRead: DataLoader<string, true | null>;
  };
}

export function buildContext(app: Applications) {
  return (base: RequestContext): OrganisationsContext => ({
    ...base,
    app,
    loaders: {
      organisation: createEntityLoader((ids) => app.organisations.byIds(ids)),
      project: createEntityLoader((ids) => app.projects.byIds(ids)),
      contactRead: createEntityLoader(async (contactIds) => {
        await app.personalData.recordContactsRead(base.claims, contactIds, base.correlationId);
        return new Map(contactIds.map((id) => [id, true as const]));
      }),
    },
  });
}
