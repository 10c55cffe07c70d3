import type { RequestContext } from '@hub/shared/graphql';
import type { RunHistory } from '../application/run-history';

export interface Applications {
  runs: RunHistory;
}

export interface JobsContext extends RequestContext {
  app: Applications;
}

export function buildContext(app: Applications) {
  return (base: RequestContext): JobsContext => ({ ...base, app });
}
