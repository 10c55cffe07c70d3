import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { ROLES } from '@hub/shared/auth';
import { JOB_NAMES, type JobName } from '../application/job';
import { RUN_STATUSES } from '../domain/job-run';
import { eraseCommand } from './commands/erase';
import { loginCommand, logoutCommand, whoamiCommand } from './commands/login';
import { replayCommand } from './commands/replay';
import { runCommand } from './commands/run';
import { runsCommand, MAX_LIMIT } from './commands/runs';
import { seedCommand, SEEDS } from './commands/seed';
import { tokenCommand } from './commands/token';
import { EXIT, exitCodeOf, messageOf, type ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { REPLAYABLE_SERVICES, type ReplayableService } from './replay-plan';

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
/** A repeatable option whose values are checked against `choices` (commander's own choices() take one value). */
const collectChoice =
  (choices: readonly string[]) =>
  (value: string, previous: string[] | undefined): string[] => {
    if (!choices.includes(value)) throw new InvalidArgumentError(`Allowed choices are ${choices.join(', ')}.`);
    return collect(value, previous);
  };

const ENVIRONMENT = `
Environment:
  HUB_GATEWAY_URL   the gateway (default http://127.0.0.1:4000/graphql, as npm start)
  HUB_TOKEN         the token to call it with; without it, your sign-in (hub login), else one made from
                    npm start's development keys
  HUB_OIDC_ISSUER   the identity provider hub login signs in at (default http://127.0.0.1:4006, as npm start)
  MONGO_URL         a service's database (default: npm start's FerretDB, database hub_<service>);
                    <SERVICE>_MONGO_URL (JOBS_MONGO_URL, …) for one service's, before MONGO_URL
  KAFKA_BROKERS     Kafka (default: npm start's, 127.0.0.1:19092)
  HUB_CACHE_DIR     where npm start keeps its development keys (default .cache)
  LOG_LEVEL         the services' log lines on stderr (default warn)

Exit codes: 0 done, 1 the operation failed, 2 usage error, 3 configuration missing, 130 interrupted.`;

/** The `hub` command line; a new one per invocation (commander keeps parse state). */
export function createProgram(io: CliIo, exitWith: (code: ExitCode) => void): Command {
  const program = new Command('hub')
    .description("The Region 10 hub's operator command line: demo data, development tokens, integration jobs, replays and erasure")
    .exitOverride()
    .configureOutput({ writeOut: (text) => void io.stdout.write(text), writeErr: (text) => void io.stderr.write(text) })
    .showHelpAfterError('(hub --help lists the commands; hub <command> --help explains one)')
    .helpCommand(true)
    .addHelpText(
      'after',
      `
Examples:
  hub login                                          sign in as yourself (npm start lists the demo users)
  hub token municipal-staff --municipality 2418      a token for Malå's business office
  hub seed                                           the demo data, as npm start seeds it
  hub run job-ads                                    import JobTech's job ads once
  hub run organisation-import --file orgs.csv --json
  hub runs --job job-ads --status failed
  hub replay matchmaking                             rebuild matchmaking's read models (stop it first)
  hub erase 5f1e0c2b9d3a4e5f6a7b8c9d --timeout 30
${ENVIRONMENT}`,
    );

  program
    .command('token')
    .description("Prints a development token for a role, signed with npm start's development keys (.cache/dev/secrets.json)")
    .addArgument(new Argument('<role>', 'the role').choices(ROLES))
    .option('--subject <id>', 'who the token is for (default: a new subject dev:<role>:<random>)')
    .option('--organisation <id>', 'the organisation the caller acts for (partner staff, municipal staff)')
    .option('--municipality <code>', 'the municipality (SCB code) the caller acts for (municipal staff, migration officers)')
    .option('--hours <n>', 'hours until it expires', '12')
    .option('--json', 'the token with its claims and expiry as JSON')
    .addHelpText(
      'after',
      `
Only for a development hub: production tokens come from the identity provider. Exits 3 when npm start has
never made the development keys here.

Examples:
  hub token admin
  hub token partner-staff --organisation 665f0c2b9d3a4e5f6a7b8c9d
  hub token migration-officer --municipality 2422 --hours 2
  export HUB_TOKEN=$(hub token integration)`,
    )
    .action((role: string, options) => {
      tokenCommand(io, role, options);
    });

  program
    .command('login')
    .description('Signs you in at the identity provider from this terminal (device authorization); hub commands then act as you')
    .option('--issuer <url>', 'the identity provider (default HUB_OIDC_ISSUER, else npm start\'s http://127.0.0.1:4006)')
    .option('--json', 'who you are signed in as, as JSON')
    .addHelpText(
      'after',
      `
Prints an address to open in any browser and a code to check there; sign in on that page. The session is kept in
.cache/session.json (only you can read it) and renewed with its refresh token until hub logout.

Examples:
  hub login
  hub login --issuer https://login.region10.example`,
    )
    .action(async (options) => {
      await loginCommand(io, options);
    });

  program
    .command('logout')
    .description('Ends your sign-in: revokes its refresh token at the provider and forgets it here')
    .action(async () => {
      await logoutCommand(io);
    });

  program
    .command('whoami')
    .description('Shows who hub commands act as, and where that token comes from')
    .option('--json', 'as JSON')
    .action(async (options) => {
      await whoamiCommand(io, options);
    });

  program
    .command('seed')
    .description('Seeds the demo data as npm start does: the organisations into their database, the rest through the gateway')
    .addOption(new Option('--only <seed>', `only this seed (repeatable): ${SEEDS.join(', ')}`).argParser(collectChoice(SEEDS)))
    .option('--json', 'what was seeded, as JSON')
    .addHelpText(
      'after',
      `
Runs the services' own seed scripts (services/<service>/dist/seed.js; npm run build first). The organisations
seed writes to the organisations database (ORGANISATIONS_MONGO_URL or MONGO_URL, default npm start's) and Kafka;
the others call the gateway with an admin token (HUB_TOKEN, or one made from the development keys). Seeding again
adds nothing twice.

Examples:
  hub seed
  hub seed --only offerings --only matchmaking`,
    )
    .action(async (options) => {
      await seedCommand(io, options);
    });

  program
    .command('run')
    .description('Runs one job once, now, in this process; the run is recorded like a scheduled one (trigger cli)')
    .addArgument(new Argument('<job>', 'the job').choices(JOB_NAMES))
    .option('--file <csv>', 'organisation-import: the CSV file to import')
    .option('--report <csv>', 'organisation-import: where to write the rejected rows (default beside the file)')
    .option('--out <dir>', 'funder-report: where to write the reports (default reports/)')
    .option('--from <date>', 'funder-report: first day of the period, YYYY-MM-DD (default: the previous quarter)')
    .option('--to <date>', 'funder-report: last day of the period, YYYY-MM-DD')
    .option('--project <id>', 'funder-report: only this project')
    .option('--since <date>', 'funding-calls: read changes since this day on a first run, YYYY-MM-DD')
    .option('--provider <number>', "funding-calls: the provider's organisation number (default Vinnova's)")
    .option('--option <name=value>', 'any other option of the job (repeatable)', collect)
    .option('--json', 'the run record as JSON on stdout')
    .option('--verbose', "the job's log lines on stderr")
    .addHelpText(
      'after',
      `
The run goes through the hub's gateway with an integration token (HUB_INTEGRATION_TOKEN or HUB_TOKEN, else one
made from the development keys) and is recorded in the jobs service's database (JOBS_MONGO_URL or MONGO_URL,
default npm start's hub_jobs); it holds the job's lock, so it never overlaps a scheduled run. Ctrl-C stops it after the current batch
with the cursor committed (exit 130); the next run resumes there. Exit 1 when the run failed.

Examples:
  hub run job-ads
  hub run funding-calls --since 2026-01-01
  hub run organisation-import --file register.csv --report rejected.csv --json
  hub run funder-report --from 2026-01-01 --to 2026-03-31 --out reports/ --project 665f0c2b9d3a4e5f6a7b8c9d`,
    )
    .action(async (job: JobName, options) => {
      exitWith(await runCommand(io, job, options));
    });

  program
    .command('runs')
    .description("Lists past runs, newest first, through the graph (the jobs subgraph's jobRuns)")
    .addOption(new Option('--job <name>', 'only this job').choices(JOB_NAMES))
    .addOption(new Option('--status <status>', 'only runs with this status').choices(RUN_STATUSES))
    .option('--limit <n>', `how many (1–${MAX_LIMIT})`, '20')
    .option('--json', 'the runs as JSON on stdout')
    .addHelpText(
      'after',
      `
Examples:
  hub runs
  hub runs --job organisation-import --status failed --limit 5
  hub runs --json | jq '.[0].counts'`,
    )
    .action(async (options) => {
      await runsCommand(io, options);
    });

  program
    .command('replay')
    .description("Rebuilds a service's read models by replaying its consumer group from the first event")
    .addArgument(new Argument('<service>', 'the service').choices(REPLAYABLE_SERVICES))
    .option('--yes', 'do not ask for confirmation')
    .option('--group <id>', "the service's consumer group (default CONSUMER_GROUP, else the service's name)")
    .option('--mongo-url <url>', "the service's database (default <SERVICE>_MONGO_URL or MONGO_URL, else npm start's hub_<service>)")
    .option('--brokers <list>', 'Kafka brokers host:port,… (default KAFKA_BROKERS, else npm start\'s)')
    .option('--json', 'what was reset and deleted, as JSON')
    .addHelpText(
      'after',
      `
Stop the service first: a consumer group with members is refused (exit 1). With the service stopped, this resets
its consumer group to the earliest offsets of every topic it reads, and deletes, in the service's own database,
its marks of handled events and its read models only:
  matchmaking  organisations, projects, offerings
  offerings    organisations, projects
  migration    employers, hub_access_log
What the service owns is never touched. Start the service again and it rebuilds them from the first event
(past erasures included). The organisations service keeps no read models.

Examples:
  hub replay matchmaking
  MONGO_URL=mongodb://db.example:27017/hub_offerings KAFKA_BROKERS=kafka.example:9092 hub replay offerings --yes`,
    )
    .action(async (service: ReplayableService, options) => {
      exitWith(await replayCommand(io, service, options));
    });

  program
    .command('erase')
    .description('Erases a person across the hub (erasePerson) and waits until every service has completed it')
    .argument('<personId>', "the person's hub id (24 hex characters)")
    .option('--timeout <s>', 'seconds to wait for every service', '60')
    .option('--json', 'the erasure request and its completions as JSON')
    .addHelpText(
      'after',
      `
Needs an admin token (HUB_TOKEN, else one made from the development keys). Exit 1 when the gateway refuses or
when not every service has completed the erasure within the timeout (look it up later with erasure(id)).

Examples:
  hub erase de7000000000000000000002
  hub erase de7000000000000000000002 --timeout 10 --json`,
    )
    .action(async (personId: string, options) => {
      exitWith(await eraseCommand(io, personId, options));
    });

  return program;
}

/** Runs `hub` with these arguments; resolves with the exit code, never exits the process. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = createProgram(io, (exitCode) => {
    code = exitCode;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    const message = messageOf(error);
    if (message) io.stderr.write(`hub: ${message}\n`);
    return exitCodeOf(error);
  }
}
