import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLogger, type Logger } from '@hub/shared/logging';
import express from 'express';
import type { WebConfig } from './config';

/** Where `vite build` writes the client: dist/client, beside this file's dist/server. */
export const CLIENT_DIR = path.resolve(__dirname, '..', 'client');

/** What the browser learns at start-up: no secret, only where to sign in and where the graph is. */
export interface RuntimeSettings {
  issuer: string;
  clientId: string;
  graphqlUrl: string;
}

/**
 * Scripts and styles only from this origin (nothing inline, no eval); the graph and the identity provider are the
 * only other places the page may talk to. Frames are refused both ways.
 */
export function contentSecurityPolicy(config: WebConfig): string {
  const connect = [...new Set([new URL(config.GRAPHQL_URL).origin, new URL(config.OIDC_ISSUER).origin])];
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets style properties through the DOM, which style-src does not govern: no inline style is needed
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${connect.join(' ')}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

export interface WebApp {
  app: express.Express;
  logger: Logger;
}

/** Serves the built single-page client with its security headers, its runtime settings and health endpoints. */
export function createApp(config: WebConfig, logger: Logger = createLogger('web', config.LOG_LEVEL), clientDir = CLIENT_DIR): WebApp {
  const indexFile = path.join(clientDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`the built client is missing at ${clientDir}: run npm run build -w @hub/web`);
  const indexHtml = readFileSync(indexFile, 'utf8');
  const settings: RuntimeSettings = { issuer: config.OIDC_ISSUER, clientId: config.OIDC_CLIENT_ID, graphqlUrl: config.GRAPHQL_URL };
  const csp = contentSecurityPolicy(config);

  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.set({
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'permissions-policy': 'camera=(), microphone=(), geolocation=()',
    });
    next();
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'web' });
  });
  app.get('/ready', (_req, res) => {
    res.json({ status: 'ready' });
  });
  app.get('/settings.json', (_req, res) => {
    res.set('cache-control', 'no-store').json(settings);
  });
  // hashed file names: kept for a year; index.html is never cached, so a new build is seen at once
  app.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  app.use(express.static(clientDir, { index: false, maxAge: 0 }));
  // every other path is a page of the client, which its router shows
  app.get('/{*page}', (_req, res) => {
    res.set('cache-control', 'no-cache').type('html').send(indexHtml);
  });
  return { app, logger };
}
