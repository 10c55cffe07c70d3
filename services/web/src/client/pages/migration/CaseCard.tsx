import { useMutation } from '@apollo/client/react';
import { useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ChoiceInput, TextInput } from '../../components/fields';
import { Problem } from '../../components/Problem';
import { formatDate, formatDateTime } from '../../format';
import { graphql } from '../../graphql';
import type { CaseFieldsFragment, CaseStep } from '../../graphql/graphql';
import type { Language } from '../../i18n';
import { caseActions, type FollowUpChoice } from './case-actions';
import { formErrors, inputMessage, wholeNumber } from './form-errors';

// the fields every query and mutation of a case asks for, so the cache keeps one case whole
graphql(`
  fragment CaseFields on InMigrationCase {
    id
    municipality {
      code
      name
    }
    householdSize
    status
    steps {
      step
      completedAt
    }
    notes {
      text
      at
    }
    movedInOn
    followUps {
      months
      stillLiving
      peopleEmployed
      recordedAt
    }
    outcome
    openedAt
    closedAt
    anonymised
  }
`);

const COMPLETE_STEP = graphql(`
  mutation CompleteCaseStep($caseId: ID!, $step: CaseStep!) {
    completeCaseStep(caseId: $caseId, step: $step) {
      ...CaseFields
    }
  }
`);

const ADD_NOTE = graphql(`
  mutation AddCaseNote($caseId: ID!, $text: String!) {
    addCaseNote(caseId: $caseId, text: $text) {
      ...CaseFields
    }
  }
`);

const RECORD_MOVE_IN = graphql(`
  mutation RecordMoveIn($caseId: ID!, $movedInOn: Date!) {
    recordMoveIn(caseId: $caseId, movedInOn: $movedInOn) {
      ...CaseFields
    }
  }
`);

const RECORD_FOLLOW_UP = graphql(`
  mutation RecordFollowUp($caseId: ID!, $input: FollowUpInput!) {
    recordFollowUp(caseId: $caseId, input: $input) {
      ...CaseFields
    }
  }
`);

const CLOSE_CASE = graphql(`
  mutation CloseCase($caseId: ID!, $outcome: CaseOutcome!) {
    closeCase(caseId: $caseId, outcome: $outcome) {
      ...CaseFields
    }
  }
`);

