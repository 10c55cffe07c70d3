import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { mayUse } from '../auth/permissions';
import { Localised } from '../components/localised';
import { Problem } from '../components/Problem';
import { usePageTitle } from '../components/usePageTitle';
import { formatDate } from '../format';
import { graphql } from '../graphql';
import type { Language } from '../i18n';
import { seatsText } from './seats';

// the graph lists one status at a time (the most it gives per list is 100): drafts first, history last
graphql(`
  fragment OwnOfferingRow on Offering {
    id
    status
    title {
      sv
      en
    }
    startDate
    endDate
    seats {
      capacity
      enrolled
      waitlisted
    }
  }
`);

const OWN_OFFERINGS = graphql(`
  query OwnOfferings($organisationId: ID!) {
    organisation(id: $organisationId) {
      id
      name
      drafts: offerings(status: DRAFT, first: 100) {
        nodes {
          ...OwnOfferingRow
        }
      }
      published: offerings(status: PUBLISHED, first: 100) {
        nodes {
          ...OwnOfferingRow
        }
      }
      closed: offerings(status: CLOSED, first: 100) {
        nodes {
          ...OwnOfferingRow
        }
      }
      archived: offerings(status: ARCHIVED, first: 100) {
        nodes {
          ...OwnOfferingRow
        }
      }
    }
  }
`);

export function OurOfferings() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { user } = useAuth();
  usePageTitle(t('ownOfferings.title'));
  const organisationId = user?.organisationId ?? null;
  const allowed = mayUse(user, 'ownOfferings');
  const { data, error, loading, refetch } = useQuery(OWN_OFFERINGS, { variables: { organisationId: organisationId ?? '' }, skip: !allowed || !organisationId });
  const organisation = data?.organisation;
  const titleOf = (title: { sv: string; en?: string | null } | null | undefined) => (title ? (language === 'en' && title.en) || title.sv : t('ownOfferings.untitled'));
  const offerings = organisation ? [...organisation.drafts.nodes, ...organisation.published.nodes, ...organisation.closed.nodes, ...organisation.archived.nodes] : [];

  return (
    <section aria-labelledby="own-offerings-title">
      <h1 id="own-offerings-title">{t('ownOfferings.title')}</h1>
      {!allowed ? (
        <p>{t('errors.FORBIDDEN')}</p>
      ) : !organisationId ? (
        <p>{t('ownOfferings.noOrganisation')}</p>
      ) : (
        <>
          {organisation && <p>{t('ownOfferings.intro', { organisation: organisation.name })}</p>}
          <p>
            <Link className="button-link primary" to="/our-offerings/new">
              {t('ownOfferings.new')}
            </Link>
          </p>
          {error && <Problem error={error} onRetry={() => void refetch()} />}
          {loading && <p role="status">{t('app.loading')}</p>}
          {organisation && offerings.length === 0 && <p>{t('ownOfferings.none')}</p>}
          {offerings.length > 0 && (
            <table className="table">
              <caption className="visually-hidden">{t('ownOfferings.table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ownOfferings.form.titleSv')}</th>
                  <th scope="col">{t('ownOfferings.status')}</th>
                  <th scope="col">{t('ownOfferings.period')}</th>
                  <th scope="col">{t('ownOfferings.seats')}</th>
                  <th scope="col">{t('ownOfferings.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {offerings.map((offering) => (
                  <tr key={offering.id}>
                    <th scope="row">
                      <Link to={`/our-offerings/${offering.id}`}>{offering.title ? <Localised text={offering.title} /> : t('ownOfferings.untitled')}</Link>
                    </th>
                    <td className="status-badge">{t(`enums.OfferingStatus.${offering.status}`)}</td>
                    <td>
                      {offering.startDate && formatDate(offering.startDate, language)}
                      {offering.endDate && ` – ${formatDate(offering.endDate, language)}`}
                    </td>
                    <td>{seatsText(t, offering.seats)}</td>
                    <td>
                      <Link to={`/our-offerings/${offering.id}/enrolments`} aria-label={t('ownOfferings.roster.title', { title: titleOf(offering.title) })}>
                        {t('ownOfferings.enrolments')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
