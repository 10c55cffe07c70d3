import { useQuery } from '@apollo/client/react';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChoiceInput, TextInput, type Choice } from '../components/fields';
import { Problem } from '../components/Problem';
import { sortSwedish } from '../format';
import { ACTIVE_COMPANY_SEARCH } from './active-companies';

/** The choices: none, the company chosen (kept while another search shows others), then what the search found. */
export function newCompanyChoices(none: Choice, chosen: Choice | null, found: readonly Choice[]): Choice[] {
  const others = found.filter((choice) => choice.id !== chosen?.id);
  return [none, ...(chosen ? [chosen] : []), ...sortSwedish(others, (choice) => choice.label)];
}

/** The company an outcome says was started, chosen among the active companies the hub knows by searching them. */
export function NewCompanyChoice({ value, onChange, error }: { value: string; onChange(id: string): void; error?: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<Choice | null>(null);
  const asked = useDeferredValue(text.trim());
  const found = useQuery(ACTIVE_COMPANY_SEARCH, { variables: { text: asked }, skip: asked.length < 2 });
  const results = (found.data?.organisations.nodes ?? []).map((company) => ({ id: company.id, label: `${company.name} (${company.municipality.name})` }));
  const choices = newCompanyChoices({ id: '', label: t('ownOfferings.outcome.noNewCompany') }, value === chosen?.id ? chosen : null, results);

  return (
    <>
      <TextInput type="search" label={t('ownOfferings.outcome.searchNewCompany')} hint={t('meetings.searchHint')} value={text} onChange={setText} />
      {found.error && <Problem error={found.error} onRetry={() => void found.refetch()} />}
      <ChoiceInput
        label={t('ownOfferings.outcome.newCompany')}
        choices={choices}
        value={value}
        onChange={(id) => {
          setChosen(choices.find((choice) => choice.id === id && id !== '') ?? null);
          onChange(id);
        }}
        error={error}
      />
    </>
  );
}
