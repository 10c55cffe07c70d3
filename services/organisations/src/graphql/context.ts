import type DataLoader from 'dataloader';
import { createEntityLoader, type RequestContext } from '@hub/shared/graphql';
import type { MunicipalitiesApplication } from '../application/municipalities';
import type { OrganisationsApplication } from '../application/organisations';
import type { ProjectsApplication } from '../application/projects';
import type { MunicipalityDocument, OrganisationDocument, ProjectDocument } from '../infrastructure/models';

export interface Applications {
  organisations: OrganisationsApplication;
  projects: ProjectsApplication;
  municipalities: MunicipalitiesApplication;
}

export interface OrganisationsContext extends RequestContext {
  app: Applications;
  loaders: {
    organisation: DataLoader<string, OrganisationDocument | null>;
    project: DataLoader<string, ProjectDocument | null>;
    municipality: DataLoader<string, MunicipalityDocument | null>;
  };
}

export function buildContext(app: Applications) {
  return (base: RequestContext): OrganisationsContext => ({
    ...base,
    app,
    loaders: {
      organisation: createEntityLoader((ids) => app.organisations.byIds(ids)),
      project: createEntityLoader((ids) => app.projects.byIds(ids)),
      municipality: createEntityLoader((codes) => app.municipalities.byCodes(codes)),
    },
  });
}
