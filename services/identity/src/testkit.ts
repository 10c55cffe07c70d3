import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Role } from '@hub/shared/auth';
import { DIRECTORY_FILE } from './app';
import { directorySchema, hashPassword } from './domain/directory';

/**
 * Test kit for anything that signs in: the real development provider (`node dist/main.js`, built by `npm test`'s
 * preparation) on a free port with its own directory of test users, and a minimal browser that keeps cookies and
 * fills in the provider's forms, as a person would.
 */
export const TEST_PASSWORD = 'a-test-password';
export const JOBS_CLIENT_SECRET = 'jobs-client-secret-for-tests-0123456789';
export const HUB_AUDIENCE = 'region10-hub-graph-test';

export interface TestUser {
  username: string;
  roles: Role[];
  municipalityCode?: string;
  organisationId?: string;
}

export const TEST_USERS: TestUser[] = [
  { username: 'mala.naringsliv', roles: ['municipal-staff'], municipalityCode: '2418', organisationId: 'org-mala-office' },
  { username: 'sorsele.inflytt', roles: ['migration-officer'], municipalityCode: '2422' },
  { username: 'almi.radgivare', roles: ['partner-staff'], organisationId: 'org-almi' },
  { username: 'hub.admin', roles: ['admin'] },
];

export const subjectOf = (username: string): string => `test:${username}`;

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

export interface TestIdentityProvider {
  issuer: string;
  /** Rotates the signing keys as an operator would (SIGHUP), resolving once the new key is published. */
  rotateKeys(): Promise<void>;
  /** The provider's log lines so far (JSON). */
  logs(): string[];
  stop(): Promise<void>;
}

export async function startIdentityProvider(options: { accessTokenTtlSec?: number; users?: TestUser[] } = {}): Promise<TestIdentityProvider> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-identity-'));
  const users = (options.users ?? TEST_USERS).map((user) => ({ ...user, sub: subjectOf(user.username), name: `${user.username} (fiktiv)`, passwordHash: hashPassword(TEST_PASSWORD) }));
  writeFileSync(path.join(dataDir, DIRECTORY_FILE), JSON.stringify(directorySchema.parse({ users })));
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const lines: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, '..', 'dist', 'main.js')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: String(port),
      ISSUER: issuer,
      IDENTITY_DATA_DIR: dataDir,
      HUB_AUDIENCE,
      ACCESS_TOKEN_TTL_SEC: String(options.accessTokenTtlSec ?? 300),
      JOBS_CLIENT_SECRET,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.setEncoding('utf8').on('data', (text: string) => lines.push(...text.split('\n').filter(Boolean)));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => lines.push(...text.split('\n').filter(Boolean)));

  const deadline = Date.now() + 30_000;
  while (!(await fetch(`${issuer}/ready`).then((response) => response.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the identity provider did not start:\n${lines.join('\n')}`);
    await sleep(100);
  }

  const publishedKids = async () => ((await (await fetch(`${issuer}/jwks`)).json()) as { keys: Array<{ kid: string }> }).keys.map((key) => key.kid);
  return {
    issuer,
    logs: () => [...lines],
    async rotateKeys() {
      const before = await publishedKids();
      child.kill('SIGHUP');
      while ((await publishedKids())[0] === before[0]) await sleep(50);
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BrowserResponse {
  status: number;
  url: string;
  body: string;
  headers: Headers;
}

/**
 * A browser as far as the provider's pages need one: cookies kept per origin, redirects followed, forms read from
 * the HTML and submitted with their hidden fields.
 */
export class TestBrowser {
  private readonly cookies = new Map<string, string>();

  async open(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<BrowserResponse> {
    let current = url;
    let method = init.method ?? 'GET';
    let body: URLSearchParams | undefined = init.form ? new URLSearchParams(init.form) : undefined;
    for (let hop = 0; hop < 20; hop += 1) {
      const response = await fetch(current, {
        method,
        redirect: 'manual',
        headers: { cookie: this.cookieHeader(), ...(body && { 'content-type': 'application/x-www-form-urlencoded' }) },
        ...(body && { body }),
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair = ''] = cookie.split(';');
        const [name = '', ...value] = pair.split('=');
        if (/expires=Thu, 01 Jan 1970/i.test(cookie) || value.join('=') === '') this.cookies.delete(name.trim());
        else this.cookies.set(name.trim(), value.join('='));
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current).toString();
        // a redirect back to a client (the web client's callback) is where the browser leaves the provider
        if (!current.startsWith(new URL(url).origin)) return { status: response.status, url: current, body: '', headers: response.headers };
        method = 'GET';
        body = undefined;
        continue;
      }
      return { status: response.status, url: current, body: await response.text(), headers: response.headers };
    }
    throw new Error('too many redirects');
  }

  /** Submits the page's form (the first, or the one with this id) with its hidden fields and the values given. */
  async submit(page: BrowserResponse, values: Record<string, string>, formId?: string): Promise<BrowserResponse> {
    const forms = [...page.body.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)];
    const form = formId ? forms.find((match) => match[1]?.includes(`id="${formId}"`)) : forms[0];
    if (!form) throw new Error(`no form${formId ? ` ${formId}` : ''} on ${page.url}:\n${page.body.slice(0, 2000)}`);
    const action = /action="([^"]*)"/.exec(form[1] ?? '')?.[1] ?? page.url;
    const hidden = Object.fromEntries(
      [...(form[2] ?? '').matchAll(/<input[^>]*type="hidden"[^>]*>/g)].map((input) => [/name="([^"]*)"/.exec(input[0])?.[1] ?? '', /value="([^"]*)"/.exec(input[0])?.[1] ?? '']),
    );
    return this.open(new URL(action.replace(/&amp;/g, '&'), page.url).toString(), { method: 'POST', form: { ...hidden, ...values } });
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** Signs `username` in on the provider's login page that `page` shows. */
export function signIn(browser: TestBrowser, page: BrowserResponse, username: string, password = TEST_PASSWORD): Promise<BrowserResponse> {
  return browser.submit(page, { username, password });
}
