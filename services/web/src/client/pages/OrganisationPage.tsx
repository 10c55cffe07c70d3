import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Localised } from '../components/localised';
import { Problem } from '../components/Problem';
import { usePageTitle } from '../components/usePageTitle';
import { graphql } from '../graphql';

const ORGANISATION = graphql(`
  query OrganisationPage($id: ID!) {
    organisation(id: $id) {
      id
      name
      kind
      organisationNumber
      website
      employees
      foundedYear
      industries {
        code
      }
      municipality {
        code
        name
      }
      offerings(first: 20) {
        nodes {
          id
          title {
            sv
            en
          }
        }
      }
    }
  }
`);

export function OrganisationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, error, loading, refetch } = useQuery(ORGANISATION, { variables: { id } });
  const organisation = data?.organisation;
  usePageTitle(organisation?.name ?? t('directory.title'));

  if (error) return <Problem error={error} onRetry={() => void refetch()} />;
  if (loading) return <p role="status">{t('app.loading')}</p>;
  if (!organisation) return <h1>{t('directory.notFound')}</h1>;
  return (
    <article aria-labelledby="organisation-title">
      <p>
        <Link to="/organisations">{t('directory.title')}</Link>
      </p>
      <h1 id="organisation-title">{organisation.name}</h1>
      <dl className="facts">
        <div>
          <dt>{t('directory.kind')}</dt>
          <dd>{t(`enums.OrganisationKind.${organisation.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('directory.number')}</dt>
          <dd>{organisation.organisationNumber}</dd>
        </div>
        <div>
          <dt>{t('directory.municipality')}</dt>
          <dd>{organisation.municipality.name}</dd>
        </div>
        {organisation.industries.length > 0 && (
          <div>
            <dt>{t('directory.industries')}</dt>
            <dd>{organisation.industries.map((industry) => industry.code).join(', ')}</dd>
          </div>
        )}
        {organisation.employees !== null && organisation.employees !== undefined && (
          <div>
            <dt>{t('directory.employees')}</dt>
            <dd>{organisation.employees}</dd>
          </div>
        )}
        {organisation.foundedYear && (
          <div>
            <dt>{t('directory.founded')}</dt>
            <dd>{organisation.foundedYear}</dd>
          </div>
        )}
        {organisation.website && (
          <div>
            <dt>{t('directory.website')}</dt>
            <dd>
              <a href={organisation.website} rel="noopener noreferrer">
                {organisation.website}
              </a>
            </dd>
          </div>
        )}
      </dl>
      <section aria-labelledby="organisation-offerings">
        <h2 id="organisation-offerings">{t('directory.offerings')}</h2>
        {organisation.offerings.nodes.length === 0 ? (
          <p>{t('directory.noOfferings')}</p>
        ) : (
          <ul>
            {organisation.offerings.nodes.map((offering) => (
              <li key={offering.id}>
                <Link to={`/offerings/${offering.id}`}>
                  <Localised text={offering.title} />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