/** One in-migration case: its steps, notes, move-in and follow-ups, with the forms for what may still be done. */
export function CaseCard({ inMigrationCase }: { inMigrationCase: CaseFieldsFragment }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const c = inMigrationCase;
  const actions = caseActions(c);
  const headingId = `case-${c.id}`;
  return (
    <section className="case" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('migration.cases.caseIn', { place: c.municipality.name })}</h3>
      {c.anonymised && <p>{t('migration.cases.anonymised')}</p>}
      <dl className="facts">
        <Fact term={t('migration.cases.status')}>{t(`enums.CaseStatus.${c.status}`)}</Fact>
        <Fact term={t('migration.cases.householdSize')}>{c.householdSize}</Fact>
        <Fact term={t('migration.cases.openedAt')}>{formatDateTime(c.openedAt, language)}</Fact>
        {c.movedInOn && <Fact term={t('migration.cases.movedInOn')}>{formatDate(c.movedInOn, language)}</Fact>}
        {c.closedAt && <Fact term={t('migration.cases.closedAt')}>{formatDateTime(c.closedAt, language)}</Fact>}
        {c.outcome && <Fact term={t('migration.cases.outcome')}>{t(`enums.CaseOutcome.${c.outcome}`)}</Fact>}
      </dl>
      <StepList inMigrationCase={c} stepsToComplete={actions.stepsToComplete} />
      <h4>{t('migration.cases.notes')}</h4>
      {c.notes.length === 0 ? (
        <p>{t('migration.cases.noNotes')}</p>
      ) : (
        <ul>
          {c.notes.map((note) => (
            <li key={note.at}>
              <span className="meta">{formatDateTime(note.at, language)}:</span> <span className="description">{note.text}</span>
            </li>
          ))}
        </ul>
      )}
      {actions.mayAddNote && <NoteForm caseId={c.id} />}
      {c.followUps.length > 0 && (
        <>
          <h4>{t('migration.cases.followUps')}</h4>
          <ul>
            {c.followUps.map((followUp) => (
              <li key={followUp.months}>
                {t('migration.cases.followUpEntry', {
                  months: followUp.months,
                  living: followUp.stillLiving ? t('migration.cases.stillLivingYes') : t('migration.cases.stillLivingNo'),
                  employed: followUp.peopleEmployed,
                  at: formatDateTime(followUp.recordedAt, language),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {actions.mayRecordMoveIn && <MoveInForm caseId={c.id} />}
      {actions.followUps.length > 0 && <FollowUpForm caseId={c.id} choices={actions.followUps} />}
      {actions.closingOutcome && <CloseForm caseId={c.id} outcome={actions.closingOutcome} />}
    </section>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A refusal that concerns a button rather than an input, announced beside it. */
function Refusal({ message }: { message: string | undefined }) {
  return message ? (
    <p className="field-error" role="alert">
      {message}
    </p>
  ) : null;
}

function StepList({ inMigrationCase: c, stepsToComplete }: { inMigrationCase: CaseFieldsFragment; stepsToComplete: CaseStep[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [completeStep, { error, loading }] = useMutation(COMPLETE_STEP);
  // the step last asked for, beside which what went wrong is shown
  const [asked, setAsked] = useState<CaseStep | null>(null);
  const errors = formErrors(error, ['step'], i18n.language);
  const complete = (step: CaseStep) => {
    setAsked(step);
    void completeStep({ variables: { caseId: c.id, step } });
  };
  return (
    <>
      <h4>{t('migration.cases.steps')}</h4>
      <ul className="steps">
        {c.steps.map((state) => (
          <li key={state.step}>
            <span>
              {t(`enums.CaseStep.${state.step}`)}: {state.completedAt ? t('migration.cases.stepDone', { at: formatDateTime(state.completedAt, language) }) : t('migration.cases.stepOpen')}
            </span>
            {stepsToComplete.includes(state.step) && (
              <Button isDisabled={loading} onPress={() => complete(state.step)}>
                {t('migration.cases.completeStep', { step: t(`enums.CaseStep.${state.step}`) })}
              </Button>
            )}
            {asked === state.step && <Refusal message={errors.inputs.step} />}
          </li>
        ))}
      </ul>
      {errors.general && asked && <Problem error={error} onRetry={() => complete(asked)} />}
    </>
  );
}

function NoteForm({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [addNote, { error, loading }] = useMutation(ADD_NOTE, { onCompleted: () => setText('') });
  const errors = formErrors(error, ['text'], i18n.language);
  const submit = () => void addNote({ variables: { caseId, text } });
  return (
    <CaseForm title={t('migration.cases.note')} id={`note-${caseId}`} onSubmit={submit} submitLabel={t('migration.cases.addNote')} pending={loading} error={errors.general ? error : undefined}>
      <TextInput multiline label={t('migration.cases.noteText')} value={text} onChange={setText} error={errors.inputs.text} />
    </CaseForm>
  );
}

function MoveInForm({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const [movedInOn, setMovedInOn] = useState('');
  // no date at all is not one the graph can be asked about
  const [noDate, setNoDate] = useState<string | undefined>();
  const [recordMoveIn, { error, loading }] = useMutation(RECORD_MOVE_IN);
  const errors = formErrors(error, ['movedInOn'], i18n.language);
  const submit = () => {
    setNoDate(movedInOn === '' ? inputMessage('movedInOn', t) : undefined);
    if (movedInOn !== '') void recordMoveIn({ variables: { caseId, movedInOn } });
  };
  return (
    <CaseForm title={t('migration.cases.moveIn')} id={`move-in-${caseId}`} onSubmit={submit} submitLabel={t('migration.cases.recordMoveIn')} pending={loading} error={errors.general ? error : undefined}>
      <TextInput type="date" label={t('migration.cases.moveInDate')} value={movedInOn} onChange={setMovedInOn} error={noDate ?? errors.inputs.movedInOn} />
    </CaseForm>
  );
}

function FollowUpForm({ caseId, choices }: { caseId: string; choices: FollowUpChoice[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [months, setMonths] = useState(String(choices[0]?.months ?? ''));
  const [stillLiving, setStillLiving] = useState('yes');
  const [peopleEmployed, setPeopleEmployed] = useState('0');
  const [notANumber, setNotANumber] = useState<string | undefined>();
  const [recordFollowUp, { error, loading }] = useMutation(RECORD_FOLLOW_UP);
  const errors = formErrors(error, ['months', 'peopleEmployed'], i18n.language);
  const submit = () => {
    const employed = wholeNumber(peopleEmployed);
    setNotANumber(employed === null ? inputMessage('peopleEmployed', t) : undefined);
    if (employed === null) return;
    void recordFollowUp({ variables: { caseId, input: { months: Number(months), stillLiving: stillLiving === 'yes', peopleEmployed: employed } } });
  };
  const monthChoices = choices.map((choice) => ({ id: String(choice.months), label: t('migration.cases.monthsChoice', { months: choice.months, due: formatDate(choice.dueOn, language) }) }));
  return (
    <CaseForm title={t('migration.cases.recordFollowUp')} id={`follow-up-${caseId}`} onSubmit={submit} submitLabel={t('migration.cases.saveFollowUp')} pending={loading} error={errors.general ? error : undefined}>
      <ChoiceInput label={t('migration.cases.months')} choices={monthChoices} value={months} onChange={setMonths} error={errors.inputs.months} />
      <ChoiceInput
        label={t('migration.cases.stillLiving')}
        choices={[
          { id: 'yes', label: t('migration.cases.yes') },
          { id: 'no', label: t('migration.cases.no') },
        ]}
        value={stillLiving}
        onChange={setStillLiving}
      />
      <TextInput type="number" label={t('migration.cases.peopleEmployed')} value={peopleEmployed} onChange={setPeopleEmployed} error={notANumber ?? errors.inputs.peopleEmployed} />
    </CaseForm>
  );
}

function CloseForm({ caseId, outcome }: { caseId: string; outcome: 'MOVED_IN' | 'NOT_MOVED' }) {
  const { t, i18n } = useTranslation();
  const [closeCase, { error, loading }] = useMutation(CLOSE_CASE);
  const errors = formErrors(error, ['outcome'], i18n.language);
  const submit = () => void closeCase({ variables: { caseId, outcome } });
  return (
    <CaseForm title={t('migration.cases.close')} id={`close-${caseId}`} onSubmit={submit} submitLabel={t('migration.cases.closeButton')} pending={loading} error={errors.general ? error : undefined}>
      <p>
        {t('migration.cases.closeWith')}: <strong>{t(`enums.CaseOutcome.${outcome}`)}</strong>
      </p>
      <Refusal message={errors.inputs.outcome} />
    </CaseForm>
  );
}

/** A case's form: its heading, inputs, the button that sends it, and what went wrong with a retry that keeps the input. */
function CaseForm(props: { title: string; id: string; onSubmit(): void; submitLabel: string; pending: boolean; error: unknown; children: ReactNode }) {
  return (
    <form
      className="form"
      aria-labelledby={props.id}
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      <h4 id={props.id}>{props.title}</h4>
      {props.children}
      <div className="form-actions">
        {/* these pages disable a button while it sends rather than mark it pending: react-aria announces a pending
            button by its id, and the announcement outlives a form or page that is gone by then */}
        <Button type="submit" className="primary" isDisabled={props.pending}>
          {props.submitLabel}
        </Button>
      </div>
      {props.error !== undefined && <Problem error={props.error} onRetry={props.onSubmit} />}
    </form>
  );
}
