import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { ChartWithTable } from '../components/ChartWithTable';
import { saveTextFile } from '../components/download';
import { ChoiceInput, TextInput } from '../components/fields';
import { Problem } from '../components/Problem';
import { usePageTitle } from '../components/usePageTitle';
import { formatDate, sortSwedish } from '../format';
import { placeRefusals } from '../graph';
import { graphql } from '../graphql';
import type { Language } from '../i18n';
import { breakdownFigures, fileName, figuresCsv, funnelFigures, keyFigures, projectScope, type Breakdown } from './dashboard-data';

const DASHBOARD_PROJECTS = graphql(`
  query DashboardProjects($filter: ProjectFilter) {
    projects(filter: $filter, first: 100) {
      nodes {
        id
        name
        startDate
        endDate
        owner {
          id
          name
        }
      }
    }
  }
`);

const PROJECT_FUNNEL = graphql(`
  query ProjectFunnel($filter: FunnelFilter) {
    funnel(filter: $filter) {
      total {
        reached {
          contact
          engaged
          deepDive
        }
        current {
          contact
          engaged
          deepDive
        }
      }
    }
  }
`);

const PROJECT_INDICATORS = graphql(`
  query ProjectIndicators($scope: IndicatorScope!) {
    indicators(scope: $scope) {
      participatingCompanies {
        value
        suppressed
      }
      ownerGender {
        category
        value
        suppressed
      }
      ownerAgeGroup {
        category
        value
        suppressed
      }
      ownerForeignBorn {
        category
        value
        suppressed
      }
      newCompaniesStarted
      jobsCreatedExpected
      jobsCreatedRealised
      activitiesHeld
    }
  }
`);

const PROJECT_INDICATORS_CSV = graphql(`
  query ProjectIndicatorsCsv($scope: IndicatorScope!) {
    indicatorsCsv(scope: $scope)
  }
`);

const BREAKDOWNS: readonly Breakdown[] = ['ownerGender', 'ownerAgeGroup', 'ownerForeignBorn'];

