// The README's examples, run as written: its ```graphql blocks and its ```sh commands, read from README.md on every
// run (so a changed example is tested as changed), against the whole hub — every service, the real gateway with its
// query limits, the demo data seeded as `npm start` seeds it — and with the tokens the README says how to get.
// Differences from a developer's machine, and only these: the hub listens on free ports, so the README's
// http://127.0.0.1:4000/graphql stands for this gateway's URL; and the commands find it, the servers and the
// development keys through the environment (HUB_GATEWAY_URL, <SERVICE>_MONGO_URL, KAFKA_BROKERS, HUB_CACHE_DIR).
// `npx hub` runs the built command line: npm run build first (npm test does).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { verifyUserToken } from '@hub/shared/auth';
import { issuersEnv } from '@hub/gateway';
import type { TestGateway } from '@hub/gateway/testkit';
import { DEV_AUDIENCE, DEV_ISSUER } from '../src/cli/dev-token';
import { REPO_ROOT } from '../src/cli/settings';
import { startWholeHub, type WholeHub } from './whole-hub';

jest.setTimeout(120_000);

// ---- the examples, from README.md -------------------------------------------------------------------------------

interface Block {
  lang: string;
  code: string;
  /** The README's text between the previous block and this one. */
  prose: string;
  line: number;
}

interface Command {
  /** The command as a shell reads it: continuation lines joined, the trailing comment left off. */
  text: string;
  comment: string;
  line: number;
}

function fencedBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let prose: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^```(\S*)\s*$/.exec(lines[i] as string);
    if (!open) {
      prose.push(lines[i] as string);
      continue;
    }
    const line = i + 1;
    const body: string[] = [];
    for (i += 1; i < lines.length && lines[i] !== '```'; i += 1) body.push(lines[i] as string);
    if (i >= lines.length) throw new Error(`README.md:${line}: a code block that is never closed`);
    blocks.push({ lang: open[1] as string, code: body.join('\n'), prose: prose.join('\n'), line });
    prose = [];
  }
  return blocks;
}

/** Where a shell comment starts on a line: a # after whitespace, outside quotes. */
function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i] as string;
    if (quote) {
      if (char === '\\' && quote === '"') i += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '\\') i += 1;
    else if (char === "'" || char === '"') quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) return i;
  }
  return -1;
}

function shellCommands(block: Block): Command[] {
  const commands: Command[] = [];
  const lines = block.code.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = block.line + 1 + i;
    let text = '';
    let raw = lines[i] as string;
    while (raw.endsWith('\\') && i + 1 < lines.length) {
      text += `${raw.slice(0, -1)}`;
      i += 1;
      raw = lines[i] as string;
    }
    const hash = commentStart(raw);
    text = `${text}${hash < 0 ? raw : raw.slice(0, hash)}`.replace(/\s+/g, ' ').trim();
    const comment = hash < 0 ? '' : raw.slice(hash + 1).trim();
    if (text) commands.push({ text, comment, line });
  }
  return commands;
}

