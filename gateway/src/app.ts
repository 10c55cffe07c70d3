import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import { FORWARDED_CLAIMS_HEADER, signForwardedClaims, type HubClaims } from '@hub/shared/auth';
import { UnauthenticatedError } from '@hub/shared/errors';
import { DateScalar, DateTimeScalar } from '@hub/shared/graphql';
import { createLogger, logSecurityEvent, type Logger } from '@hub/shared/logging';
import cors from 'cors';
import express from 'express';
import { GraphQLError, isScalarType, type GraphQLFormattedError } from 'graphql';
import { DEFAULT_VERIFIER_OPTIONS, TokenVerifier } from './auth/verifier';
import type { GatewayConfig } from './config';
import { checkQuerySize, isLimitErrorCode, limitRules } from './limits';
import { TokenBuckets } from './rate-limit';
import { subgraphFetcher } from './subgraph-fetcher';
import { SUPERGRAPH_FILE } from './subgraphs';

export const CORRELATION_HEADER = 'x-correlation-id';
const BODY_LIMIT = '100kb';
// Correlation ids from clients end up in logs and subgraph requests, so only plain tokens are taken over.
const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

export interface GatewayContext {
  claims: HubClaims;
  correlationId: string;
  /** The client's address, for the security log. */
  client: string;
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

/** A refusal before any operation runs: 401 with the reason, or 429 with when to come back. */
function refuse(res: express.Response, refusal: { status: 401; reason: string } | { status: 429; retryAfterSec: number }): void {
  if (refusal.status === 401) {
    res.status(401).set('www-authenticate', 'Bearer').json(errorBody(`Not authenticated: ${refusal.reason}`, 'UNAUTHENTICATED'));
  } else {
    res.status(429).set('retry-after', String(refusal.retryAfterSec)).json(errorBody(`Too many requests: try again in ${refusal.retryAfterSec} s`, 'RATE_LIMITED'));
  }
}

/** Whether the request asks for an operation; a browser's plain GET of /graphql only wants the landing page. */
function carriesOperation(req: express.Request): boolean {
  return req.method !== 'GET' || req.query.query !== undefined;
}

/**
 * The gateway: limits the rate per client address and per caller, verifies the caller's token against the
 * configured issuers, enforces query limits and forwards to the subgraphs a short-lived statement of the caller
 * signed with its own private key. Nothing else the client sent reaches a subgraph.
 */
export async function createGatewayApp(config: GatewayConfig, options: GatewayAppOptions = {}): Promise<GatewayApp> {
  const logger = options.logger ?? createLogger('gateway', config.logLevel);
  const production = config.nodeEnv === 'production';
  const supergraphSdl = options.supergraphSdl ?? readFileSync(SUPERGRAPH_FILE, 'utf8');
  const urls = { ...config.subgraphUrls, ...options.subgraphUrls };
  const verifier = new TokenVerifier(config.issuers, { ...DEFAULT_VERIFIER_OPTIONS, clockToleranceSec: config.clockToleranceSec });
  const addressBuckets = new TokenBuckets({ ...config.rateLimits.address, maxKeys: 100_000 });
  const subjectBuckets = new TokenBuckets({ ...config.rateLimits.subject, maxKeys: 100_000 });

  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource({
        url: urls[name] ?? url,
        fetcher: subgraphFetcher,
        willSendRequest({ request, context }) {
          // The gateway only executes operations for authenticated requests; anything else is a bug.
          if (!context.claims) throw new Error('no caller claims to forward');
          request.http?.headers.set(FORWARDED_CLAIMS_HEADER, signForwardedClaims(context.claims, config.signingKey));
          request.http?.headers.set(CORRELATION_HEADER, context.correlationId);
        },
      }),
  });

  const plugins: ApolloServerPlugin<GatewayContext>[] = [
    config.nodeEnv === 'development' ? ApolloServerPluginLandingPageLocalDefault() : ApolloServerPluginLandingPageDisabled(),
    requestLogging(logger),
    refusalLogging(logger),
    operationResolutionAsBadRequest(),
    hubScalars(),
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
    formatError: (formatted, error) => formatGatewayError(formatted, error, logger, production),
    plugins,
  });
  await server.start();
  let ready = true;

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxyHops);
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
    async (req, res, next) => {
      if (!carriesOperation(req)) return next();
      const client = req.ip ?? 'unknown';
      const security = logger.child({ correlationId: res.locals.correlationId as string });
      // by address first, so a flood of forged tokens is limited before any of them costs a verification
      const addressWait = addressBuckets.take(client);
      if (addressWait > 0) {
        logSecurityEvent(security, { kind: 'rate-limited', reason: 'requests per client address', client });
        return refuse(res, { status: 429, retryAfterSec: addressWait });
      }
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.header('authorization')?.trim() ?? '')?.[1];
      let claims: HubClaims;
      try {
        if (!bearer) throw new UnauthenticatedError({ en: 'missing bearer token', sv: 'inloggningsbevis (bearer token) saknas' });
        claims = await verifier.verify(bearer);
      } catch (error) {
        const reason = error instanceof UnauthenticatedError ? error.message : 'invalid token';
        logSecurityEvent(security, { kind: 'authentication-failed', reason, client });
        return refuse(res, { status: 401, reason });
      }
      const subjectWait = subjectBuckets.take(claims.sub);
      if (subjectWait > 0) {
        logSecurityEvent(security, { kind: 'rate-limited', reason: 'requests per caller', client, subject: claims.sub });
        return refuse(res, { status: 429, retryAfterSec: subjectWait });
      }
      res.locals.claims = claims;
      res.locals.client = client;
      next();
    },
    expressMiddleware(server, {
      context: async ({ res }) => {
        const claims = res.locals.claims as HubClaims | undefined;
        // only a landing-page GET comes this far unauthenticated, and it runs no operation
        if (!claims) throw new GraphQLError('Not authenticated: missing bearer token', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        return { claims, correlationId: res.locals.correlationId as string, client: res.locals.client as string };
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

/**
 * The supergraph names the hub's scalars but the gateway cannot parse them, so a malformed Date went on to a
 * subgraph and came back as an error without a path. The gateway parses them as the subgraphs do: a bad value is
 * refused with the other bad variables, before any subgraph is called.
 */
function hubScalars(): ApolloServerPlugin<GatewayContext> {
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ apiSchema }) {
          for (const scalar of [DateScalar, DateTimeScalar]) {
            const type = apiSchema.getType(scalar.name);
            if (isScalarType(type)) Object.assign(type, { parseValue: scalar.parseValue, parseLiteral: scalar.parseLiteral });
          }
        },
      };
    },
  };
}

