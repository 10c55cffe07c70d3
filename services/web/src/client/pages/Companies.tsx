import { useQuery } from '@apollo/client/react';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { TextInput } from '../components/fields';
import { appendingPage, ShowMore } from '../components/ShowMore';
import { Problem } from '../components/Problem';
import { usePageTitle } from '../components/usePageTitle';
import { graphql } from '../graphql';

const COMPANIES = graphql(`
  query Companies($filter: OrganisationFilter, $first: Int, $after: String) {
    organisations(filter: $filter, first: $first, after: $after) {
      nodes {
        id
        name
        organisationNumber
        employees
        industries {
          code
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

/** The companies of the adviser's municipality, the ones its business office works with. */
export function Companies() {
  const { t } = useTranslation();
  usePageTitle(t('companies.title'));
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  // the text is the input's own state: the address follows it, since a navigation per key stroke would lose keys
  const [text, setText] = useState(() => params.get('text') ?? '');
  const asked = useDeferredValue(text.trim());
  const { data, previousData, error, loading, fetchMore, refetch } = useQuery(COMPANIES, {
    variables: { filter: { kind: 'COMPANY', ...(user?.municipalityCode && { municipalityCode: user.municipalityCode }), ...(asked && { text: asked }) }, first: 20 },
  });
  const shown = data ?? previousData;
  const companies = shown?.organisations.nodes ?? [];
  const search = (value: string) => {
    setText(value);
    setParams(value === '' ? new URLSearchParams() : new URLSearchParams({ text: value }), { replace: true });
  };

  return (
    <section aria-labelledby="companies-title">
      <h1 id="companies-title">{t('companies.title')}</h1>
      <p>{t('companies.intro')}</p>
      <form role="search" className="filters" aria-label={t('catalogue.filters')} onSubmit={(event) => event.preventDefault()}>
        <TextInput type="search" label={t('companies.search')} hint={t('companies.searchHint')} value={text} onChange={search} />
      </form>
      {error && <Problem error={error} onRetry={() => void refetch()} />}
      <p role="status" className="result-count">
        {loading && !shown ? t('app.loading') : ''}
      </p>
      {shown && companies.length === 0 && <p>{t('companies.none')}</p>}
      <table className="table">
        <caption className="visually-hidden">{t('companies.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('companies.name')}</th>
            <th scope="col">{t('directory.number')}</th>
            <th scope="col">{t('directory.industries')}</th>
            <th scope="col">{t('directory.employees')}</th>
          </tr>
        </thead>
        <tbody>
          {companies.map((company) => (
            <tr key={company.id}>
              <th scope="row">
                <Link to={`/companies/${company.id}`}>{company.name}</Link>
              </th>
              <td>{company.organisationNumber}</td>
              <td>{company.industries.map((industry) => industry.code).join(', ')}</td>
              <td>{company.employees ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ShowMore connection={shown?.organisations} label={t('catalogue.more')} onMore={(after) => void fetchMore({ variables: { after }, updateQuery: appendingPage('organisations') })} />
    </section>
  );
}
