import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ChoiceInput } from '../components/fields';
import { Localised } from '../components/localised';
import { Problem } from '../components/Problem';
import { appendingPage, ShowMore } from '../components/ShowMore';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime, formatNumber } from '../format';
import { graphql } from '../graphql';
import type { JobName, JobRunStatus } from '../graphql/graphql';
import type { Language } from '../i18n';
import { enumChoices } from './enum-choices';
import { runFilter } from './job-runs';

const JOB_RUNS = graphql(`
  query JobRuns($job: JobName, $status: JobRunStatus, $first: Int, $after: String) {
    jobRuns(job: $job, status: $status, first: $first, after: $after) {
      nodes {
        id
        job
        trigger
        status
        startedAt
        endedAt
        errorTexts {
          sv
          en
        }
        counts {
          fetched
          created
          updated
          unchanged
          closed
          rejected
          exported
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const JOB_SCHEDULES = graphql(`
  query JobSchedules {
    jobSchedules {
      job
      cron
      timeZone
      nextRunAt
    }
  }
`);

export function JobRuns() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  usePageTitle(t('jobs.title'));
  const [params, setParams] = useSearchParams();
  const job = params.get('job') ?? '';
  const status = params.get('status') ?? '';
  const runs = useQuery(JOB_RUNS, { variables: { ...runFilter(job as JobName | '', status as JobRunStatus | ''), first: 20 } });
  const schedules = useQuery(JOB_SCHEDULES);
  const shown = runs.data ?? runs.previousData;
  const nodes = shown?.jobRuns.nodes ?? [];

  const change = (key: 'job' | 'status') => (value: string) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value === '') next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );

  return (
    <section aria-labelledby="jobs-title">
      <h1 id="jobs-title">{t('jobs.title')}</h1>
      <p>{t('jobs.intro')}</p>
      <form className="filters" aria-label={t('catalogue.filters')} onSubmit={(event) => event.preventDefault()}>
        <ChoiceInput label={t('jobs.job')} choices={enumChoices(t, 'JobName', t('catalogue.any'))} value={job} onChange={change('job')} />
        <ChoiceInput label={t('jobs.status')} choices={enumChoices(t, 'JobRunStatus', t('catalogue.any'))} value={status} onChange={change('status')} />
      </form>
      {runs.error && <Problem error={runs.error} onRetry={() => void runs.refetch()} />}
      <p role="status" className="result-count">
        {runs.loading && !shown ? t('app.loading') : t('jobs.results', { count: nodes.length })}
      </p>
      {shown && nodes.length === 0 && <p>{t('jobs.none')}</p>}
      {nodes.length > 0 && (
        <div className="table-scroll">
          <table className="table runs">
            <caption className="visually-hidden">{t('jobs.runsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('jobs.job')}</th>
                <th scope="col">{t('jobs.status')}</th>
                <th scope="col">{t('jobs.started')}</th>
                <th scope="col">{t('jobs.ended')}</th>
                <th scope="col">{t('jobs.counts')}</th>
                <th scope="col">{t('jobs.error')}</th>
              </tr>
            </thead>
            <tbody>
              {nodes.map((run) => (
                <tr key={run.id}>
                  <th scope="row">
                    <Link to={`/jobs/${run.id}`}>{t(`enums.JobName.${run.job}`)}</Link>
                    <span className="meta"> · {t(`enums.JobRunTrigger.${run.trigger}`)}</span>
                  </th>
                  <td>
                    <span className={`status status-${run.status.toLowerCase()}`}>{t(`enums.JobRunStatus.${run.status}`)}</span>
                  </td>
                  <td>{formatDateTime(run.startedAt, language)}</td>
                  <td>{run.endedAt ? formatDateTime(run.endedAt, language) : t('jobs.notEnded')}</td>
                  <td>
                    {t('jobs.countsSummary', {
                      fetched: formatNumber(run.counts.fetched, language),
                      created: formatNumber(run.counts.created, language),
                      updated: formatNumber(run.counts.updated, language),
                      rejected: formatNumber(run.counts.rejected, language),
                    })}
                  </td>
                  <td>{run.errorTexts ? <Localised text={run.errorTexts} /> : run.counts.rejected > 0 ? t('jobs.rejectedItems', { count: run.counts.rejected }) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ShowMore connection={shown?.jobRuns} label={t('catalogue.more')} onMore={(after) => void runs.fetchMore({ variables: { after }, updateQuery: appendingPage('jobRuns') })} />

      <section aria-labelledby="schedules-title">
        <h2 id="schedules-title">{t('jobs.schedules')}</h2>
        {schedules.error && <Problem error={schedules.error} onRetry={() => void schedules.refetch()} />}
        {schedules.data && schedules.data.jobSchedules.length === 0 && <p>{t('jobs.noSchedules')}</p>}
        {schedules.data && schedules.data.jobSchedules.length > 0 && (
          <table className="table">
            <caption className="visually-hidden">{t('jobs.schedules')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('jobs.job')}</th>
                <th scope="col">{t('jobs.cron')}</th>
                <th scope="col">{t('jobs.nextRun')}</th>
              </tr>
            </thead>
            <tbody>
              {schedules.data.jobSchedules.map((schedule) => (
                <tr key={schedule.job}>
                  <th scope="row">{t(`enums.JobName.${schedule.job}`)}</th>
                  <td>
                    <code>{schedule.cron}</code> ({schedule.timeZone})
                  </td>
                  <td>{schedule.nextRunAt ? formatDateTime(schedule.nextRunAt, language) : t('jobs.notScheduled')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
