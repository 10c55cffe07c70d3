import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { ChoiceInput, TextInput } from '../../components/fields';
import { Problem } from '../../components/Problem';
import { usePageTitle } from '../../components/usePageTitle';
import { formatNumber } from '../../format';
import { graphql } from '../../graphql';
import type { Language } from '../../i18n';
import { capacityInput, CAPACITY_INPUTS, capacityYears, emptyCapacityForm, type CapacityForm } from './capacity';
import { formErrors } from './form-errors';

const CAPACITY = graphql(`
  query ReceivingCapacity($code: ID!, $year: Int!) {
    municipality(code: $code) {
      code
      name
      receivingCapacity(year: $year) {
        municipalityCode
        year
        households
        housingUnits
        preschoolPlaces
        schoolPlaces
      }
    }
  }
`);

const SET_CAPACITY = graphql(`
  mutation SetReceivingCapacity($code: ID!, $year: Int!, $input: ReceivingCapacityInput!) {
    setReceivingCapacity(municipalityCode: $code, year: $year, input: $input) {
      municipalityCode
      year
      households
      housingUnits
      preschoolPlaces
      schoolPlaces
    }
  }
`);

/** What the officer's municipality plans to receive in a year: shown, and set by its own officers. */
export function ReceivingCapacity() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  usePageTitle(t('migration.capacity.title'));
  const { user } = useAuth();
  const code = user?.municipalityCode ?? null;
  const [params, setParams] = useSearchParams();
  const years = capacityYears(new Date().getFullYear());
  const year = years.find((choice) => String(choice) === params.get('year')) ?? years[1];
  const { data, error, loading, refetch } = useQuery(CAPACITY, { variables: { code: code ?? '', year }, skip: code === null });
  const capacity = data?.municipality?.receivingCapacity ?? null;
  const place = data?.municipality?.name ?? code ?? '';

  if (code === null) return <p>{t('migration.capacity.noMunicipality')}</p>;
  return (
    <section aria-labelledby="capacity-title">
      <h1 id="capacity-title">{t('migration.capacity.title')}</h1>
      <p>{t('migration.capacity.intro', { place })}</p>
      <form className="filters" aria-label={t('migration.capacity.year')} onSubmit={(event) => event.preventDefault()}>
        <ChoiceInput
          label={t('migration.capacity.year')}
          choices={years.map((choice) => ({ id: String(choice), label: String(choice) }))}
          value={String(year)}
          onChange={(value) => setParams({ year: value }, { replace: true })}
        />
      </form>
      {error && <Problem error={error} onRetry={() => void refetch()} />}
      {loading && <p role="status">{t('app.loading')}</p>}
      {data && (
        <>
          <h2>{t('migration.capacity.current', { year })}</h2>
          {capacity ? (
            <dl className="facts" aria-label={t('migration.capacity.current', { year })}>
              {CAPACITY_INPUTS.map((key) => (
                <div key={key}>
                  <dt>{t(`migration.capacity.${key}`)}</dt>
                  <dd>{formatNumber(capacity[key], language)}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p>{t('migration.capacity.notSet', { year })}</p>
          )}
          <CapacityEditor key={`${year}-${capacity ? 'set' : 'unset'}`} code={code} year={year} initial={capacity} />
        </>
      )}
    </section>
  );
}

function CapacityEditor({ code, year, initial }: { code: string; year: number; initial: Record<(typeof CAPACITY_INPUTS)[number], number> | null }) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<CapacityForm>(() => emptyCapacityForm(initial));
  const [notNumbers, setNotNumbers] = useState<Partial<Record<string, string>>>({});
  const [saved, setSaved] = useState(false);
  const [setCapacity, { error, loading }] = useMutation(SET_CAPACITY, {
    refetchQueries: ['ReceivingCapacity'],
    awaitRefetchQueries: true,
    onCompleted: () => setSaved(true),
  });
  const errors = formErrors(error, ['year', ...CAPACITY_INPUTS], i18n.language);
  const submit = () => {
    const checked = capacityInput(form, t);
    setNotNumbers(checked.errors);
    if (checked.input) void setCapacity({ variables: { code, year, input: checked.input } });
  };
  const headingId = 'capacity-set';
  return (
    <form
      className="form"
      aria-labelledby={headingId}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h2 id={headingId}>{t('migration.capacity.set', { year })}</h2>
      {errors.inputs.year && (
        <p className="field-error" role="alert">
          {errors.inputs.year}
        </p>
      )}
      <div className="form-grid">
        {CAPACITY_INPUTS.map((key) => (
          <TextInput
            key={key}
            type="number"
            label={t(`migration.capacity.${key}`)}
            value={form[key]}
            onChange={(value) => {
              setSaved(false);
              setForm((previous) => ({ ...previous, [key]: value }));
            }}
            error={notNumbers[key] ?? errors.inputs[key]}
          />
        ))}
      </div>
      <div className="form-actions">
        <Button type="submit" className="primary" isDisabled={loading}>
          {t('migration.capacity.save')}
        </Button>
      </div>
      <p role="status">{saved ? t('migration.capacity.saved', { year }) : ''}</p>
      {errors.general && <Problem error={error} onRetry={submit} />}
    </form>
  );
}
