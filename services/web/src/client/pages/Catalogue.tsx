import { useQuery } from '@apollo/client/react';
import { useDeferredValue, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ChoiceInput, Tag, TextInput } from '../components/fields';
import { Localised } from '../components/localised';
import { appendingPage, ShowMore } from '../components/ShowMore';
import { Problem } from '../components/Problem';
import { usePageTitle } from '../components/usePageTitle';
import { formatDate } from '../format';
import { graphql } from '../graphql';
import type { Language } from '../i18n';
import { offeringFilter, paramsFromSearch, searchFromParams, type CatalogueSearch } from './catalogue-filter';
import { enumChoices } from './enum-choices';
import { useMunicipalityChoices } from './useMunicipalityChoices';

const PAGE_SIZE = 20;

const CATALOGUE = graphql(`
  query Catalogue($filter: OfferingFilter, $sort: OfferingSort, $first: Int, $after: String) {
    offerings(filter: $filter, sort: $sort, first: $first, after: $after) {
      nodes {
        id
        title {
          sv
          en
        }
        kind
        format
        applicationDeadline
        startDate
        needs
        servesWholeRegion
        municipalitiesServed {
          code
          name
        }
        provider {
          id
          name
        }
        seats {
          capacity
          enrolled
          waitlisted
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export function Catalogue() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  usePageTitle(t('catalogue.title'));
  const [params, setParams] = useSearchParams();
  // the text is the input's own state: the address follows it, since a navigation per key stroke would lose keys
  const [text, setText] = useState(() => params.get('text') ?? '');
  const search = { ...searchFromParams(params), text };
  // typing does not send a request per key stroke: the query follows the deferred search
  const asked = useDeferredValue(search);
  const { filter, sort } = offeringFilter(asked);
  const { data, previousData, error, loading, fetchMore, refetch } = useQuery(CATALOGUE, { variables: { filter, sort, first: PAGE_SIZE } });
  const shown = data ?? previousData;
  const municipalities = useMunicipalityChoices(t('catalogue.any'));

  const change = (key: keyof CatalogueSearch) => (value: string) => {
    if (key === 'text') setText(value);
    setParams((previous) => paramsFromSearch({ ...searchFromParams(previous), [key]: value }), { replace: true });
  };
  const offerings = shown?.offerings.nodes ?? [];

  return (
    <section aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">{t('catalogue.title')}</h1>
      <p>{t('catalogue.intro')}</p>
      <form role="search" className="filters" aria-label={t('catalogue.filters')} onSubmit={(event) => event.preventDefault()}>
        <TextInput type="search" label={t('catalogue.search')} hint={t('catalogue.searchHint')} value={search.text} onChange={change('text')} />
        <ChoiceInput label={t('catalogue.need')} choices={enumChoices(t, 'Need', t('catalogue.any'))} value={search.need} onChange={change('need')} />
        <ChoiceInput label={t('catalogue.kind')} choices={enumChoices(t, 'OfferingKind', t('catalogue.any'))} value={search.kind} onChange={change('kind')} />
        <ChoiceInput label={t('catalogue.municipality')} choices={municipalities} value={search.municipality} onChange={change('municipality')} />
        <ChoiceInput label={t('catalogue.targetGroup')} choices={enumChoices(t, 'TargetGroup', t('catalogue.any'))} value={search.targetGroup} onChange={change('targetGroup')} />
        <TextInput type="date" label={t('catalogue.deadlineFrom')} value={search.deadlineFrom} onChange={change('deadlineFrom')} />
        <TextInput type="date" label={t('catalogue.deadlineTo')} value={search.deadlineTo} onChange={change('deadlineTo')} />
        <ChoiceInput label={t('catalogue.sort')} choices={enumChoices(t, 'OfferingSort', null)} value={search.sort || 'DEADLINE'} onChange={change('sort')} />
        <Button
          onPress={() => {
            setText('');
            setParams(new URLSearchParams(), { replace: true });
          }}
        >
          {t('catalogue.clear')}
        </Button>
      </form>

      {error && <Problem error={error} onRetry={() => void refetch()} />}
      <p role="status" className="result-count">
        {loading && !shown ? t('app.loading') : t('catalogue.results', { count: offerings.length })}
      </p>
      {shown && offerings.length === 0 && <p>{t('catalogue.none')}</p>}
      <ul className="cards">
        {offerings.map((offering) => (
          <li key={offering.id} className="card">
            <h2>
              <Link to={`/offerings/${offering.id}`}>
                <Localised text={offering.title} />
              </Link>
            </h2>
            <p className="meta">
              {t(`enums.OfferingKind.${offering.kind}`)}
              {offering.format && ` · ${t(`enums.OfferingFormat.${offering.format}`)}`} · {offering.provider.name}
            </p>
            <dl className="facts">
              <div>
                <dt>{t('catalogue.deadline')}</dt>
                <dd>{offering.applicationDeadline ? formatDate(offering.applicationDeadline, language) : t('catalogue.noDeadline')}</dd>
              </div>
              <div>
                <dt>{t('catalogue.municipality')}</dt>
                <dd>{offering.servesWholeRegion ? t('catalogue.wholeRegion') : offering.municipalitiesServed.map((m) => m.name).join(', ')}</dd>
              </div>
              <div>
                <dt>{t('catalogue.seats')}</dt>
                <dd>
                  {offering.seats.capacity === null || offering.seats.capacity === undefined
                    ? t('catalogue.unlimited')
                    : t('catalogue.seatsLeft', { enrolled: offering.seats.enrolled, capacity: offering.seats.capacity })}
                </dd>
              </div>
            </dl>
            <p className="tags">
              {offering.needs.map((need) => (
                <Tag key={need}>{t(`enums.Need.${need}`)}</Tag>
              ))}
            </p>
          </li>
        ))}
      </ul>
      <ShowMore connection={shown?.offerings} label={t('catalogue.more')} onMore={(after) => void fetchMore({ variables: { after }, updateQuery: appendingPage('offerings') })} />
    </section>
  );
}
