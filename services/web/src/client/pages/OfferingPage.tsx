import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Tag } from '../components/fields';
import { Localised } from '../components/localised';
import { Problem } from '../components/Problem';
import { usePageTitle } from '../components/usePageTitle';
import { formatDate, formatDateTime, formatNumber } from '../format';
import { graphql } from '../graphql';
import type { Language } from '../i18n';

const OFFERING = graphql(`
  query OfferingPage($id: ID!) {
    offering(id: $id) {
      id
      title {
        sv
        en
      }
      description {
        sv
        en
      }
      kind
      status
      format
      startDate
      endDate
      applicationDeadline
      link
      priceSek
      needs
      targetGroups
      industries
      servesWholeRegion
      municipalitiesServed {
        code
        name
      }
      provider {
        id
        name
      }
      eligibility {
        maxEmployees
        maxCompanyAgeYears
      }
      seats {
        capacity
        enrolled
        waitlisted
      }
      sessions {
        id
        title
        startsAt
        endsAt
        place
        link
      }
    }
  }
`);

export function OfferingPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { id = '' } = useParams();
  const { data, error, loading, refetch } = useQuery(OFFERING, { variables: { id } });
  const offering = data?.offering;
  const title = offering ? (language === 'en' && offering.title?.en) || offering.title?.sv || '' : t('offering.about');
  usePageTitle(title);

  if (error) return <Problem error={error} onRetry={() => void refetch()} />;
  if (loading) return <p role="status">{t('app.loading')}</p>;
  if (!offering) {
    return (
      <section>
        <h1>{t('offering.notFound')}</h1>
        <Link to="/">{t('offering.back')}</Link>
      </section>
    );
  }
  const { seats } = offering;
  return (
    <article aria-labelledby="offering-title">
      <p>
        <Link to="/">{t('offering.back')}</Link>
      </p>
      <h1 id="offering-title">
        <Localised text={offering.title} />
      </h1>
      <p className="meta">
        {t(`enums.OfferingKind.${offering.kind}`)} · <Link to={`/organisations/${offering.provider.id}`}>{offering.provider.name}</Link>
      </p>
      <p className="tags">
        {offering.needs.map((need) => (
          <Tag key={need}>{t(`enums.Need.${need}`)}</Tag>
        ))}
      </p>
      <section aria-labelledby="about">
        <h2 id="about">{t('offering.about')}</h2>
        <p className="description">
          <Localised text={offering.description} />
        </p>
        <dl className="facts">
          <div>
            <dt>{t('catalogue.deadline')}</dt>
            <dd>{offering.applicationDeadline ? formatDate(offering.applicationDeadline, language) : t('catalogue.noDeadline')}</dd>
          </div>
          {offering.startDate && (
            <div>
              <dt>{t('offering.period')}</dt>
              <dd>
                {formatDate(offering.startDate, language)}
                {offering.endDate && ` – ${formatDate(offering.endDate, language)}`}
              </dd>
            </div>
          )}
          {offering.format && (
            <div>
              <dt>{t('catalogue.format')}</dt>
              <dd>{t(`enums.OfferingFormat.${offering.format}`)}</dd>
            </div>
          )}
          <div>
            <dt>{t('offering.price')}</dt>
            <dd>{offering.priceSek === 0 ? t('offering.free') : t('offering.priceSek', { price: formatNumber(offering.priceSek, language) })}</dd>
          </div>
          <div>
            <dt>{t('catalogue.seats')}</dt>
            <dd>
              {seats.capacity === null || seats.capacity === undefined ? t('catalogue.unlimited') : t('catalogue.seatsLeft', { enrolled: seats.enrolled, capacity: seats.capacity })}
              {seats.waitlisted > 0 && `, ${t('offering.waitlisted', { count: seats.waitlisted })}`}
            </dd>
          </div>
          <div>
            <dt>{t('offering.municipalities')}</dt>
            <dd>{offering.servesWholeRegion ? t('catalogue.wholeRegion') : offering.municipalitiesServed.map((m) => m.name).join(', ')}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="eligibility">
        <h2 id="eligibility">{t('offering.eligibility')}</h2>
        <ul>
          {offering.targetGroups.map((group) => (
            <li key={group}>{t(`enums.TargetGroup.${group}`)}</li>
          ))}
          {offering.eligibility.maxEmployees !== null && offering.eligibility.maxEmployees !== undefined && (
            <li>{t('offering.maxEmployees', { count: offering.eligibility.maxEmployees })}</li>
          )}
          {offering.eligibility.maxCompanyAgeYears !== null && offering.eligibility.maxCompanyAgeYears !== undefined && (
            <li>{t('offering.maxAge', { count: offering.eligibility.maxCompanyAgeYears })}</li>
          )}
          <li>
            {t('offering.industries')}: {offering.industries.length === 0 ? t('offering.allIndustries') : offering.industries.join(', ')}
          </li>
        </ul>
      </section>
      <section aria-labelledby="sessions">
        <h2 id="sessions">{t('offering.sessions')}</h2>
        {offering.sessions.length === 0 ? (
          <p>{t('offering.noSessions')}</p>
        ) : (
          <ul>
            {offering.sessions.map((session) => (
              <li key={session.id}>
                <strong>{session.title}</strong>: {formatDateTime(session.startsAt, language)} – {formatDateTime(session.endsAt, language)}
                {session.place && `, ${session.place}`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="enrol">
        <h2 id="enrol">{t('offering.enrol')}</h2>
        <p>{t('offering.enrolOffice')}</p>
        {offering.link && (
          <p>
            <a href={offering.link} rel="noopener noreferrer" target="_blank">
              {t('offering.enrolLink')}
            </a>
          </p>
        )}
      </section>
    </article>
  );
}
