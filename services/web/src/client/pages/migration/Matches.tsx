import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Localised } from '../../components/localised';
import { Problem } from '../../components/Problem';
import { graphql } from '../../graphql';

const MATCHES = graphql(`
  query CandidateMatches($candidateId: ID!) {
    candidateMatches(candidateId: $candidateId) {
      vacancies {
        vacancyId
        forPartner
        score
        reasonTexts {
          sv
          en
        }
        vacancy {
          id
          title
          employer {
            id
            name
          }
          municipality {
            code
            name
          }
        }
      }
      places {
        municipality {
          code
          name
        }
        score
        reasonTexts {
          sv
          en
        }
        vacancies
        partnerVacancies
      }
    }
  }
`);

/** Dual career: jobs for the candidate and their partner, and the places the household could live, with the graph's reasons. */
export function Matches({ candidateId }: { candidateId: string }) {
  const { t } = useTranslation();
  const { data, error, loading, refetch } = useQuery(MATCHES, { variables: { candidateId } });
  const matches = data?.candidateMatches;
  return (
    <section aria-labelledby="matches">
      <h2 id="matches">{t('migration.matches.title')}</h2>
      <p>{t('migration.matches.intro')}</p>
      {error && <Problem error={error} onRetry={() => void refetch()} />}
      {loading && <p role="status">{t('app.loading')}</p>}
      {matches && (
        <>
          <h3>{t('migration.matches.vacancies')}</h3>
          {matches.vacancies.length === 0 ? (
            <p>{t('migration.matches.noVacancies')}</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">{t('migration.matches.vacanciesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('migration.matches.vacancy')}</th>
                  <th scope="col">{t('migration.matches.employer')}</th>
                  <th scope="col">{t('migration.matches.municipality')}</th>
                  <th scope="col">{t('migration.matches.forWhom')}</th>
                  <th scope="col">{t('migration.matches.reasons')}</th>
                </tr>
              </thead>
              <tbody>
                {matches.vacancies.map((match) => (
                  <tr key={match.vacancyId}>
                    <th scope="row">{match.vacancy.title}</th>
                    <td>{match.vacancy.employer ? <Link to={`/organisations/${match.vacancy.employer.id}`}>{match.vacancy.employer.name}</Link> : '–'}</td>
                    <td>{match.vacancy.municipality.name}</td>
                    <td>{match.forPartner ? t('migration.matches.partner') : t('migration.matches.candidate')}</td>
                    <td>
                      <Reasons reasons={match.reasonTexts} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t('migration.matches.places')}</h3>
          {matches.places.length === 0 ? (
            <p>{t('migration.matches.noPlaces')}</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">{t('migration.matches.placesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('migration.matches.municipality')}</th>
                  <th scope="col">{t('migration.matches.placeVacancies')}</th>
                  <th scope="col">{t('migration.matches.partnerVacancies')}</th>
                  <th scope="col">{t('migration.matches.reasons')}</th>
                </tr>
              </thead>
              <tbody>
                {matches.places.map((place) => (
                  <tr key={place.municipality.code}>
                    <th scope="row">{place.municipality.name}</th>
                    <td>{place.vacancies}</td>
                    <td>{place.partnerVacancies}</td>
                    <td>
                      <Reasons reasons={place.reasonTexts} />
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

/** The graph's reasons, in the person's language. */
function Reasons({ reasons }: { reasons: ReadonlyArray<{ sv: string; en?: string | null }> }) {
  return (
    <ul className="reasons">
      {reasons.map((reason) => (
        <li key={reason.sv}>
          <Localised text={reason} />
        </li>
      ))}
    </ul>
  );
}
