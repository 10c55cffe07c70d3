import { readFile, writeFile } from 'node:fs/promises';
import type { OrganisationKind } from '@hub/shared/contracts';
import { refusedByTheHub, type Job, type JobContext } from '../application/job';
import { organisationChanges, readOrganisationFile, rejectionReport, type OrganisationRow, type RegisteredOrganisation, type SniVersion } from '../domain/organisation-csv';
import { GatewayRefusal } from '@hub/shared/client';
import { WordedError, type LocalisedText } from '../domain/text';

const MUNICIPALITIES = `{ municipalities { code } }`;
const BY_NUMBERS = `query ($numbers: [String!]!) { organisationsByNumber(organisationNumbers: $numbers) {
  id name kind municipality { code } industries { code version } } }`;
/** Rows whose registered organisations are looked up in one request: the register answers up to 500 numbers at once. */
const ROWS_PER_LOOKUP = 500;
const REGISTER = `mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { id } }`;

interface Registered {
  id: string;
  name: string;
  kind: string;
  municipality: { code: string };
  industries: Array<{ code: string; version: SniVersion }>;
}

/**
 * Registers and updates organisations from a CSV file (organisation number, name, SNI codes, municipality code,
 * kind), through the graph like any partner's register sync. Every row is checked first; rejected rows go to the
 * run record and to a report file (`report` option, or beside the input as `<file>.rejected.csv`). An accepted row
 * is registered when its number is new and updated only when something differs, so running a file again changes
 * nothing. Options: `file` (required), `report`.
 */
export const organisationImportJob: Job = {
  name: 'organisation-import',
  description: 'Registers and updates organisations from a CSV file, with a report of the rows it rejected',
  run: importOrganisations,
};

async function importOrganisations(context: JobContext): Promise<void> {
  const { options, gateway } = context;
  const file = options.file;
  if (!file) throw new WordedError({ sv: 'vilken fil? Ange alternativet file: CSV-filen att importera', en: 'which file? Give the file option: the CSV file to import' });
  const reportPath = options.report ?? `${file.replace(/\.csv$/i, '')}.rejected.csv`;

  const text = await readFile(file, 'utf8');
  const { municipalities } = await gateway.request<{ municipalities: Array<{ code: string }> }>(MUNICIPALITIES);
  const { accepted, rejected } = readOrganisationFile(text, new Set(municipalities.map((municipality) => municipality.code)));
  context.count('fetched', accepted.length + rejected.length);

  const refused = [...rejected];
  let done = 0;
  for (let start = 0; start < accepted.length && !context.signal.aborted; start += ROWS_PER_LOOKUP) {
    const rows = accepted.slice(start, start + ROWS_PER_LOOKUP);
    // a file lists each number once, so what is registered now stays true for the rows of this slice
    const { organisationsByNumber } = await gateway.request<{ organisationsByNumber: Array<Registered | null> }>(BY_NUMBERS, {
      numbers: rows.map((row) => row.organisationNumber),
    });
    for (const [index, row] of rows.entries()) {
      if (context.signal.aborted) break;
      const reason = await upsert(context, row, organisationsByNumber[index] ?? null);
      if (reason) refused.push({ line: row.line, reason });
      context.progress(++done, accepted.length);
    }
  }
  refused.sort((a, b) => a.line - b.line);
  for (const row of refused) context.reject(`line ${row.line}`, row.reason);
  // written on every run, so a report left from an earlier run never describes this one
  await writeFile(reportPath, rejectionReport(refused), 'utf8');
  context.logger.info({ report: reportPath, rejected: refused.length }, 'wrote the report of rejected rows');
}

/**
 * Registers or updates one row against what is registered under its number; returns why the hub refused it, or
 * nothing. Other failures fail the run.
 */
async function upsert(context: JobContext, row: OrganisationRow, current: Registered | null): Promise<LocalisedText | undefined> {
  const { gateway } = context;
  try {
    if (!current) {
      await gateway.request(REGISTER, {
        input: { organisationNumber: row.organisationNumber, name: row.name, kind: enumValue(row.kind), municipalityCode: row.municipalityCode, industries: row.industries },
      });
      context.count('created');
      return undefined;
    }
    const changes = organisationChanges(registeredOrganisation(current), row);
    if (!changes) {
      context.count('unchanged');
      return undefined;
    }
    await gateway.request(UPDATE, { id: current.id, input: { ...changes, ...(changes.kind ? { kind: enumValue(changes.kind) } : {}) } });
    context.count('updated');
    return undefined;
  } catch (error) {
    // a rule of the register the file broke (BAD_USER_INPUT, CONFLICT…): that row's problem, not the run's
    if (error instanceof GatewayRefusal && error.errors.every((detail) => detail.code === 'BAD_USER_INPUT' || detail.code === 'CONFLICT')) {
      return refusedByTheHub(error.errors);
    }
    throw error;
  }
}

function registeredOrganisation(current: Registered): RegisteredOrganisation {
  return {
    name: current.name,
    kind: current.kind.toLowerCase().replace(/_/g, '-') as OrganisationKind,
    municipalityCode: current.municipality.code,
    industries: current.industries.map(({ code, version }) => ({ code, version })),
  };
}

/** The graph's enum value of a kind: support-organisation → SUPPORT_ORGANISATION. */
function enumValue(kind: OrganisationKind): string {
  return kind.toUpperCase().replace(/-/g, '_');
}
