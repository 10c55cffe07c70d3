export { createSubgraphApp, CORRELATION_HEADER } from './app';
export type { RequestContext, ReadinessCheck, SubgraphOptions, SubgraphApp } from './app';
export { createErrorFormatter } from './errors';
export { createEntityLoader, documentOrItem } from './loaders';
export { DateScalar, DateTimeScalar, JSONScalar, toConnection, type Connection } from './scalars';
export { collectGarbageWhenRested, listen, stopOnSignals } from './process';
