/** A count the hub withholds when small enough to identify people: `value` is null exactly when suppressed. */
export interface SuppressibleCount {
  value: number | null;
  suppressed: boolean;
}

/** The offerings service's IndicatorReport, the fields a funder report uses. */
export interface Indicators {
  participatingCompanies: SuppressibleCount;
  ownerGender: Array<SuppressibleCount & { category: string }>;
  newCompaniesStarted: number;
  jobsCreatedExpected: number;
  jobsCreatedRealised: number;
  activitiesHeld: number;
}

export interface Period {
  from: string;
  to: string;
}

/**
 * One line of a funder report. `code` is the ERDF 2021–2027 common indicator where there is one; the owners'
 * gender follows ESF+, which breaks participants down by women, men and non-binary.
 */
export interface ReportRow {
  code: string | null;
  indicator: string;
  breakdown: string;
  value: number | null;
  suppressed: boolean;
  unit: string;
}

export interface FunderReport {
  project: { id: string; name: string };
  period: Period;
  rows: ReportRow[];
}

const GENDER_LABELS: Record<string, string> = { woman: 'women', man: 'men', 'non-binary': 'non-binary', 'not-stated': 'not stated' };

/**
 * The hub's indicators in the rows ERDF and ESF+ reporting asks for. Withheld cells stay withheld: nothing is
 * derived from a total and the other cells, which would give a withheld one back by subtraction.
 */
export function funderReport(project: { id: string; name: string }, period: Period, indicators: Indicators): FunderReport {
  const count = (value: number): Pick<ReportRow, 'value' | 'suppressed'> => ({ value, suppressed: false });
  const enterprises = 'Enterprises supported';
  return {
    project,
    period,
    rows: [
      { code: 'RCO01', indicator: enterprises, breakdown: 'total', ...cell(indicators.participatingCompanies), unit: 'enterprises' },
      ...indicators.ownerGender.map((gender) => ({
        code: 'RCO01',
        indicator: enterprises,
        breakdown: `owner: ${GENDER_LABELS[gender.category] ?? gender.category}`,
        ...cell(gender),
        unit: 'enterprises',
      })),
      { code: 'RCO05', indicator: 'New enterprises supported', breakdown: 'total', ...count(indicators.newCompaniesStarted), unit: 'enterprises' },
      // agencies report both, so expected and realised jobs are never added up
      { code: 'RCR01', indicator: 'Jobs created in supported entities', breakdown: 'expected', ...count(indicators.jobsCreatedExpected), unit: 'annual FTE' },
      { code: 'RCR01', indicator: 'Jobs created in supported entities', breakdown: 'realised', ...count(indicators.jobsCreatedRealised), unit: 'annual FTE' },
      { code: null, indicator: 'Activities held', breakdown: 'total', ...count(indicators.activitiesHeld), unit: 'sessions' },
    ],
  };
}

function cell(count: SuppressibleCount): Pick<ReportRow, 'value' | 'suppressed'> {
  return count.suppressed ? { value: null, suppressed: true } : { value: count.value, suppressed: false };
}

export const REPORT_CSV_HEADER = ['project', 'from', 'to', 'code', 'indicator', 'breakdown', 'value', 'unit', 'suppressed'] as const;

/** RFC 4180 with CRLF, one row per indicator; a withheld value is an empty field with suppressed = true. */
export function reportCsv(report: FunderReport): string {
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const records = [
    [...REPORT_CSV_HEADER],
    ...report.rows.map((row) => [
      report.project.name,
      report.period.from,
      report.period.to,
      row.code ?? '',
      row.indicator,
      row.breakdown,
      row.value === null ? '' : String(row.value),
      row.unit,
      String(row.suppressed),
    ]),
  ];
  return records.map((fields) => fields.map(field).join(',') + '\r\n').join('');
}

/** The calendar quarter before the one `today` (YYYY-MM-DD) falls in: funders are reported to by quarter. */
export function previousQuarter(today: string): Period {
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const [reportYear, reportQuarter] = quarter === 0 ? [year - 1, 3] : [year, quarter - 1];
  const firstMonth = reportQuarter * 3 + 1;
  const lastDay = new Date(Date.UTC(reportYear, firstMonth + 2, 0)).getUTCDate();
  const month = (m: number) => String(m).padStart(2, '0');
  return { from: `${reportYear}-${month(firstMonth)}-01`, to: `${reportYear}-${month(firstMonth + 2)}-${lastDay}` };
}

/** A file name from a project's name: å, ä, ö and other accents folded, lower case, words joined by dashes. */
export function projectSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}
