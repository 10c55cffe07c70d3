import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Localised } from '../components/localised';
import { Problem } from '../components/Problem';
import { usePageTitle } from '../components/usePageTitle';
import { formatPercent } from '../format';
import { graphql } from '../graphql';
import type { Language } from '../i18n';
import { FunnelSection } from './company/FunnelSection';
import { NeedsSection } from './company/NeedsSection';
import { Reasons } from './company/Reasons';
import { ReferralsSection } from './company/ReferralsSection';

export const COMPANY = graphql(`
  query CompanyPage($id: ID!) {
    organisation(id: $id) {
      id
      name
      kind
      organisationNumber
      employees
      foundedYear
      industries {
        code
      }
      municipality {
        code
        name
      }
      needsAnalysis {
        needs {
          need
          priority
          note
          recordedAt
        }
        ownerGroups
        offers
        seeks
        updatedAt
      }
      offeringMatches(first: 10, excludedFirst: 20) {
        matches {
          offeringId
          score
          reasons {
            code
            texts {
              sv
              en
            }
          }
          offering {
            id
            title {
              sv
              en
            }
            provider {
              id
              name
            }
          }
        }
        excluded {
          offeringId
          reason
          texts {
            sv
            en
          }
          offering {
            id
            title {
              sv
              en
            }
          }
        }
      }
      companyMatches(first: 5) {
        companyId
        score
        reasons {
          code
          texts {
            sv
            en
          }
        }
        company {
          id
          name
          municipality {
            code
            name
          }
        }
      }
      adviserMatches(first: 5) {
        organisationId
        contactId
        score
        reasons {
          code
          texts {
            sv
            en
          }
        }
        organisation {
          id
          name
          contacts {
            id
            name
          }
        }
      }
      funnelPositions {
        project {
          id
          name
        }
        stage
        history {
          stage
          at
          correction
        }
      }
    }
  }
`);

/** A company as its municipal business office works with it: profile, needs, matches, referrals and funnel. */
export function CompanyPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { id = '' } = useParams();
  const { data, error, loading, refetch } = useQuery(COMPANY, { variables: { id } });
  const company = data?.organisation;
  usePageTitle(company?.name ?? t('companies.title'));

  if (error && !company) return <Problem error={error} onRetry={() => void refetch()} />;
  if (loading && !company) return <p role="status">{t('app.loading')}</p>;
  if (!company) {
    return (
      <section>
        <h1>{t('company.notFound')}</h1>
        <Link to="/companies">{t('company.back')}</Link>
      </section>
    );
  }
  const { matches, excluded } = company.offeringMatches;
  return (
    // the benchmark times the page until its matches are shown
    <article aria-labelledby="company-title" data-loaded="true">
      <p>
        <Link to="/companies">{t('company.back')}</Link>
      </p>
      <h1 id="company-title">{company.name}</h1>
      <dl className="facts">
        <div>
          <dt>{t('directory.number')}</dt>
          <dd>{company.organisationNumber}</dd>
        </div>
        <div>
          <dt>{t('directory.municipality')}</dt>
          <dd>{company.municipality.name}</dd>
        </div>
        <div>
          <dt>{t('directory.industries')}</dt>
          <dd>{company.industries.length === 0 ? '–' : company.industries.map((industry) => industry.code).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('directory.employees')}</dt>
          <dd>{company.employees ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('directory.founded')}</dt>
          <dd>{company.foundedYear ?? '–'}</dd>
        </div>
      </dl>
      {error && <Problem error={error} onRetry={() => void refetch()} />}

      <NeedsSection companyId={company.id} analysis={company.needsAnalysis} />

      <section aria-labelledby="offering-matches">
        <h2 id="offering-matches">{t('company.matches.offerings')}</h2>
        {matches.length === 0 ? (
          <p>{t('company.matches.noOfferings')}</p>
        ) : (
          <ol className="matches">
            {matches.map((match) => (
              <li key={match.offeringId} className="card">
                <h3>
                  {match.offering ? (
                    <Link to={`/offerings/${match.offering.id}`}>
                      <Localised text={match.offering.title} />
                    </Link>
                  ) : (
                    t('company.matches.hiddenOffering')
                  )}
                </h3>
                <p className="meta">
                  {match.offering?.provider.name} · {t('company.matches.score', { score: formatPercent(match.score, language) })}
                </p>
                <Reasons reasons={match.reasons} />
              </li>
            ))}
          </ol>
        )}
        <h3>{t('company.matches.excluded')}</h3>
        {excluded.length === 0 ? (
          <p>{t('company.matches.noExcluded')}</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">{t('company.matches.excluded')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('company.matches.offering')}</th>
                <th scope="col">{t('company.matches.why')}</th>
              </tr>
            </thead>
            <tbody>
              {excluded.map((item) => (
                <tr key={item.offeringId}>
                  <th scope="row">{item.offering ? <Localised text={item.offering.title} /> : t('company.matches.hiddenOffering')}</th>
                  <td>
                    <strong>{t(`enums.ExclusionReason.${item.reason}`)}</strong>: <Localised text={item.texts} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="adviser-matches">
        <h2 id="adviser-matches">{t('company.matches.advisers')}</h2>
        {company.adviserMatches.length === 0 ? (
          <p>{t('company.matches.noAdvisers')}</p>
        ) : (
          <ul className="matches">
            {company.adviserMatches.map((match) => (
              <li key={`${match.organisationId}:${match.contactId}`} className="card">
                <h3>{match.organisation?.contacts.find((contact) => contact.id === match.contactId)?.name ?? t('company.matches.adviser')}</h3>
                <p className="meta">
                  {match.organisation?.name} · {t('company.matches.score', { score: formatPercent(match.score, language) })}
                </p>
                <Reasons reasons={match.reasons} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="company-matches">
        <h2 id="company-matches">{t('company.matches.companies')}</h2>
        {company.companyMatches.length === 0 ? (
          <p>{t('company.matches.noCompanies')}</p>
        ) : (
          <ul className="matches">
            {company.companyMatches.map((match) => (
              <li key={match.companyId} className="card">
                <h3>{match.company ? <Link to={`/companies/${match.company.id}`}>{match.company.name}</Link> : t('company.matches.hiddenCompany')}</h3>
                <p className="meta">
                  {match.company?.municipality.name} · {t('company.matches.score', { score: formatPercent(match.score, language) })}
                </p>
                <Reasons reasons={match.reasons} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <ReferralsSection companyId={company.id} companyName={company.name} />
      <FunnelSection companyId={company.id} municipalityCode={company.municipality.code} positions={company.funnelPositions} />
    </article>
  );
}
