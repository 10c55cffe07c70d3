import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { signIn, startIdentityProvider, subjectOf, TestBrowser, type TestIdentityProvider } from '@hub/identity/testkit';
import { EXIT } from '../src/cli/exit-codes';
import type { CliIo } from '../src/cli/io';
import { runCli } from '../src/cli/program';
import { sessionFile } from '../src/cli/session';

/**
 * `hub login` against the real development provider, the person's part done in a browser session on the
 * provider's own pages: the device code confirmed, the password given; then `hub whoami`, renewal with the
 * refresh token, and `hub logout`.
 */
let provider: TestIdentityProvider;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'hub-login-'));

beforeAll(async () => {
  provider = await startIdentityProvider();
});

afterAll(async () => {
  await provider?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

function hubIo(output: { stdout: string; stderr: string }): CliIo {
  return {
    stdout: { write: (text: string) => (output.stdout += text) },
    stderr: { write: (text: string) => (output.stderr += text), isTTY: false },
    env: { LOG_LEVEL: 'silent', HUB_CACHE_DIR: scratch, HUB_OIDC_ISSUER: provider.issuer },
    cwd: scratch,
  };
}

async function hub(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = { stdout: '', stderr: '' };
  const code = await runCli(args, hubIo(output));
  return { code, ...output };
}

describe('hub login', () => {
  it('signs a person in from the terminal, acts as them, renews, and signs out', async () => {
    const output = { stdout: '', stderr: '' };
    const login = runCli(['login'], hubIo(output));
    while (!/open (\S+) in a browser/.test(output.stderr)) await sleep(50);
    const address = /open (\S+) in a browser/.exec(output.stderr)![1]!;
    const shownCode = /the code (\S+)/.exec(output.stderr)![1]!;

    const browser = new TestBrowser();
    // the address carries the code, and the provider's page posts it on by itself (a script), as a browser would
    const confirmPage = await browser.submit(await browser.open(address), {});
    expect(confirmPage.body).toContain('Stämmer koden?');
    expect(confirmPage.body).toContain(shownCode);
    const loginPage = await browser.submit(confirmPage, {}, 'op.deviceConfirmForm');
    expect(loginPage.body).toContain('Logga in');
    const done = await signIn(browser, loginPage, 'mala.naringsliv');
    expect(done.body).toContain('Du är inloggad');

    expect(await login).toBe(EXIT.ok);
    expect(output.stderr).toContain(`signed in as ${subjectOf('mala.naringsliv')} (municipal-staff)`);

    const whoami = await hub(['whoami', '--json']);
    expect(whoami.code).toBe(EXIT.ok);
    expect(JSON.parse(whoami.stdout)).toMatchObject({ source: 'your sign-in (hub login)', sub: subjectOf('mala.naringsliv'), roles: ['municipal-staff'], municipality_code: '2418' });

    // an access token about to expire is renewed with the refresh token
    const stored = JSON.parse(readFileSync(sessionFile(hubIo(output).env), 'utf8')) as { accessToken: string; expiresAt: number };
    writeFileSync(sessionFile(hubIo(output).env), JSON.stringify({ ...stored, expiresAt: Date.now() }));
    expect((await hub(['whoami'])).code).toBe(EXIT.ok);
    const renewed = JSON.parse(readFileSync(sessionFile(hubIo(output).env), 'utf8')) as { accessToken: string; expiresAt: number };
    expect(renewed.accessToken).not.toBe(stored.accessToken);
    expect(renewed.expiresAt).toBeGreaterThan(Date.now());

    const logout = await hub(['logout']);
    expect(logout.stderr).toContain('signed out');
    const after = await hub(['whoami']);
    expect(after.code).toBe(EXIT.config);
    expect(after.stderr).toContain('run hub login');
  });

  it('reports a sign-in declined in the browser', async () => {
    const output = { stdout: '', stderr: '' };
    const login = runCli(['login'], hubIo(output));
    while (!/open (\S+) in a browser/.test(output.stderr)) await sleep(50);
    const address = /open (\S+) in a browser/.exec(output.stderr)![1]!;
    // typed by hand this time, on the provider's page for entering a code
    const browser = new TestBrowser();
    const codePage = await browser.open(new URL('/device', address).toString());
    expect(codePage.body).toContain('Koden som terminalen visar');
    const confirmPage = await browser.submit(codePage, { user_code: /the code (\S+)/.exec(output.stderr)![1]! }, 'op.deviceInputForm');
    await browser.submit(confirmPage, { abort: 'yes' }, 'op.deviceConfirmForm');
    expect(await login).toBe(EXIT.failed);
    expect(output.stderr).toContain('declined in the browser');
  });
});
