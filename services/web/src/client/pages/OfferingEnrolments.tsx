import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Button, Checkbox, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { mayUse } from '../auth/permissions';
import { ChoiceInput, TextAreaInput, TextInput } from '../components/fields';
import { Localised } from '../components/localised';
import { Problem } from '../components/Problem';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime, formatNumber, sortSwedish } from '../format';
import { graphql } from '../graphql';
import type { OfferingRosterQuery, OutcomeKind, TurnoverBand } from '../graphql/graphql';
import type { Language } from '../i18n';
import { sv } from '../i18n/sv';
import { enumChoices } from './enum-choices';
import { EMPTY_OUTCOME_FORM, fieldErrors, localErrors, OUTCOME_FIELDS, OUTCOME_PATHS, outcomeInput, type FieldErrors, type OutcomeField, type OutcomeForm } from './offering-form';
import { NewCompanyChoice } from './NewCompanyChoice';
import { seatsText } from './seats';
import { WithdrawEnrolment } from './WithdrawEnrolment';

const ROSTER = graphql(`
  query OfferingRoster($id: ID!) {
    offering(id: $id) {
      id
      status
      title {
        sv
        en
      }
      provider {
        id
      }
      seats {
        capacity
        enrolled
        waitlisted
      }
      sessions {
        id
        title
        startsAt
      }
      enrolments {
        id
        status
        waitlistPosition
        enrolledAt
        attendedSessionIds
        company {
          id
          name
          municipality {
            code
            name
          }
        }
        outcomes {
          id
          kind
          goals
          investmentSek
          jobs
          jobsBasis
          turnoverBand
          newCompany {
            id
            name
          }
          recordedAt
        }
      }
    }
  }
`);

const RECORD_ATTENDANCE = graphql(`
  mutation RecordAttendance($enrolmentId: ID!, $sessionId: ID!, $attended: Boolean!) {
    recordAttendance(enrolmentId: $enrolmentId, sessionId: $sessionId, attended: $attended) {
      id
      attendedSessionIds
    }
  }
`);

const RECORD_OUTCOME = graphql(`
  mutation RecordOutcome($enrolmentId: ID!, $input: OutcomeInput!) {
    recordOutcome(enrolmentId: $enrolmentId, input: $input) {
      id
    }
  }
`);

/** Turnover bands in their own order, smallest first, rather than alphabetically. */
const TURNOVER_BANDS = Object.keys(sv.enums.TurnoverBand) as TurnoverBand[];

type Roster = NonNullable<OfferingRosterQuery['offering']>;
type RosterEnrolment = Roster['enrolments'][number];
type RecordedOutcome = RosterEnrolment['outcomes'][number];