/**
 * The gateway's executor reports a document it cannot pick an operation from (two operations, no operationName) as
 * INVALID_GRAPHQL with HTTP 500; it is the client's request that is wrong, so it gets Apollo's code for that and 400.
 */
const INVALID_GRAPHQL = 'INVALID_GRAPHQL';
const OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE';

function operationResolutionAsBadRequest(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          if (errors.some((error) => error.extensions?.code === OPERATION_RESOLUTION_FAILURE) && response.http) response.http.status = 400;
        },
      };
    },
  };
}

/** "Did you mean …?" in any message: field, argument, enum value and type names from the schema. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

function formatGatewayError(sent: GraphQLFormattedError, error: unknown, logger: Logger, production: boolean): GraphQLFormattedError {
  // in production no error names what the schema holds, whichever path (validation, variables, a subgraph) made it
  const formatted = production ? { ...sent, message: sent.message.replace(SUGGESTION, '') } : sent;
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (original instanceof GraphQLError && isLimitErrorCode(original.extensions.code)) {
    return { ...formatted, extensions: { ...formatted.extensions, code: original.extensions.code } };
  }
  const code = formatted.extensions?.code;
  if (code === INVALID_GRAPHQL) return { ...formatted, extensions: { ...formatted.extensions, code: OPERATION_RESOLUTION_FAILURE } };
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

/** Every refusal of an operation the caller may not perform, into the security log with who and where. */
function refusalLogging(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async willSendResponse({ response }) {
          const sent = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          for (const error of sent) {
            if (error.extensions?.code !== 'FORBIDDEN') continue;
            logSecurityEvent(logger.child({ correlationId: contextValue.correlationId }), {
              kind: 'access-refused',
              reason: `FORBIDDEN at ${(error.path ?? []).join('.') || 'the operation'}`,
              client: contextValue.client,
              subject: contextValue.claims.sub,
            });
          }
        },
      };
    },
  };
}
