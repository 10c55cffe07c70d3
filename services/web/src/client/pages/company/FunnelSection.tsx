import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Button, Checkbox, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { ChoiceInput } from '../../components/fields';
import { Problem } from '../../components/Problem';
import { formatDate, sortSwedish } from '../../format';
import { placeRefusals } from '../../graph';
import { graphql } from '../../graphql';
import type { FunnelStage } from '../../graphql/graphql';
import type { Language } from '../../i18n';
import { funnelField } from './field-errors';

const STAGES: readonly FunnelStage[] = ['CONTACT', 'ENGAGED', 'DEEP_DIVE'];

// a stage is set in a project the adviser's office runs or takes part in (the graph refuses others)
const PROJECTS = graphql(`
  query OfficeProjects($filter: ProjectFilter) {
    projects(filter: $filter, first: 50) {
      nodes {
        id
        name
      }
    }
  }
`);

const SET_STAGE = graphql(`
  mutation SetFunnelStage($companyId: ID!, $projectId: ID!, $stage: FunnelStage!, $correction: Boolean) {
    setFunnelStage(companyId: $companyId, projectId: $projectId, stage: $stage, correction: $correction) {
      stage
    }
  }
`);

interface Position {
  project: { id: string; name: string };
  stage: FunnelStage;
  history: ReadonlyArray<{ stage: FunnelStage; at: string }>;
}

/** Where the company stands in each project's funnel (contact, engaged, deep dive), and a move to another stage. */
export function FunnelSection({ companyId, municipalityCode, positions }: { companyId: string; municipalityCode: string; positions: readonly Position[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { user } = useAuth();
  const projects = useQuery(PROJECTS, { variables: { filter: user?.organisationId ? { organisationId: user.organisationId } : { municipalityCode } } });
  const [project, setProject] = useState(positions[0]?.project.id ?? '');
  const [stage, setStage] = useState<string>(positions[0]?.stage ?? 'CONTACT');
  const [correction, setCorrection] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [save, { loading }] = useMutation(SET_STAGE, { refetchQueries: ['CompanyPage'], awaitRefetchQueries: true });
  const { errors, unplaced } = placeRefusals(failure, funnelField, i18n.language);
  const projectChoices = [
    { id: '', label: t('company.funnel.chooseProject') },
    ...sortSwedish(projects.data?.projects.nodes ?? [], (node) => node.name).map((node) => ({ id: node.id, label: node.name })),
  ];
  const stageChoices = STAGES.map((value) => ({ id: value, label: t(`enums.FunnelStage.${value}`) }));

  const submit = async () => {
    setFailure(null);
    setSaved(false);
    try {
      await save({ variables: { companyId, projectId: project, stage: stage as FunnelStage, correction } });
      setCorrection(false);
      setSaved(true);
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section aria-labelledby="funnel-title">
      <h2 id="funnel-title">{t('company.funnel.title')}</h2>
      {positions.length === 0 ? (
        <p>{t('company.funnel.none')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('company.funnel.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('company.funnel.project')}</th>
              <th scope="col">{t('company.funnel.stage')}</th>
              <th scope="col">{t('company.funnel.since')}</th>
            </tr>
          </thead>
          <tbody>
            {positions.map((position) => (
              <tr key={position.project.id}>
                <th scope="row">{position.project.name}</th>
                <td>{t(`enums.FunnelStage.${position.stage}`)}</td>
                <td>{position.history.length > 0 ? formatDate(position.history.at(-1)!.at.slice(0, 10), language) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Form
        className="inline-form"
        aria-labelledby="funnel-form-title"
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h3 id="funnel-form-title">{t('company.funnel.formTitle')}</h3>
        {projects.error && <Problem error={projects.error} onRetry={() => void projects.refetch()} />}
        <ChoiceInput label={t('company.funnel.project')} choices={projectChoices} value={project} onChange={setProject} error={errors.project} />
        <ChoiceInput label={t('company.funnel.stage')} choices={stageChoices} value={stage} onChange={setStage} error={errors.stage} />
        <div className="field">
          <Checkbox className="checkbox" isSelected={correction} onChange={setCorrection} isInvalid={errors.correction !== undefined} aria-describedby={errors.correction ? 'funnel-correction-error' : undefined}>
            <span className="box" aria-hidden="true" />
            {t('company.funnel.correction')}
          </Checkbox>
          {errors.correction && (
            <span className="field-error" id="funnel-correction-error">
              {errors.correction}
            </span>
          )}
        </div>
        {unplaced && <Problem error={failure} onRetry={() => void submit()} />}
        {saved && (
          <p role="status" className="success">
            {t('company.funnel.saved')}
          </p>
        )}
        <Button type="submit" className="primary" isDisabled={loading}>
          {loading ? t('company.saving') : t('company.funnel.save')}
        </Button>
      </Form>
    </section>
  );
}
