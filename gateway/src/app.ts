import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import { FORWARDED_CLAIMS_HEADER, signForwardedClaims, verifyUserToken, type HubClaims } from '@hub/shared/auth';
import { UnauthenticatedError } from '@hub/shared/errors';
import { createLogger, type Logger } from '@hub/shared/logging';
import cors from 'cors';
import express from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { GatewayConfig } from './config';
import { checkQuerySize, isLimitErrorCode, limitRules } from './limits';
import { subgraphFetcher } from './subgraph-fetcher';
import { SUPERGRAPH_FILE } from './subgraphs';

export const CORRELATION_HEADER = 'x-correlation-id';
const BODY_LIMIT = '100kb';
// Correlation ids from clients end up in logs and subgraph requests, so only plain tokens are taken over.
const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

export interface GatewayContext {
  claims: HubClaims;
  correlationId: string;
}

export interface GatewayAppOptions {
  /** The composed supergraph; read from gateway/dist/supergraph.graphql when absent. */
  supergraphSdl?: string;
  /** Subgraph name → URL, overriding both the config and the URLs baked into the supergraph. */
  subgraphUrls?: Record<string, string>;
  logger?: Logger;
}

export interface GatewayApp {
  app: express.Express;
  stop(): Promise<void>;
}

function errorBody(message: string, code: string): { errors: GraphQLFormattedError[] } {
  return { errors: [{ message, extensions: { code } }] };
}

function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(`Not authenticated: ${reason}`, {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: { status: 401, headers: new Map([['www-authenticate', 'Bearer']]) },
    },
  });
}

/**
 * The gateway: verifies the caller's token, enforces query limits and forwards to the subgraphs a short-lived
 * statement of the caller signed with the internal secret. Nothing else the client sent reaches a subgraph.
 */
export async function createGatewayApp(config: GatewayConfig, options: GatewayAppOptions = {}): Promise<GatewayApp> {
  const logger = options.logger ?? createLogger('gateway', config.logLevel);
  const production = config.nodeEnv === 'production';
  const supergraphSdl = options.supergraphSdl ?? readFileSync(SUPERGRAPH_FILE, 'utf8');
  const urls = { ...config.subgraphUrls, ...options.subgraphUrls };

  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource({
        url: urls[name] ?? url,
        fetcher: subgraphFetcher,
        willSendRequest({ request, context }) {
          // The gateway only executes operations for authenticated requests; anything else is a bug.
          if (!context.claims) throw new Error('no caller claims to forward');
          request.http?.headers.set(FORWARDED_CLAIMS_HEADER, signForwardedClaims(context.claims, config.internalSecret));
          request.http?.headers.set(CORRELATION_HEADER, context.correlationId);
        },
      }),
  });

  const plugins: ApolloServerPlugin<GatewayContext>[] = [
    config.nodeEnv === 'development' ? ApolloServerPluginLandingPageLocalDefault() : ApolloServerPluginLandingPageDisabled(),
    requestLogging(logger),
  ];

  const server = new ApolloServer<GatewayContext>({
    // the process's main owns SIGINT/SIGTERM and stops everything in order; Apollo's own handlers would race it
    stopOnTerminationSignals: false,
    gateway,
    nodeEnv: config.nodeEnv,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    validationRules: limitRules(config.limits),
    formatError: (formatted, error) => formatGatewayError(formatted, error, logger),
    plugins,
  });
  await server.start();
  let ready = true;

  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const incoming = req.header(CORRELATION_HEADER);
    const correlationId = incoming && CORRELATION_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    res.locals.correlationId = correlationId;
    res.setHeader(CORRELATION_HEADER, correlationId);
    next();
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', (_req, res) => {
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready' });
  });

  app.use(
    '/graphql',
    cors({
      // An empty list allows no cross-origin caller at all.
      origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name', CORRELATION_HEADER],
      exposedHeaders: [CORRELATION_HEADER],
      maxAge: 600,
    }),
    express.json({ limit: BODY_LIMIT }),
    (req, res, next) => {
      // Every query the request carries: a repeated GET parameter or a batch array must not slip past.
      const queries: unknown[] =
        req.method === 'GET'
          ? [req.query.query].flat()
          : [req.body as unknown].flat().map((item) => (item as { query?: unknown } | null)?.query);
      for (const query of queries) {
        const tooLarge = checkQuerySize(query, config.limits.maxQueryBytes);
        if (tooLarge) {
          res.status(413).json(errorBody(tooLarge.message, 'QUERY_TOO_LARGE'));
          return;
        }
      }
      next();
    },
    expressMiddleware(server, {
      context: async ({ req, res }) => {
        const correlationId = res.locals.correlationId as string;
        const claims = authenticate(req.header('authorization'), config, logger.child({ correlationId }));
        return { claims, correlationId };
      },
    }),
  );

  // Errors raised before Apollo (body parsing) answered as GraphQL errors, never as HTML with a stack.
  app.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.too.large') {
      res.status(413).json(errorBody(`Request body exceeds ${BODY_LIMIT}`, 'QUERY_TOO_LARGE'));
    } else if (type === 'entity.parse.failed' || type === 'charset.unsupported' || type === 'encoding.unsupported') {
      res.status(400).json(errorBody('Malformed request body', 'BAD_REQUEST'));
    } else {
      logger.error({ err: error, correlationId: res.locals.correlationId }, 'unhandled error in the gateway');
      res.status(500).json(errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
    }
  });

  return {
    app,
    async stop() {
      ready = false;
      await server.stop();
    },
  };
}

function authenticate(header: string | undefined, config: GatewayConfig, logger: Logger): HubClaims {
  const match = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) throw unauthenticated('missing bearer token');
  try {
    return verifyUserToken(match[1], {
      publicKey: config.auth.publicKey,
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      clockToleranceSec: 5,
    });
  } catch (error) {
    const reason = error instanceof UnauthenticatedError ? error.message : 'invalid token';
    logger.info({ reason }, 'refused a request with an invalid token');
    throw unauthenticated(reason);
  }
}

/**
 * Apollo reports every validation error as GRAPHQL_VALIDATION_FAILED; the limit rules' own codes are restored so
 * clients can tell which limit they hit. Unexpected errors are logged and replaced by a generic message, because
 * they can carry internal details such as subgraph addresses.
 */
/**
 * A subgraph answers a variable it cannot coerce (an impossible Date, say) with HTTP 400 and BAD_USER_INPUT.
 * That is the client's mistake, so the client gets that error and code, not a generic subgraph failure.
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: { errors?: GraphQLFormattedError[] } } | undefined)?.body;
    const first = body?.errors?.[0];
    if (response.status === 400 && first?.extensions?.code === 'BAD_USER_INPUT') {
      return new GraphQLError(first.message, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return error;
  }
}

function formatGatewayError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (original instanceof GraphQLError && isLimitErrorCode(original.extensions.code)) {
    return { ...formatted, extensions: { ...formatted.extensions, code: original.extensions.code } };
  }
  const code = formatted.extensions?.code;
  if (code === undefined || code === 'INTERNAL_SERVER_ERROR') {
    logger.error({ message: formatted.message, path: formatted.path }, 'internal error in an operation');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return formatted;
}

/** One line per operation: name, duration and error codes; never the query text, variables or token. */
function requestLogging(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, response }) {
          // The codes the client received (already formatted), not the raw errors behind them.
          const sent = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          logger.info(
            {
              correlationId: contextValue.correlationId,
              operationName: operationName ?? null,
              durationMs: Math.round(performance.now() - started),
              errorCodes: sent.map((error) => error.extensions?.code),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
