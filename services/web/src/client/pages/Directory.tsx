import { useQuery } from '@apollo/client/react';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ChoiceInput, TextInput } from '../components/fields';
import { appendingPage, ShowMore } from '../components/ShowMore';
import { Problem } from '../components/Problem';
import { usePageTitle } from '../components/usePageTitle';
import { graphql } from '../graphql';
import type { OrganisationFilter, OrganisationKind } from '../graphql/graphql';
import { enumChoices } from './enum-choices';
import { useMunicipalityChoices } from './useMunicipalityChoices';

const DIRECTORY = graphql(`
  query Directory($filter: OrganisationFilter, $first: Int, $after: String) {
    organisations(filter: $filter, first: $first, after: $after) {
      nodes {
        id
        name
        kind
        organisationNumber
        municipality {
          code
          name
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export function Directory() {
  const { t } = useTranslation();
  usePageTitle(t('directory.title'));
  const [params, setParams] = useSearchParams();
  // the text is the input's own state: the address follows it, since a navigation per key stroke would lose keys
  const [text, setText] = useState(() => params.get('text') ?? '');
  const search = { text, kind: params.get('kind') ?? '', municipality: params.get('municipality') ?? '' };
  const asked = useDeferredValue(search);
  const filter: OrganisationFilter = {
    ...(asked.text.trim() && { text: asked.text.trim() }),
    ...(asked.kind && { kind: asked.kind as OrganisationKind }),
    ...(asked.municipality && { municipalityCode: asked.municipality }),
  };
  const { data, previousData, error, loading, fetchMore, refetch } = useQuery(DIRECTORY, { variables: { filter, first: 20 } });
  const shown = data ?? previousData;
  const municipalities = useMunicipalityChoices(t('catalogue.any'));
  const change = (key: keyof typeof search) => (value: string) => {
    if (key === 'text') setText(value);
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value === '') next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  };
  const organisations = shown?.organisations.nodes ?? [];

  return (
    <section aria-labelledby="directory-title">
      <h1 id="directory-title">{t('directory.title')}</h1>
      <p>{t('directory.intro')}</p>
      <form role="search" className="filters" aria-label={t('catalogue.filters')} onSubmit={(event) => event.preventDefault()}>
        <TextInput type="search" label={t('directory.search')} hint={t('directory.searchHint')} value={search.text} onChange={change('text')} />
        <ChoiceInput label={t('directory.kind')} choices={enumChoices(t, 'OrganisationKind', t('catalogue.any'))} value={search.kind} onChange={change('kind')} />
        <ChoiceInput label={t('directory.municipality')} choices={municipalities} value={search.municipality} onChange={change('municipality')} />
      </form>
      {error && <Problem error={error} onRetry={() => void refetch()} />}
      <p role="status" className="result-count">
        {loading && !shown ? t('app.loading') : ''}
      </p>
      {shown && organisations.length === 0 && <p>{t('directory.none')}</p>}
      <table className="table">
        <caption className="visually-hidden">{t('directory.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('directory.title')}</th>
            <th scope="col">{t('directory.kind')}</th>
            <th scope="col">{t('directory.municipality')}</th>
            <th scope="col">{t('directory.number')}</th>
          </tr>
        </thead>
        <tbody>
          {organisations.map((organisation) => (
            <tr key={organisation.id}>
              <th scope="row">
                <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>
              </th>
              <td>{t(`enums.OrganisationKind.${organisation.kind}`)}</td>
              <td>{organisation.municipality.name}</td>
              <td>{organisation.organisationNumber}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ShowMore connection={shown?.organisations} label={t('catalogue.more')} onMore={(after) => void fetchMore({ variables: { after }, updateQuery: appendingPage('organisations') })} />
    </section>
  );
}
