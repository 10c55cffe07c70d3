export { createGatewayApp, CORRELATION_HEADER, type GatewayApp, type GatewayAppOptions, type GatewayContext } from './app';
export { loadGatewayConfig, gatewayEnvSchema, type GatewayConfig } from './config';
export { composeSupergraph, readSubgraphSources, CompositionError, type SubgraphSource } from './compose';
export { SUBGRAPHS, SUPERGRAPH_FILE, type SubgraphDefinition } from './subgraphs';
export * from './limits';
export { issuersEnv, type IssuerConfig } from './auth/issuers';
