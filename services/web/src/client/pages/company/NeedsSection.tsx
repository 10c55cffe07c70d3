import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Button, Checkbox, CheckboxGroup, FieldError, Form, Label } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ChoiceInput, TextInput } from '../../components/fields';
import { Problem } from '../../components/Problem';
import { formatDateTime } from '../../format';
import { placeRefusals } from '../../graph';
import { graphql } from '../../graphql';
import type { Need, TargetGroup } from '../../graphql/graphql';
import type { Language } from '../../i18n';
import { enumChoices } from '../enum-choices';
import { needsField } from './field-errors';
import { addedNeed, formFromAnalysis, needsInput, OWNER_GROUPS, type NeedsFormState } from './needs-form';

export const RECORD_NEEDS = graphql(`
  mutation RecordNeeds($companyId: ID!, $input: NeedsAnalysisInput!) {
    recordNeeds(companyId: $companyId, input: $input) {
      updatedAt
    }
  }
`);

interface Analysis {
  needs: ReadonlyArray<{ need: Need; priority: number; note?: string | null }>;
  ownerGroups: readonly TargetGroup[];
  offers: readonly string[];
  seeks: readonly string[];
  updatedAt?: string | null;
}

/** The company's needs analysis as stored, and the form that records it anew. */
export function NeedsSection({ companyId, analysis }: { companyId: string; analysis: Analysis | null | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [editing, setEditing] = useState(false);
  const needs = [...(analysis?.needs ?? [])].sort((a, b) => a.priority - b.priority);
  return (
    <section aria-labelledby="needs-title">
      <h2 id="needs-title">{t('company.needs.title')}</h2>
      {!analysis || analysis.needs.length === 0 ? (
        <p>{t('company.needs.none')}</p>
      ) : (
        <>
          <ul className="needs">
            {needs.map((need) => (
              <li key={need.need}>
                <strong>{t(`enums.Need.${need.need}`)}</strong> – {t('company.needs.priorityN', { priority: need.priority })}
                {need.note && <>: {need.note}</>}
              </li>
            ))}
          </ul>
          <dl className="facts">
            <div>
              <dt>{t('company.needs.ownerGroups')}</dt>
              <dd>{analysis.ownerGroups.length === 0 ? '–' : analysis.ownerGroups.map((group) => t(`enums.TargetGroup.${group}`)).join(', ')}</dd>
            </div>
            <div>
              <dt>{t('company.needs.offers')}</dt>
              <dd>{analysis.offers.join(', ') || '–'}</dd>
            </div>
            <div>
              <dt>{t('company.needs.seeks')}</dt>
              <dd>{analysis.seeks.join(', ') || '–'}</dd>
            </div>
            {analysis.updatedAt && (
              <div>
                <dt>{t('company.needs.updatedAt')}</dt>
                <dd>{formatDateTime(analysis.updatedAt, language)}</dd>
              </div>
            )}
          </dl>
        </>
      )}
      {editing ? (
        <NeedsForm companyId={companyId} initial={formFromAnalysis(analysis)} onDone={() => setEditing(false)} />
      ) : (
        <Button onPress={() => setEditing(true)}>{analysis ? t('company.needs.edit') : t('company.needs.record')}</Button>
      )}
    </section>
  );
}

function NeedsForm({ companyId, initial, onDone }: { companyId: string; initial: NeedsFormState; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState(initial);
  const [failure, setFailure] = useState<unknown>(null);
  const [record, { loading }] = useMutation(RECORD_NEEDS, { refetchQueries: ['CompanyPage'], awaitRefetchQueries: true });
  const { errors, unplaced } = placeRefusals(failure, needsField, i18n.language);
  const needChoices = enumChoices(t, 'Need', null);
  const priorityChoices = ['1', '2', '3'].map((priority) => ({ id: priority, label: t(`company.needs.priorities.${priority as '1' | '2' | '3'}`) }));

  const save = async () => {
    setFailure(null);
    try {
      await record({ variables: { companyId, input: needsInput(state) } });
      onDone();
    } catch (error) {
      // the form keeps what was entered: the person corrects it or tries again
      setFailure(error);
    }
  };
  const changeRow = (index: number, change: Partial<NeedsFormState['needs'][number]>) =>
    setState((previous) => ({ ...previous, needs: previous.needs.map((row, at) => (at === index ? { ...row, ...change } : row)) }));

  return (
    <Form
      className="needs-form"
      aria-labelledby="needs-form-title"
      validationBehavior="aria"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3 id="needs-form-title">{t('company.needs.formTitle')}</h3>
      {state.needs.map((row, index) => (
        <fieldset key={row.key} className="need-row">
          <legend>{t('company.needs.needN', { number: index + 1 })}</legend>
          <ChoiceInput label={t('company.needs.need')} choices={needChoices} value={row.need} onChange={(need) => changeRow(index, { need: need as Need })} error={errors[`needs.${index}.need`]} />
          <ChoiceInput label={t('company.needs.priority')} choices={priorityChoices} value={row.priority} onChange={(priority) => changeRow(index, { priority })} error={errors[`needs.${index}.priority`]} />
          <TextInput label={t('company.needs.note')} value={row.note} onChange={(note) => changeRow(index, { note })} error={errors[`needs.${index}.note`]} />
          <Button onPress={() => setState((previous) => ({ ...previous, needs: previous.needs.filter((_, at) => at !== index) }))}>
            {t('company.needs.remove', { number: index + 1 })}
          </Button>
        </fieldset>
      ))}
      <Button onPress={() => setState((previous) => addedNeed(previous, needChoices.map((choice) => choice.id as Need)))}>{t('company.needs.add')}</Button>
      <CheckboxGroup
        className="field checkboxes"
        value={state.ownerGroups}
        onChange={(groups) => setState((previous) => ({ ...previous, ownerGroups: groups as TargetGroup[] }))}
        isInvalid={errors.ownerGroups !== undefined}
      >
        <Label>{t('company.needs.ownerGroups')}</Label>
        {OWNER_GROUPS.map((group) => (
          <Checkbox key={group} value={group} className="checkbox">
            <span className="box" aria-hidden="true" />
            {t(`enums.TargetGroup.${group}`)}
          </Checkbox>
        ))}
        <FieldError>{errors.ownerGroups}</FieldError>
      </CheckboxGroup>
      <TextInput label={t('company.needs.offers')} hint={t('company.needs.tagsHint')} value={state.offers} onChange={(offers) => setState((previous) => ({ ...previous, offers }))} error={errors.offers} />
      <TextInput label={t('company.needs.seeks')} hint={t('company.needs.tagsHint')} value={state.seeks} onChange={(seeks) => setState((previous) => ({ ...previous, seeks }))} error={errors.seeks} />
      {unplaced && <Problem error={failure} onRetry={() => void save()} />}
      {failure !== null && Object.keys(errors).length > 0 && (
        <p className="field-error" role="alert">
          {t('company.needs.fixFields')}
        </p>
      )}
      <div className="actions">
        <Button type="submit" className="primary" isDisabled={loading}>
          {loading ? t('company.saving') : t('company.needs.save')}
        </Button>
        <Button onPress={onDone}>{t('company.cancel')}</Button>
      </div>
    </Form>
  );
}
