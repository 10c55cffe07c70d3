import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@hub/shared/logging';
import { createApp } from '../src/server/app';
import { loadWebConfig } from '../src/server/config';

const config = loadWebConfig({ OIDC_ISSUER: 'http://127.0.0.1:4006', GRAPHQL_URL: 'http://127.0.0.1:4000/graphql', PORT: '0' });
const clientDir = mkdtempSync(path.join(os.tmpdir(), 'hub-web-client-'));
let server: Server;
let base: string;

beforeAll(async () => {
  mkdirSync(path.join(clientDir, 'assets'));
  writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><html lang="sv"><title>hub</title><div id="root"></div></html>');
  writeFileSync(path.join(clientDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  const { app } = createApp(config, createLogger('web-test', 'silent'), clientDir);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(clientDir, { recursive: true, force: true });
});

describe('the web client server', () => {
  it('answers every page of the client with index.html, never cached, under a policy with nothing inline', async () => {
    for (const page of ['/', '/offerings/6b16c9958908cff3c794f0ec', '/organisations?text=mala']) {
      const response = await fetch(`${base}${page}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self';");
      expect(policy).toContain("style-src 'self';");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("connect-src 'self' http://127.0.0.1:4000 http://127.0.0.1:4006");
      expect(policy).not.toMatch(/unsafe|\*/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('tells the page where to sign in and where the graph is, and nothing secret', async () => {
    const response = await fetch(`${base}/settings.json`);
    expect(await response.json()).toEqual({ issuer: 'http://127.0.0.1:4006', clientId: 'hub-web', graphqlUrl: 'http://127.0.0.1:4000/graphql' });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('serves hashed assets for a year, and a missing asset as 404 rather than the page', async () => {
    const asset = await fetch(`${base}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${base}/assets/index-gone.js`)).status).toBe(404);
  });

  it('refuses to start without a built client, naming the command that builds it', () => {
    expect(() => createApp(config, createLogger('web-test', 'silent'), path.join(clientDir, 'nothing'))).toThrow(/npm run build -w @hub\/web/);
  });

  it('refuses a configuration without the identity provider or with a graph that is not a URL', () => {
    expect(() => loadWebConfig({ GRAPHQL_URL: 'http://127.0.0.1:4000/graphql' })).toThrow(/OIDC_ISSUER/);
    expect(() => loadWebConfig({ OIDC_ISSUER: 'http://127.0.0.1:4006', GRAPHQL_URL: 'gateway' })).toThrow(/GRAPHQL_URL/);
  });
});