/** `/our-offerings/:id/enrolments`: who has a seat and who waits, attendance per session, and outcomes per company. */
export function OfferingEnrolments() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { user } = useAuth();
  const { id = '' } = useParams();
  const allowed = mayUse(user, 'ownOfferings');
  const { data, error, loading, refetch } = useQuery(ROSTER, { variables: { id }, skip: !allowed });
  const [withdrawn, setWithdrawn] = useState<{ company: string; promoted: string[] } | null>(null);
  const offering = data?.offering;
  const titleText = offering?.title ? (language === 'en' && offering.title.en) || offering.title.sv : t('ownOfferings.untitled');
  usePageTitle(t('ownOfferings.roster.title', { title: titleText }));

  const back = (
    <p>
      <Link to="/our-offerings">{t('ownOfferings.back')}</Link>
    </p>
  );
  if (!allowed) return <p>{t('errors.FORBIDDEN')}</p>;
  // another organisation's enrolments are refused by the graph (FORBIDDEN), which the problem says
  if (error) {
    return (
      <section>
        {back}
        <h1>{t('ownOfferings.enrolments')}</h1>
        <Problem error={error} onRetry={() => void refetch()} />
      </section>
    );
  }
  if (loading) return <p role="status">{t('app.loading')}</p>;
  if (!offering || offering.provider.id !== user?.organisationId) {
    return (
      <section>
        {back}
        <h1>{t('ownOfferings.notFound')}</h1>
      </section>
    );
  }
  const byName = (list: RosterEnrolment[]) => sortSwedish(list, (enrolment) => enrolment.company.name);
  const seated = byName(offering.enrolments.filter((enrolment) => enrolment.status === 'ENROLLED'));
  const waiting = [...offering.enrolments.filter((enrolment) => enrolment.status === 'WAITLISTED')].sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));
  const title = offering.title ? <Localised text={offering.title} /> : t('ownOfferings.untitled');

  return (
    <article aria-labelledby="roster-title">
      {back}
      <h1 id="roster-title">{t('ownOfferings.enrolments')}</h1>
      <p className="meta">
        <Link to={`/our-offerings/${offering.id}`}>{title}</Link> · {t(`enums.OfferingStatus.${offering.status}`)}
      </p>
      <dl className="facts">
        <div>
          <dt>{t('ownOfferings.roster.seats')}</dt>
          <dd>{seatsText(t, offering.seats)}</dd>
        </div>
      </dl>

      <div role="status">
        {withdrawn && (
          <p className="done">
            {t('ownOfferings.roster.withdrawnNotice', { company: withdrawn.company })}
            {withdrawn.promoted.map((company) => ` ${t('ownOfferings.roster.promotedNotice', { company })}`).join('')}
          </p>
        )}
      </div>

      <section aria-labelledby="seated-title">
        <h2 id="seated-title">{t('ownOfferings.roster.enrolled')}</h2>
        {seated.length === 0 ? (
          <p>{t('ownOfferings.roster.none')}</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">{t('ownOfferings.roster.enrolledCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ownOfferings.roster.company')}</th>
                <th scope="col">{t('ownOfferings.roster.municipality')}</th>
                <th scope="col">{t('ownOfferings.roster.enrolledAt')}</th>
                <th scope="col">{t('ownOfferings.roster.outcomes')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('ownOfferings.roster.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {seated.map((enrolment) => (
                <tr key={enrolment.id}>
                  <th scope="row">{enrolment.company.name}</th>
                  <td>{enrolment.company.municipality?.name}</td>
                  <td>{formatDateTime(enrolment.enrolledAt, language)}</td>
                  <td>
                    {enrolment.outcomes.length === 0 ? (
                      t('ownOfferings.roster.noOutcomes')
                    ) : (
                      <ul className="plain-list">
                        {enrolment.outcomes.map((outcome) => (
                          <li key={outcome.id}>{outcomeSummary(outcome)}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="row-actions">
                    <OutcomeDialog enrolmentId={enrolment.id} company={enrolment.company.name} onRecorded={() => void refetch()} />
                    {withdrawal(enrolment)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="waitlist-title">
        <h2 id="waitlist-title">{t('ownOfferings.roster.waitlist')}</h2>
        {waiting.length === 0 ? (
          <p>{t('ownOfferings.roster.noWaitlist')}</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">{t('ownOfferings.roster.waitlistCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ownOfferings.roster.position')}</th>
                <th scope="col">{t('ownOfferings.roster.company')}</th>
                <th scope="col">{t('ownOfferings.roster.municipality')}</th>
                <th scope="col">{t('ownOfferings.roster.enrolledAt')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('ownOfferings.roster.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {waiting.map((enrolment) => (
                <tr key={enrolment.id}>
                  <td>
                    <span className="narrow-label">{t('ownOfferings.roster.position')}: </span>
                    {enrolment.waitlistPosition}
                  </td>
                  <th scope="row">{enrolment.company.name}</th>
                  <td>{enrolment.company.municipality?.name}</td>
                  <td>{formatDateTime(enrolment.enrolledAt, language)}</td>
                  <td>{withdrawal(enrolment)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <Attendance sessions={offering.sessions} seated={seated} />
    </article>
  );

  /** The provider's staff, the only ones this page is for, may withdraw any of its enrolments (the graph checks again). */
  function withdrawal(enrolment: RosterEnrolment) {
    return <WithdrawEnrolment enrolment={enrolment} roster={offering?.enrolments ?? []} onWithdrawn={(company, promoted) => setWithdrawn({ company, promoted })} />;
  }

  function outcomeSummary(outcome: RecordedOutcome): string {
    const summary = outcome.kind === 'COMPANY_STARTED' && outcome.newCompany ? 'ownOfferings.outcome.summary.COMPANY_STARTED_NAMED' : (`ownOfferings.outcome.summary.${outcome.kind}` as const);
    return t(summary, {
      goals: outcome.goals ?? '',
      amount: formatNumber(outcome.investmentSek ?? 0, language),
      jobs: formatNumber(outcome.jobs ?? 0, language),
      basis: outcome.jobsBasis ? t(`enums.JobBasis.${outcome.jobsBasis}`).toLowerCase() : '',
      band: outcome.turnoverBand ? t(`enums.TurnoverBand.${outcome.turnoverBand}`) : '',
      company: outcome.newCompany?.name ?? '',
    });
  }
}

/** A checkbox per company with a seat and session; each change is recorded at once. */
function Attendance({ sessions, seated }: { sessions: Roster['sessions']; seated: RosterEnrolment[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [record, recording] = useMutation(RECORD_ATTENDANCE);
  const [failure, setFailure] = useState<{ error: unknown; retry(): void } | null>(null);
  const [saved, setSaved] = useState(false);

  const change = (enrolmentId: string, sessionId: string, attended: boolean) => {
    const attempt = () => {
      setFailure(null);
      setSaved(false);
      record({ variables: { enrolmentId, sessionId, attended } }).then(
        () => setSaved(true),
        (error: unknown) => setFailure({ error, retry: attempt }),
      );
    };
    attempt();
  };

  return (
    <section aria-labelledby="attendance-title">
      <h2 id="attendance-title">{t('ownOfferings.roster.attendance')}</h2>
      {sessions.length === 0 ? (
        <p>{t('ownOfferings.roster.noSessions')}</p>
      ) : seated.length === 0 ? (
        <p>{t('ownOfferings.roster.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table attendance">
            <caption className="visually-hidden">{t('ownOfferings.roster.attendanceCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ownOfferings.roster.company')}</th>
                {sessions.map((session) => (
                  <th scope="col" key={session.id}>
                    {session.title}
                    <br />
                    <span className="meta">{formatDateTime(session.startsAt, language)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {seated.map((enrolment) => (
                <tr key={enrolment.id}>
                  <th scope="row">{enrolment.company.name}</th>
                  {sessions.map((session) => (
                    <td key={session.id}>
                      <Checkbox
                        className="checkbox"
                        aria-label={t('ownOfferings.roster.attended', { company: enrolment.company.name, session: session.title })}
                        isSelected={enrolment.attendedSessionIds.includes(session.id)}
                        isDisabled={recording.loading}
                        onChange={(attended) => change(enrolment.id, session.id, attended)}
                      >
                        <span className="checkbox-box" aria-hidden="true" />
                        {/* the column's heading is hidden on a phone, where the table is a list */}
                        <span className="narrow-label">{session.title}</span>
                      </Checkbox>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div role="status">{saved && <p className="done">{t('ownOfferings.roster.attendanceSaved')}</p>}</div>
      {failure && <Problem error={failure.error} onRetry={failure.retry} />}
    </section>
  );
}

/** Records a follow-up outcome for one company: a dialog with the fields of the kind chosen. */
function OutcomeDialog({ enrolmentId, company, onRecorded }: { enrolmentId: string; company: string; onRecorded(): void }) {
  const { t, i18n } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const [form, setForm] = useState<OutcomeForm>(EMPTY_OUTCOME_FORM);
  const [localKeys, setLocalKeys] = useState<FieldErrors<OutcomeField>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [record, recording] = useMutation(RECORD_OUTCOME);

  const refused = fieldErrors(OUTCOME_PATHS, failure, i18n.language);
  const errors = { ...localErrors(localKeys, t), ...refused.errors };
  const set = (field: OutcomeField) => (value: string) => setForm((previous) => ({ ...previous, [field]: value }));
  const fields = form.kind === '' ? [] : OUTCOME_FIELDS[form.kind as OutcomeKind];
  const save = () => {
    setFailure(null);
    const { input, errors: invalid } = outcomeInput(form);
    setLocalKeys(invalid);
    if (Object.keys(invalid).length > 0) return;
    record({ variables: { enrolmentId, input } }).then(
      () => {
        setOpen(false);
        setForm(EMPTY_OUTCOME_FORM);
        onRecorded();
      },
      (error: unknown) => setFailure(error),
    );
  };

  return (
    <DialogTrigger isOpen={isOpen} onOpenChange={setOpen}>
      <Button>
        {t('ownOfferings.roster.recordOutcome')}
        <span className="visually-hidden"> {company}</span>
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            <Heading slot="title">{t('ownOfferings.roster.recordOutcomeFor', { company })}</Heading>
            {refused.unplaced && <Problem error={failure} onRetry={save} />}
            <form
              className="dialog-form"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                save();
              }}
            >
              <ChoiceInput label={t('ownOfferings.outcome.kind')} choices={enumChoices(t, 'OutcomeKind', null)} value={form.kind} onChange={set('kind')} error={errors.kind} />
              {fields.includes('goals') && <TextAreaInput label={t('ownOfferings.outcome.goals')} value={form.goals} onChange={set('goals')} error={errors.goals} />}
              {fields.includes('investmentSek') && (
                <TextInput label={t('ownOfferings.outcome.investmentSek')} value={form.investmentSek} onChange={set('investmentSek')} error={errors.investmentSek} />
              )}
              {fields.includes('jobs') && <TextInput label={t('ownOfferings.outcome.jobs')} value={form.jobs} onChange={set('jobs')} error={errors.jobs} />}
              {fields.includes('jobsBasis') && (
                <ChoiceInput label={t('ownOfferings.outcome.jobsBasis')} choices={enumChoices(t, 'JobBasis', null)} value={form.jobsBasis} onChange={set('jobsBasis')} error={errors.jobsBasis} />
              )}
              {fields.includes('turnoverBand') && (
                <ChoiceInput
                  label={t('ownOfferings.outcome.turnoverBand')}
                  choices={TURNOVER_BANDS.map((band) => ({ id: band, label: t(`enums.TurnoverBand.${band}`) }))}
                  value={form.turnoverBand}
                  onChange={set('turnoverBand')}
                  error={errors.turnoverBand}
                />
              )}
              {fields.includes('newCompanyId') && <NewCompanyChoice value={form.newCompanyId} onChange={set('newCompanyId')} error={errors.newCompanyId} />}
              <div className="dialog-actions">
                <Button onPress={() => setOpen(false)}>{t('ownOfferings.outcome.cancel')}</Button>
                <Button type="submit" className="primary" isDisabled={recording.loading}>
                  {t('ownOfferings.outcome.save')}
                </Button>
              </div>
            </form>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
