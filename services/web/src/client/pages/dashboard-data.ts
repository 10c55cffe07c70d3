import type { TFunction } from 'i18next';
import type { SignedInUser } from '../auth/session';
import type { ProjectFilter } from '../graphql/graphql';

/** One row of a chart and of the table beside it: a label and one figure per series (null when withheld). */
export interface FigureRow {
  key: string;
  label: string;
  values: Array<number | null>;
}

/** The figures of one chart: its series (the table's columns) and rows. */
export interface Figures {
  series: string[];
  rows: FigureRow[];
}

/**
 * The projects a person's dashboard offers: their municipality's for municipal staff, those their organisation
 * owns, takes part in or funds for partner staff, and every project for those with neither scope (admins).
 */
export function projectScope(user: Pick<SignedInUser, 'roles' | 'municipalityCode' | 'organisationId'>): ProjectFilter {
  if (user.roles.includes('municipal-staff') && user.municipalityCode) return { municipalityCode: user.municipalityCode };
  if (user.organisationId) return { organisationId: user.organisationId };
  return {};
}

interface StageCounts {
  contact: number;
  engaged: number;
  deepDive: number;
}

/** The funnel by stage, widest first: companies that reached each stage in the period and where they stand now. */
export function funnelFigures(t: TFunction, counts: { reached: StageCounts; current: StageCounts }): Figures {
  const stages = [
    ['CONTACT', 'contact'],
    ['ENGAGED', 'engaged'],
    ['DEEP_DIVE', 'deepDive'],
  ] as const;
  return {
    series: [t('dashboards.reached'), t('dashboards.current')],
    rows: stages.map(([stage, field]) => ({ key: stage, label: t(`enums.FunnelStage.${stage}`), values: [counts.reached[field], counts.current[field]] })),
  };
}

interface BreakdownCell {
  category: string;
  value?: number | null;
}

export interface IndicatorReport {
  participatingCompanies: { value?: number | null };
  ownerGender: BreakdownCell[];
  ownerAgeGroup: BreakdownCell[];
  ownerForeignBorn: BreakdownCell[];
  newCompaniesStarted: number;
  jobsCreatedExpected: number;
  jobsCreatedRealised: number;
  activitiesHeld: number;
}

/** The funders' headline figures in one chart. */
export function keyFigures(t: TFunction, report: IndicatorReport): Figures {
  const rows: Array<[string, number | null]> = [
    ['participatingCompanies', report.participatingCompanies.value ?? null],
    ['newCompaniesStarted', report.newCompaniesStarted],
    ['jobsCreatedExpected', report.jobsCreatedExpected],
    ['jobsCreatedRealised', report.jobsCreatedRealised],
    ['activitiesHeld', report.activitiesHeld],
  ];
  return {
    series: [t('dashboards.value')],
    rows: rows.map(([key, value]) => ({ key, label: t(`dashboards.indicator.${key}` as 'dashboards.indicator.activitiesHeld'), values: [value] })),
  };
}

export type Breakdown = 'ownerGender' | 'ownerAgeGroup' | 'ownerForeignBorn';

/** Participating companies by one owner trait, in the graph's order of categories. */
export function breakdownFigures(t: TFunction, breakdown: Breakdown, cells: readonly BreakdownCell[]): Figures {
  return {
    series: [t('dashboards.companies')],
    rows: cells.map((cell) => ({ key: cell.category, label: t(`dashboards.category.${breakdown}.${cell.category}`, { defaultValue: cell.category }), values: [cell.value ?? null] })),
  };
}

/** RFC 4180: a field with a comma, quote or line break is quoted with its quotes doubled; every record ends in CRLF. */
export function csvText(records: ReadonlyArray<ReadonlyArray<string>>): string {
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return records.map((record) => record.map(field).join(',') + '\r\n').join('');
}

/** A chart's table as CSV: a header of the row title and the series, then one record per row; withheld figures empty. */
export function figuresCsv(rowTitle: string, figures: Figures): string {
  return csvText([[rowTitle, ...figures.series], ...figures.rows.map((row) => [row.label, ...row.values.map((value) => (value === null ? '' : String(value)))])]);
}

/** A file name from a project's name: lower case letters, digits and dashes, å/ä/ö kept, nothing a file system refuses. */
export function fileName(prefix: string, projectName: string, extension: string): string {
  const slug = projectName
    .toLocaleLowerCase('sv-SE')
    .replace(/[^a-z0-9åäöéü]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${prefix}-${slug || 'projekt'}.${extension}`;
}
