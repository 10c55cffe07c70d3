import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Localised } from '../components/localised';
import { Problem } from '../components/Problem';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime, formatNumber } from '../format';
import { graphql } from '../graphql';
import type { Language } from '../i18n';
import { runSeconds } from './job-runs';

const JOB_RUN = graphql(`
  query JobRunPage($id: ID!) {
    jobRun(id: $id) {
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
      rejected {
        item
        texts {
          sv
          en
        }
      }
      options {
        name
        value
      }
    }
  }
`);

const COUNTS = ['fetched', 'created', 'updated', 'unchanged', 'closed', 'rejected', 'exported'] as const;

export function JobRunPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { id = '' } = useParams();
  const { data, error, loading, refetch } = useQuery(JOB_RUN, { variables: { id } });
  const run = data?.jobRun;
  usePageTitle(run ? t('jobs.runTitle', { job: t(`enums.JobName.${run.job}`) }) : t('jobs.title'));

  if (error) return <Problem error={error} onRetry={() => void refetch()} />;
  if (loading) return <p role="status">{t('app.loading')}</p>;
  if (!run) {
    return (
      <section>
        <h1>{t('jobs.notFound')}</h1>
        <Link to="/jobs">{t('jobs.back')}</Link>
      </section>
    );
  }
  const seconds = runSeconds(run.startedAt, run.endedAt);
  return (
    <article aria-labelledby="run-title">
      <p>
        <Link to="/jobs">{t('jobs.back')}</Link>
      </p>
      <h1 id="run-title">{t('jobs.runTitle', { job: t(`enums.JobName.${run.job}`) })}</h1>
      <p className="meta">
        <span className={`status status-${run.status.toLowerCase()}`}>{t(`enums.JobRunStatus.${run.status}`)}</span> · {t(`enums.JobRunTrigger.${run.trigger}`)}
      </p>
      <dl className="facts">
        <div>
          <dt>{t('jobs.started')}</dt>
          <dd>{formatDateTime(run.startedAt, language)}</dd>
        </div>
        <div>
          <dt>{t('jobs.ended')}</dt>
          <dd>
            {run.endedAt ? formatDateTime(run.endedAt, language) : t('jobs.notEnded')}
            {seconds !== null && ` (${t('jobs.seconds', { count: seconds, formatted: formatNumber(seconds, language) })})`}
          </dd>
        </div>
        {run.options.map((option) => (
          <div key={option.name}>
            <dt>
              {t('jobs.option')} <code>{option.name}</code>
            </dt>
            <dd className="wrap">{option.value}</dd>
          </div>
        ))}
      </dl>
      {run.errorTexts && (
        <section aria-labelledby="run-error" className="problem">
          <h2 id="run-error">{t('jobs.error')}</h2>
          <p className="wrap">
            <Localised text={run.errorTexts} />
          </p>
        </section>
      )}
      <section aria-labelledby="run-counts">
        <h2 id="run-counts">{t('jobs.counts')}</h2>
        <table className="table figures">
          <caption className="visually-hidden">{t('jobs.counts')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('jobs.count')}</th>
              <th scope="col" className="number">
                {t('jobs.items')}
              </th>
            </tr>
          </thead>
          <tbody>
            {COUNTS.map((count) => (
              <tr key={count}>
                <th scope="row">{t(`jobs.countNames.${count}`)}</th>
                <td className="number">{formatNumber(run.counts[count], language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="run-rejected">
        <h2 id="run-rejected">{t('jobs.rejected')}</h2>
        {run.rejected.length === 0 ? (
          <p>{t('jobs.noRejected')}</p>
        ) : (
          <>
            {run.counts.rejected > run.rejected.length && <p>{t('jobs.firstRejected', { shown: run.rejected.length, count: run.counts.rejected })}</p>}
            <table className="table">
              <caption className="visually-hidden">{t('jobs.rejected')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('jobs.item')}</th>
                  <th scope="col">{t('jobs.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {run.rejected.map((rejected, index) => (
                  <tr key={`${rejected.item}-${index}`}>
                    <th scope="row">{rejected.item}</th>
                    <td className="wrap">
                      <Localised text={rejected.texts} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </article>
  );
}
