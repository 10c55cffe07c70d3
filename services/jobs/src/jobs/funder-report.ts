import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { swedishDate } from '@hub/shared/calendar';
import type { Job, JobContext } from '../application/job';
import { funderReport, previousQuarter, projectSlug, reportCsv, type Indicators, type Period } from '../domain/funder-report';
import { isIsoDate } from '../domain/vinnova';
import { WordedError } from '../domain/text';

interface Project {
  id: string;
  name: string;
}

const PROJECT = `query ($id: ID!) { project(id: $id) { id name } }`;
const PROJECTS = `query ($after: String) { projects(first: 100, after: $after) { nodes { id name } pageInfo { endCursor hasNextPage } } }`;
const INDICATORS = `query ($scope: IndicatorScope!) { indicators(scope: $scope) {
  participatingCompanies { value suppressed } ownerGender { category value suppressed }
  newCompaniesStarted jobsCreatedExpected jobsCreatedRealised activitiesHeld } }`;

/**
 * Writes each project's indicators for a period as `<out>/<project>_<from>_<to>.json` and `.csv`, in the rows
 * ERDF and ESF+ reporting asks for. Options: `out` (default `reports`), `projectId` (default every project),
 * `from` and `to` (default the previous calendar quarter).
 */
export const funderReportJob: Job = {
  name: 'funder-report',
  description: 'Exports indicators per project and period for ERDF and ESF+ reporting, as CSV and JSON',
  run: exportReports,
};

async function exportReports(context: JobContext): Promise<void> {
  const { options } = context;
  const period = periodOf(options);
  const out = options.out ?? 'reports';
  await mkdir(out, { recursive: true });
  const projects = options.projectId ? [await projectById(context, options.projectId)] : await allProjects(context);

  const usedNames = new Set<string>();
  for (const [index, project] of projects.entries()) {
    if (context.signal.aborted) return;
    const { indicators } = await context.gateway.request<{ indicators: Indicators }>(INDICATORS, { scope: { projectId: project.id, ...period } });
    const report = funderReport(project, period, indicators);
    // two projects of the same name would overwrite each other's files
    let slug = projectSlug(project.name) || project.id;
    if (usedNames.has(slug)) slug = `${slug}-${project.id}`;
    usedNames.add(slug);
    const base = path.join(out, `${slug}_${period.from}_${period.to}`);
    await writeWhole(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
    await writeWhole(`${base}.csv`, reportCsv(report));
    context.count('exported');
    context.progress(index + 1, projects.length);
  }
}

function periodOf(options: Readonly<Record<string, string>>): Period {
  const { from, to } = options;
  if (from === undefined && to === undefined) return previousQuarter(swedishDate());
  if (from === undefined || to === undefined) {
    throw new WordedError({ sv: 'ange både from och to (ÅÅÅÅ-MM-DD), eller ingen av dem för föregående kvartal', en: 'give both from and to (YYYY-MM-DD), or neither for the previous quarter' });
  }
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (!isIsoDate(value)) throw new WordedError({ sv: `${name} "${value}" är inget datum ÅÅÅÅ-MM-DD`, en: `${name} "${value}" is not a date YYYY-MM-DD` });
  }
  if (from > to) throw new WordedError({ sv: `perioden slutar (${to}) innan den börjar (${from})`, en: `the period ends (${to}) before it starts (${from})` });
  return { from, to };
}

async function projectById(context: JobContext, id: string): Promise<Project> {
  const { project } = await context.gateway.request<{ project: Project | null }>(PROJECT, { id });
  if (!project) throw new WordedError({ sv: `inget projekt ${id} i hubben`, en: `no project ${id} in the hub` });
  return project;
}

async function allProjects(context: JobContext): Promise<Project[]> {
  const projects: Project[] = [];
  let after: string | null = null;
  do {
    const page: { projects: { nodes: Project[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } = await context.gateway.request(PROJECTS, { after });
    projects.push(...page.projects.nodes);
    after = page.projects.pageInfo.hasNextPage ? page.projects.pageInfo.endCursor : null;
  } while (after);
  return projects;
}

/** Written beside and then renamed, so a reader never finds half a report. */
async function writeWhole(file: string, content: string): Promise<void> {
  const partial = `${file}.partial`;
  await writeFile(partial, content, 'utf8');
  await rename(partial, file);
}
