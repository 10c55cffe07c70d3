import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { appendingPage, ShowMore } from '../../components/ShowMore';
import { Problem } from '../../components/Problem';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../format';
import { graphql } from '../../graphql';
import type { Language } from '../../i18n';
import { useMunicipalityName } from './useMunicipalityName';

const PAGE_SIZE = 20;

const CANDIDATES = graphql(`
  query Candidates($municipalityCode: ID, $first: Int, $after: String) {
    candidates(municipalityCode: $municipalityCode, first: $first, after: $after) {
      nodes {
        id
        name
        currentLocation
        registeredAt
        occupations {
          code
          label
        }
        wishes {
          municipalities {
            code
            name
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

/** The officer's candidates: those who wish to move to their municipality or have a case there (an admin's: all). */
export function Candidates() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  usePageTitle(t('migration.candidates.title'));
  const { user } = useAuth();
  const municipalityCode = user?.municipalityCode ?? null;
  const place = useMunicipalityName(municipalityCode);
  const { data, error, loading, fetchMore, refetch } = useQuery(CANDIDATES, { variables: { municipalityCode, first: PAGE_SIZE } });
  const candidates = data?.candidates.nodes ?? [];

  return (
    <section aria-labelledby="candidates-title">
      <h1 id="candidates-title">{t('migration.candidates.title')}</h1>
      <p>{municipalityCode ? t('migration.candidates.intro', { place: place ?? municipalityCode }) : t('migration.candidates.introAll')}</p>
      {error && <Problem error={error} onRetry={() => void refetch()} />}
      <p role="status" className="result-count">
        {loading && !data ? t('app.loading') : data ? t('migration.candidates.shown', { count: candidates.length }) : ''}
      </p>
      {data && candidates.length === 0 && <p>{t('migration.candidates.none')}</p>}
      {candidates.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">{t('migration.candidates.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('migration.candidates.name')}</th>
              <th scope="col">{t('migration.candidates.currentLocation')}</th>
              <th scope="col">{t('migration.candidates.occupations')}</th>
              <th scope="col">{t('migration.candidates.wishedMunicipalities')}</th>
              <th scope="col">{t('migration.candidates.registeredAt')}</th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((candidate) => (
              <tr key={candidate.id}>
                <th scope="row">
                  <Link to={`/candidates/${candidate.id}`}>{candidate.name}</Link>
                </th>
                <td>{candidate.currentLocation}</td>
                <td>{candidate.occupations.map((occupation) => occupation.label).join(', ')}</td>
                <td>{candidate.wishes.municipalities.map((municipality) => municipality.name).join(', ')}</td>
                <td>{formatDateTime(candidate.registeredAt, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ShowMore connection={data?.candidates} label={t('migration.candidates.more')} onMore={(after) => void fetchMore({ variables: { after }, updateQuery: appendingPage('candidates') })} />
    </section>
  );
}