const blocks = fencedBlocks(readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'));
const graphqlExamples = blocks.filter((block) => block.lang === 'graphql');
const commands = blocks.filter((block) => block.lang === 'sh').flatMap(shellCommands);

/** The jobs whose sources are on the internet (JobTech, Vinnova): the only examples the README may mark so. */
const INTERNET = /^npx hub run (job-ads|funding-calls)\b/;
const MARKED_INTERNET = /\bneeds the internet\b/;

/** Examples this test does not run, and why: each must still be in the README. */
const NOT_RUN: Array<{ command: RegExp; why: string }> = [
  { command: /^npm start$/, why: 'it brings the hub up on the fixed development ports; this test brings up the same services, gateway and seeds on free ports' },
  { command: /^npm test$/, why: 'this test runs inside it' },
  { command: /^npx hub (login|logout)$/, why: "a person signs in at a browser; services/jobs/test/login.test.ts does that on the provider's own pages" },
  { command: /\/pg_dump /, why: "a backup of npm start's embedded PostgreSQL; this test's database may be MongoDB" },
  { command: /\/pg_restore /, why: 'a restore replaces the whole database, which the other test files use at the same time' },
];
const notRun = (command: Command) => NOT_RUN.find(({ command: pattern }) => pattern.test(command.text));
const needsInternet = (command: Command) => MARKED_INTERNET.test(command.comment);
const isRunnable = (command: Command) => !notRun(command) && !needsInternet(command);
const runnable = commands.filter(isRunnable);

describe('README.md', () => {
  it('has only sh, graphql and json examples, besides the unlabelled diagram', () => {
    expect(blocks.filter((block) => !['sh', 'graphql', 'json'].includes(block.lang)).map((block) => block.lang)).toEqual(['']);
    expect(graphqlExamples.length).toBeGreaterThanOrEqual(2);
  });

  it('gives issuer configurations the gateway accepts as AUTH_ISSUERS', () => {
    const issuerExamples = blocks.filter((block) => block.lang === 'json');
    expect(issuerExamples.length).toBeGreaterThan(0);
    for (const block of issuerExamples) expect(issuersEnv.safeParse(block.code).error).toBeUndefined();
  });

  it('marks exactly the commands that need the internet', () => {
    expect(commands.filter(needsInternet).map((command) => command.text)).toEqual(commands.filter((command) => INTERNET.test(command.text)).map((command) => command.text));
    expect(commands.filter(needsInternet).length).toBeGreaterThan(0);
  });

  it('still has every example this test leaves out, each for its reason', () => {
    for (const { command, why } of NOT_RUN) expect([String(command), why, commands.some((candidate) => command.test(candidate.text))]).toEqual([String(command), why, true]);
  });

  it('says before each query which token to ask it with', () => {
    for (const example of graphqlExamples) expect(tokenCommands(example)).toHaveLength(1);
  });
});

function tokenCommands(example: Block): string[] {
  return [...example.prose.matchAll(/`(npx hub token [^`]+)`/g)].map((match) => match[1] as string);
}

// ---- the hub they run against -------------------------------------------------------------------------------------

let hub: WholeHub;
let gateway: TestGateway;
let keys: WholeHub['keys'];
let workDir: string;
/** What the examples' shell sees; an example's assignment (TOKEN=$(…)) adds to it. */
let shellEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  if (!existsSync(path.join(REPO_ROOT, 'services', 'jobs', 'dist', 'cli', 'main.js'))) {
    throw new Error('the README runs npx hub, the built command line: npm run build first');
  }
  hub = await startWholeHub('readme');
  ({ gateway, keys } = hub);
  workDir = path.join(hub.scratch, 'work');
  mkdirSync(workDir, { recursive: true });
  shellEnv = { ...hub.cliEnv };
  // the demo data, as npm start seeds it
  const seeded = await shell('npx hub seed');
  if (seeded.code !== 0) throw new Error(`hub seed failed (${seeded.code}):\n${seeded.stderr}`);
}, 300_000);

afterAll(async () => {
  await hub?.stop();
});

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A command as the README writes it, in bash, in the examples' working folder. */
function shell(text: string): Promise<Ran> {
  const command = text.replaceAll('http://127.0.0.1:4000/graphql', gateway.url);
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd: workDir, env: shellEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a command; an assignment NAME=$(…) runs what it assigns and keeps the value for the commands after it. */
async function runExample(command: Command): Promise<Ran> {
  const assignment = /^([A-Z_][A-Z0-9_]*)=\$\((.+)\)$/.exec(command.text);
  const ran = await shell(assignment ? (assignment[2] as string) : command.text);
  if (ran.code !== 0) throw new Error(`README.md:${command.line}: ${command.text} exited with ${ran.code}\n${ran.stderr}${ran.stdout}`);
  if (assignment) shellEnv[assignment[1] as string] = ran.stdout.replace(/\n+$/, '');
  return ran;
}

// ---- what each example must do ------------------------------------------------------------------------------------

/** Lists in an answer that are empty, by path: an example should show something of everything it asks for. */
function emptyLists(value: unknown, at = 'data'): string[] {
  if (Array.isArray(value)) return value.length === 0 ? [at] : value.flatMap((item, index) => emptyLists(item, `${at}[${index}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => emptyLists(item, `${at}.${key}`));
  return [];
}

function expectAnswer(body: { data?: Record<string, unknown> | null; errors?: unknown[] }): void {
  expect(body.errors).toBeUndefined();
  expect(body.data).toEqual(expect.any(Object));
  for (const [field, value] of Object.entries(body.data ?? {})) expect([field, value]).not.toEqual([field, null]);
  expect(emptyLists(body.data)).toEqual([]);
}

function expectDevToken(token: string, claims: Record<string, unknown>): void {
  expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(verifyUserToken(token, { publicKey: keys.publicKey, issuer: DEV_ISSUER, audience: DEV_AUDIENCE })).toMatchObject(claims);
}

interface Expectation {
  command: RegExp;
  /** What must hold before the command runs, as the README's words around it say. */
  before?: () => Promise<void>;
  check: (ran: Ran) => void | Promise<void>;
}

const EXPECTATIONS: Expectation[] = [
  {
    // nobody signed in here: the command says so, and which development token it would use
    command: /^npx hub whoami$/,
    check: ({ stdout }) => expect(stdout).toMatch(/^dev:public:[0-9a-f]{8} · public · from a development public token$/m),
  },
  {
    command: /^TOKEN=\$\(npx hub token public\)$/,
    check: ({ stdout }) => expectDevToken(stdout.trim(), { roles: ['public'] }),
  },
  {
    command: /^curl /,
    check: ({ stdout }) => {
      const body = JSON.parse(stdout) as { data?: { organisations: { nodes: Array<{ name: string; municipality: { name: string } }> } } };
      expectAnswer(body);
      // "mala" finds Malå, å folded
      expect(body.data?.organisations.nodes.map((node) => node.municipality.name)).toContain('Malå');
    },
  },
  {
    command: /^npx hub token migration-officer --municipality 2422$/,
    check: ({ stdout }) => expectDevToken(stdout.trim(), { roles: ['migration-officer'], municipalityCode: '2422' }),
  },
  {
    command: /^printf .* > orgs\.csv$/,
    check: () => expect(readFileSync(path.join(workDir, 'orgs.csv'), 'utf8').trim().split('\n')).toHaveLength(2),
  },
  {
    command: /^npx hub run organisation-import --file orgs\.csv$/,
    check: async ({ stdout }) => {
      expect(stdout).toMatch(/^organisation-import run \w+: SUCCEEDED \(cli, /);
      expect(stdout).toMatch(/^ {2}counts +fetched 1, created 1$/m);
      const { number } = /^(?<number>\d{6}-\d{4});/m.exec(readFileSync(path.join(workDir, 'orgs.csv'), 'utf8'))?.groups ?? {};
      const answer = await gateway.gql<{ organisationByNumber: { municipality: { code: string } } | null }>(
        'query ($n: String!) { organisationByNumber(organisationNumber: $n) { municipality { code } } }',
        { n: number },
        gateway.token({ roles: ['admin'] }),
      );
      expect(answer.data?.organisationByNumber).toEqual({ municipality: { code: '2418' } });
    },
  },
  {
    command: /^npx hub run funder-report --out reports\/ /,
    check: ({ stdout }) => {
      expect(stdout).toMatch(/^funder-report run \w+: SUCCEEDED \(cli, /);
      const written = readdirSync(path.join(workDir, 'reports'));
      expect(written.some((name) => name.endsWith('.json'))).toBe(true);
      expect(written.some((name) => name.endsWith('.csv'))).toBe(true);
    },
  },
  {
    command: /^npx hub runs --json$/,
    check: ({ stdout }) => {
      const runs = JSON.parse(stdout) as Array<{ job: string; trigger: string; status: string; counts: Record<string, number> }>;
      expect(runs.map(({ job, trigger, status }) => ({ job, trigger, status }))).toEqual([
        { job: 'funder-report', trigger: 'cli', status: 'succeeded' },
        { job: 'organisation-import', trigger: 'cli', status: 'succeeded' },
      ]);
      expect(runs[1]?.counts).toMatchObject({ created: 1 });
    },
  },
  {
    command: /^npx hub erase de7000000000000000000002$/,
    check: ({ stdout }) => {
      expect(stdout).toMatch(/^erasure [\w-]+: COMPLETE /);
      for (const service of ['organisations', 'offerings', 'matchmaking', 'migration']) expect(stdout).toMatch(new RegExp(`^ {2}${service} +\\d{4}-`, 'm'));
    },
  },
  {
    command: /^npx hub seed$/,
    check: ({ stderr }) => expect(stderr).toContain('seeded organisations, offerings, matchmaking, migration'),
  },
  {
    command: /^npx hub replay matchmaking --yes$/,
    // "a stopped service's read models"
    before: () => hub.stopMatchmaking(),
    check: ({ stdout }) => {
      expect(stdout).toContain(`matchmaking: consumer group ${hub.groups.matchmaking} reset to the earliest offsets`);
      expect(stdout).toMatch(/deleted \d+ processed-event marks and organisations \(\d+\), projects \(\d+\), offerings \(\d+\)/);
    },
  },
];

const expectationOf = (command: Command) => EXPECTATIONS.filter((expectation) => expectation.command.test(command.text));

describe('README.md examples, run as written', () => {
  it('has an expectation for every command it runs, and every expectation a command', () => {
    for (const command of runnable) expect([command.text, expectationOf(command).length]).toEqual([command.text, 1]);
    for (const { command } of EXPECTATIONS) expect([String(command), runnable.some((candidate) => command.test(candidate.text))]).toEqual([String(command), true]);
  });

  for (const block of blocks) {
    if (block.lang === 'graphql') {
      it(`README.md:${block.line}: the query answers with data, asked with ${tokenCommands(block)[0]}`, async () => {
        const [tokenCommand] = tokenCommands(block);
        const token = (await runExample({ text: tokenCommand as string, comment: '', line: block.line })).stdout.trim();
        const response = await gateway.gql(block.code, {}, token);
        expect(response.status).toBe(200);
        expectAnswer(response);
      });
    }
    if (block.lang !== 'sh') continue;
    for (const command of shellCommands(block).filter(isRunnable)) {
      it(`README.md:${command.line}: ${command.text.slice(0, 90)}`, async () => {
        const [expectation] = expectationOf(command);
        if (!expectation) throw new Error(`no expectation for README.md:${command.line}: ${command.text}`);
        await expectation.before?.();
        await expectation.check(await runExample(command));
      });
    }
  }
});