export function Dashboards() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { user } = useAuth();
  usePageTitle(t('dashboards.title'));
  const client = useApolloClient();
  const [params, setParams] = useSearchParams();
  const [csvError, setCsvError] = useState<unknown>(null);

  const projectsQuery = useQuery(DASHBOARD_PROJECTS, { variables: { filter: user ? projectScope(user) : {} } });
  const projects = sortSwedish(projectsQuery.data?.projects.nodes ?? [], (project) => project.name);
  const projectId = params.get('project') ?? projects[0]?.id ?? '';
  const project = projects.find((candidate) => candidate.id === projectId);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const period = { ...(from && { from }), ...(to && { to }) };

  const funnelQuery = useQuery(PROJECT_FUNNEL, { variables: { filter: { projectId, ...period } }, skip: !projectId });
  const indicatorsQuery = useQuery(PROJECT_INDICATORS, { variables: { scope: { projectId, ...period } }, skip: !projectId });
  // both queries name the date they refuse (filter.to, scope.to): the reason shows once, beside it, in the person's language
  const periodErrors = { ...placeRefusals(indicatorsQuery.error, periodField, i18n.language).errors, ...placeRefusals(funnelQuery.error, periodField, i18n.language).errors };
  const periodRefused = periodErrors.from !== undefined || periodErrors.to !== undefined;

  const change = (key: 'project' | 'from' | 'to') => (value: string) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value === '') next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );

  const funnel = funnelQuery.data?.funnel.total;
  const funnelData = funnel && funnelFigures(t, funnel);
  const indicators = indicatorsQuery.data?.indicators;
  const projectName = project?.name ?? '';

  const downloadIndicators = async () => {
    setCsvError(null);
    try {
      const { data } = await client.query({ query: PROJECT_INDICATORS_CSV, variables: { scope: { projectId, ...period } }, fetchPolicy: 'network-only' });
      if (data) saveTextFile(fileName(t('dashboards.indicatorsFile'), projectName, 'csv'), data.indicatorsCsv);
    } catch (error) {
      setCsvError(error);
    }
  };

  return (
    <section aria-labelledby="dashboards-title">
      <h1 id="dashboards-title">{t('dashboards.title')}</h1>
      <p>{t('dashboards.intro')}</p>
      {projectsQuery.error && <Problem error={projectsQuery.error} onRetry={() => void projectsQuery.refetch()} />}
      {projectsQuery.loading && <p role="status">{t('app.loading')}</p>}
      {projectsQuery.data && projects.length === 0 && <p>{t('dashboards.noProjects')}</p>}
      {projects.length > 0 && (
        <form className="filters" aria-label={t('dashboards.choose')} onSubmit={(event) => event.preventDefault()}>
          <ChoiceInput label={t('dashboards.project')} choices={projects.map((candidate) => ({ id: candidate.id, label: candidate.name }))} value={projectId} onChange={change('project')} />
          <TextInput type="date" label={t('dashboards.from')} value={from} onChange={change('from')} error={periodErrors.from} />
          <TextInput type="date" label={t('dashboards.to')} value={to} onChange={change('to')} error={periodErrors.to} />
        </form>
      )}
      {project && (
        <p className="meta">
          {t('dashboards.projectFacts', { owner: project.owner.name, start: formatDate(project.startDate, language) })}
          {project.endDate && ` – ${formatDate(project.endDate, language)}`}
        </p>
      )}

      {project && (
        <section aria-labelledby="funnel-title">
          <h2 id="funnel-title">{t('dashboards.funnel')}</h2>
          <p>{t('dashboards.funnelIntro')}</p>
          {funnelQuery.error && !periodRefused && <Problem error={funnelQuery.error} onRetry={() => void funnelQuery.refetch()} />}
          {funnelQuery.loading && <p role="status">{t('app.loading')}</p>}
          {funnelData && (
            <>
              <ChartWithTable id="funnel" title={t('dashboards.funnelByStage')} rowTitle={t('dashboards.stage')} figures={funnelData} />
              <Button onPress={() => saveTextFile(fileName(t('dashboards.funnelFile'), projectName, 'csv'), figuresCsv(t('dashboards.stage'), funnelData))}>
                {t('dashboards.downloadFunnel')}
              </Button>
            </>
          )}
        </section>
      )}

      {project && (
        <section aria-labelledby="indicators-title">
          <h2 id="indicators-title">{t('dashboards.indicators')}</h2>
          <p>{t('dashboards.indicatorsIntro')}</p>
          {indicatorsQuery.error && !periodRefused && <Problem error={indicatorsQuery.error} onRetry={() => void indicatorsQuery.refetch()} />}
          {indicatorsQuery.loading && <p role="status">{t('app.loading')}</p>}
          {indicators && (
            <>
              <Button onPress={() => void downloadIndicators()}>{t('dashboards.downloadIndicators')}</Button>
              {csvError !== null && <Problem error={csvError} onRetry={() => void downloadIndicators()} />}
              <ChartWithTable id="key-figures" title={t('dashboards.keyFigures')} rowTitle={t('dashboards.indicatorColumn')} figures={keyFigures(t, indicators)} />
              {BREAKDOWNS.map((breakdown) => (
                <ChartWithTable
                  key={breakdown}
                  id={breakdown}
                  title={t(`dashboards.breakdown.${breakdown}`)}
                  rowTitle={t('dashboards.categoryColumn')}
                  figures={breakdownFigures(t, breakdown, indicators[breakdown])}
                />
              ))}
            </>
          )}
        </section>
      )}
    </section>
  );
}
/** The period's end or start, as the funnel (`filter.to`) and the indicators (`scope.to`) name them. */
function periodField(path: string): 'from' | 'to' | undefined {
  return /^(?:filter|scope)\.(from|to)$/.exec(path)?.[1] as 'from' | 'to' | undefined;
}

