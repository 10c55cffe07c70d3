import { parse } from 'csv-parse/sync';
import { ORGANISATION_KINDS, type OrganisationKind } from '@hub/shared/contracts';
import { readOrganisationNumber } from './organisation-number';
import { WordedError, type LocalisedText } from './text';

/** The columns an organisation file has, by the names a header may give them (Swedish or English, any case). */
const COLUMNS = {
  organisationNumber: ['organisationnumber', 'organisationsnummer', 'orgnr'],
  name: ['name', 'namn'],
  sni: ['sni', 'snicodes', 'snikoder'],
  municipalityCode: ['municipalitycode', 'kommunkod', 'kommun'],
  kind: ['kind', 'typ', 'type'],
  // optional: SNI 2007 unless the file says 2025
  sniVersion: ['sniversion'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['organisationNumber', 'name', 'sni', 'municipalityCode', 'kind'];

const NAME_MAX = 200;
const SNI_MAX = 20;

export type SniVersion = 'SNI2007' | 'SNI2025';

/** An accepted row, as the organisations service's inputs take it. */
export interface OrganisationRow {
  line: number;
  organisationNumber: string;
  name: string;
  /** Ranked as the file lists them (by turnover); empty when the file gives none. */
  industries: Array<{ code: string; version: SniVersion }>;
  municipalityCode: string;
  kind: OrganisationKind;
}

export interface RejectedRow {
  line: number;
  reason: LocalisedText;
}

export interface OrganisationFile {
  accepted: OrganisationRow[];
  rejected: RejectedRow[];
}

/** The file cannot be read at all (no header, a column missing, broken quoting): the run stops, nothing is sent. */
export class OrganisationFileError extends WordedError {
  override name = 'OrganisationFileError';
}

/**
 * Reads an organisation file: a header row, then one organisation a row, separated by `;` (as Swedish Excel
 * writes it) or `,`, with or without a UTF-8 byte order mark. Every row is checked on its own; a row with a
 * mistake is rejected with its line number and why, and never stops the others. A number listed twice is taken
 * from its first row.
 */
export function readOrganisationFile(text: string, knownMunicipalities: ReadonlySet<string>): OrganisationFile {
  const content = text.replace(/^\uFEFF/, '');
  const firstLine = content.slice(0, content.search(/\r?\n|$/));
  const delimiter = count(firstLine, ';') >= count(firstLine, ',') ? ';' : ',';
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(content, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as typeof records;
  } catch (error) {
    const why = (error as Error).message;
    throw new OrganisationFileError({ sv: `filen är inte giltig CSV: ${why}`, en: `the file is not valid CSV: ${why}` });
  }
  const [header, ...rows] = records;
  if (!header) throw new OrganisationFileError({ sv: 'filen är tom: den behöver en rubrikrad och en organisation per rad', en: 'the file is empty: it needs a header row and one organisation a row' });
  const positions = columnPositions(header.record);

  const accepted: OrganisationRow[] = [];
  const rejected: RejectedRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = info.lines;
    const value = (column: Column) => {
      const position = positions[column];
      return position === undefined ? '' : (record[position] ?? '').trim();
    };
    const reading = readRow(value, knownMunicipalities);
    if ('reason' in reading) {
      rejected.push({ line, reason: reading.reason });
      continue;
    }
    const earlier = firstLineOf.get(reading.organisationNumber);
    if (earlier !== undefined) {
      rejected.push({ line, reason: { sv: `organisationsnummer ${reading.organisationNumber} finns redan på rad ${earlier}`, en: `organisation number ${reading.organisationNumber} is already on line ${earlier}` } });
      continue;
    }
    firstLineOf.set(reading.organisationNumber, line);
    accepted.push({ line, ...reading });
  }
  return { accepted, rejected };
}

function readRow(value: (column: Column) => string, knownMunicipalities: ReadonlySet<string>): Omit<OrganisationRow, 'line'> | { reason: LocalisedText } {
  const refuse = (sv: string, en: string) => ({ reason: { sv, en } });
  const number = readOrganisationNumber(value('organisationNumber'));
  // a personal identity number is personal data: the reason never repeats it
  if (number.kind === 'personal-identity-number') {
    return refuse(
      'organisationsnumret har 0 eller 1 som tredje siffra: det är ett personnummer, inte en organisations',
      'the organisation number has 0 or 1 as its third digit: that is a personal identity number, not an organisation\'s',
    );
  }
  if (number.kind === 'invalid') return refuse('organisationsnumret är inte tio siffror NNNNNN-NNNN med rätt kontrollsiffra', 'the organisation number is not ten digits NNNNNN-NNNN with a valid check digit');
  const name = value('name');
  if (!name) return refuse('namnet är tomt', 'the name is empty');
  if (name.length > NAME_MAX) return refuse(`namnet är längre än ${NAME_MAX} tecken`, `the name is longer than ${NAME_MAX} characters`);
  const version = sniVersion(value('sniVersion'));
  const givenVersion = value('sniVersion').slice(0, 12);
  if (!version) return refuse(`SNI-versionen "${givenVersion}" är varken 2007 eller 2025`, `SNI version "${givenVersion}" is neither 2007 nor 2025`);
  const industries = sniCodes(value('sni'));
  if (!Array.isArray(industries)) return { reason: industries };
  const municipalityCode = value('municipalityCode');
  const givenCode = municipalityCode.slice(0, 12);
  if (!/^\d{4}$/.test(municipalityCode)) return refuse(`kommunkoden "${givenCode}" är inte en fyrsiffrig SCB-kod`, `municipality code "${givenCode}" is not a four-digit SCB code`);
  if (!knownMunicipalities.has(municipalityCode)) return refuse(`kommunkoden ${municipalityCode} är ingen kommun som hubben känner till`, `municipality code ${municipalityCode} is not a municipality the hub knows`);
  const kind = organisationKind(value('kind'));
  const givenKind = value('kind').slice(0, 40);
  if (!kind) return refuse(`typen "${givenKind}" är inte en av ${ORGANISATION_KINDS.join(', ')}`, `kind "${givenKind}" is not one of ${ORGANISATION_KINDS.join(', ')}`);
  return { organisationNumber: number.number, name, industries: industries.map((code) => ({ code, version })), municipalityCode, kind };
}

/** Several codes ranked by turnover, separated by `;` (or `,` and spaces); "62.010" is read as 62010. */
function sniCodes(text: string): string[] | LocalisedText {
  const codes = text.split(/[;,\s]+/).map((code) => code.replace(/\./g, '')).filter(Boolean);
  if (codes.length > SNI_MAX) return { sv: `fler än ${SNI_MAX} SNI-koder`, en: `more than ${SNI_MAX} SNI codes` };
  const wrong = codes.find((code) => !/^\d{2,5}$/.test(code) || code.startsWith('00'));
  if (wrong !== undefined) return { sv: `SNI-koden "${wrong.slice(0, 12)}" är inte 2 till 5 siffror`, en: `SNI code "${wrong.slice(0, 12)}" is not 2 to 5 digits` };
  const repeated = codes.find((code, index) => codes.indexOf(code) !== index);
  if (repeated !== undefined) return { sv: `SNI-koden ${repeated} står två gånger`, en: `SNI code ${repeated} is listed twice` };
  return codes;
}

function sniVersion(text: string): SniVersion | null {
  const year = text.replace(/^sni\s*/i, '');
  if (year === '' || year === '2007') return 'SNI2007';
  return year === '2025' ? 'SNI2025' : null;
}

/** `company`, `COMPANY`, `Support organisation` and `SUPPORT_ORGANISATION` all name the same kind. */
function organisationKind(text: string): OrganisationKind | null {
  const kebab = text.trim().toLowerCase().replace(/[\s_]+/g, '-');
  return (ORGANISATION_KINDS as readonly string[]).includes(kebab) ? (kebab as OrganisationKind) : null;
}

function columnPositions(header: string[]): Partial<Record<Column, number>> {
  const normalised = header.map((name) => name.toLowerCase().replace(/[\s_\-.]+/g, ''));
  const positions: Partial<Record<Column, number>> = {};
  for (const column of Object.keys(COLUMNS) as Column[]) {
    const position = normalised.findIndex((name) => (COLUMNS[column] as readonly string[]).includes(name));
    if (position >= 0) positions[column] = position;
  }
  const missing = REQUIRED.filter((column) => positions[column] === undefined);
  if (missing.length > 0) {
    const [named, has] = [missing.join(', '), header.join(', ')];
    throw new OrganisationFileError({
      sv: `rubrikraden saknar ${missing.length > 1 ? 'kolumnerna' : 'kolumnen'} ${named} (den har: ${has})`,
      en: `the header row lacks the column${missing.length > 1 ? 's' : ''} ${named} (it has: ${has})`,
    });
  }
  return positions;
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

/**
 * The rejected rows as a file a person fixes the input from: line and reason, `;`-separated like the input. In
 * English, like the command line that writes it.
 */
export function rejectionReport(rejected: readonly RejectedRow[]): string {
  const quote = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return ['line;reason', ...rejected.map((row) => `${row.line};${quote(row.reason.en)}`)].join('\r\n') + '\r\n';
}

/** An organisation as the hub has it, in the fields a file sets. */
export interface RegisteredOrganisation {
  name: string;
  kind: OrganisationKind;
  municipalityCode: string;
  industries: Array<{ code: string; version: SniVersion }>;
}

/**
 * What an update must change so the hub has what the row says: null when nothing differs. A row without SNI
 * codes leaves the hub's codes as they are: an empty cell is taken as "not stated", not as "none".
 */
export function organisationChanges(current: RegisteredOrganisation, row: OrganisationRow): Partial<RegisteredOrganisation> | null {
  const changes: Partial<RegisteredOrganisation> = {};
  if (current.name !== row.name) changes.name = row.name;
  if (current.kind !== row.kind) changes.kind = row.kind;
  if (current.municipalityCode !== row.municipalityCode) changes.municipalityCode = row.municipalityCode;
  const sameIndustries = JSON.stringify(current.industries.map(({ code, version }) => [code, version])) === JSON.stringify(row.industries.map(({ code, version }) => [code, version]));
  if (row.industries.length > 0 && !sameIndustries) changes.industries = row.industries;
  return Object.keys(changes).length > 0 ? changes : null;
}
