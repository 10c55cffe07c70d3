import type { FunnelEntry } from '../../domain/funnel';
import { organisationRef, projectRef } from './references';

export const FunnelPosition = {
  company: (entry: FunnelEntry) => organisationRef(entry.companyId),
  project: (entry: FunnelEntry) => projectRef(entry.projectId),
  history: (entry: FunnelEntry) => entry.history.map((change) => ({ ...change, correction: change.correction === true })),
};
