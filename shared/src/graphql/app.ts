import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express from 'express';
import type { DocumentNode } from 'graphql';
import { FORWARDED_CLAIMS_HEADER, verifyForwardedClaims, type HubClaims } from '../auth';
import { UnauthenticatedError } from '../errors';
import type { Logger } from '../logging';
import { createErrorFormatter } from './errors';

export const CORRELATION_HEADER = 'x-correlation-id';

export interface RequestContext {
  claims: HubClaims;
  correlationId: string;
  logger: Logger;
}

export type ReadinessCheck = () => Promise<boolean> | boolean;

export interface SubgraphOptions<TContext extends RequestContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  /** The gateway's public key; requests without claims it signed are refused. */
  gatewayPublicKey: string;
  logger: Logger;
  production: boolean;
  /** Adds the service's own per-request state (loaders, the application facade) to the base context. */
  context: (base: RequestContext) => TContext;
  readiness?: Record<string, ReadinessCheck>;
}

export interface SubgraphApp<TContext extends RequestContext> {
  app: express.Express;
  server: ApolloServer<TContext>;
  stop(): Promise<void>;
}

function unauthenticated(res: express.Response, message: string): void {
  res.status(401).json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
}

/**
 * The transport shell of every subgraph: Apollo subgraph schema, gateway-only access, error formatting,
 * health and readiness endpoints. Returns an unstarted-port express app so tests can listen on port 0.
 */
export async function createSubgraphApp<TContext extends RequestContext>(
  options: SubgraphOptions<TContext>,
): Promise<SubgraphApp<TContext>> {
  const { logger } = options;
  // no inline traces: timing data is not something the gateway's callers should be able to ask for
  const plugins: ApolloServerPlugin<TContext>[] = [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()];
  const server = new ApolloServer<TContext>({
    // the process's main owns SIGINT/SIGTERM and stops everything in order; Apollo's own handlers would race it
    stopOnTerminationSignals: false,
    schema: buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers }]),
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: options.production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    plugins,
  });
  await server.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  app.get('/ready', async (_req, res) => {
    const results: Record<string, boolean> = {};
    for (const [check, probe] of Object.entries(options.readiness ?? {})) {
      results[check] = await Promise.resolve(probe()).catch(() => false);
    }
    const ready = Object.values(results).every(Boolean);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', checks: results });
  });

  app.use(
    '/graphql',
    (req, res, next) => {
      const header = req.header(FORWARDED_CLAIMS_HEADER);
      if (!header) return unauthenticated(res, 'This service accepts requests only through the gateway');
      try {
        res.locals.claims = verifyForwardedClaims(header, options.gatewayPublicKey);
      } catch (error) {
        const reason = error instanceof UnauthenticatedError ? error.message : 'invalid forwarded claims';
        logger.warn({ reason }, 'refused a request that did not come through the gateway');
        return unauthenticated(res, 'This service accepts requests only through the gateway');
      }
      next();
    },
    express.json({ limit: '100kb' }),
    expressMiddleware(server, {
      context: async ({ req, res }) => {
        const correlationId = req.header(CORRELATION_HEADER) ?? randomUUID();
        const claims = res.locals.claims as HubClaims;
        return options.context({ claims, correlationId, logger: logger.child({ correlationId }) });
      },
    }),
  );

  return { app, server, stop: () => server.stop() };
}
