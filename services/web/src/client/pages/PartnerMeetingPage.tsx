import { useMutation, useQuery } from '@apollo/client/react';
import { useDeferredValue, useState } from 'react';
import { Button, Checkbox, CheckboxGroup, FieldError, Form, Label } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ChoiceInput, TextInput } from '../components/fields';
import { Localised } from '../components/localised';
import { Problem } from '../components/Problem';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime, formatNumber, sortSwedish } from '../format';
import { placeRefusals } from '../graph';
import { graphql } from '../graphql';
import { ACTIVE_COMPANY_SEARCH } from './active-companies';
import type { PartnerMeetingFieldsFragment } from '../graphql/graphql';
import type { Language } from '../i18n';
import { scheduleRows, wishesOf } from './meeting-schedule';

const MEETING = graphql(`
  query PartnerMeetingPage($id: ID!) {
    partnerMeeting(id: $id) {
      ...PartnerMeetingFields
    }
  }
`);

export const MEETING_FIELDS = graphql(`
  fragment PartnerMeetingFields on PartnerMeeting {
    id
    name
    slots
    tablesPerSlot
    scheduledAt
    organiser {
      id
      name
    }
    project {
      id
      name
    }
    participants {
      id
      name
      municipality {
        code
        name
      }
    }
    requests {
      from {
        id
        name
      }
      to {
        id
        name
      }
    }
    meetings {
      slot
      companies {
        id
        name
      }
      requestedBy {
        id
        name
      }
    }
    unmet {
      from {
        id
        name
      }
      to {
        id
        name
      }
      texts {
        sv
        en
      }
    }
  }
`);

const ADD = graphql(`
  mutation AddMeetingParticipants($id: ID!, $companyIds: [ID!]!) {
    addMeetingParticipants(partnerMeetingId: $id, companyIds: $companyIds) {
      ...PartnerMeetingFields
    }
  }
`);

const REQUEST = graphql(`
  mutation RequestMeetings($id: ID!, $companyId: ID!, $withCompanyIds: [ID!]!) {
    requestMeetings(partnerMeetingId: $id, companyId: $companyId, withCompanyIds: $withCompanyIds) {
      ...PartnerMeetingFields
    }
  }
`);

const SCHEDULE = graphql(`
  mutation SchedulePartnerMeeting($id: ID!) {
    schedulePartnerMeeting(id: $id) {
      ...PartnerMeetingFields
    }
  }
`);

interface Company {
  id: string;
  name: string;
}

/** One partner-meeting event: its participants, who asked to meet whom, and the schedule. */
export function PartnerMeetingPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { id = '' } = useParams();
  const { data, error, loading, refetch } = useQuery(MEETING, { variables: { id } });
  const meeting = data?.partnerMeeting;
  usePageTitle(meeting?.name ?? t('meetings.title'));

  if (error) return <Problem error={error} onRetry={() => void refetch()} />;
  if (loading) return <p role="status">{t('app.loading')}</p>;
  if (!meeting) {
    return (
      <section>
        <h1>{t('meetings.notFound')}</h1>
        <Link to="/meetings">{t('meetings.back')}</Link>
      </section>
    );
  }
  const participants = sortSwedish(meeting.participants, (company) => company.name);
  return (
    <article aria-labelledby="meeting-title">
      <p>
        <Link to="/meetings">{t('meetings.back')}</Link>
      </p>
      <h1 id="meeting-title">{meeting.name}</h1>
      <dl className="facts">
        <div>
          <dt>{t('meetings.organiser')}</dt>
          <dd>{meeting.organiser.name}</dd>
        </div>
        {meeting.project && (
          <div>
            <dt>{t('meetings.project')}</dt>
            <dd>{meeting.project.name}</dd>
          </div>
        )}
        <div>
          <dt>{t('meetings.slots')}</dt>
          <dd>{formatNumber(meeting.slots, language)}</dd>
        </div>
        <div>
          <dt>{t('meetings.tablesPerSlot')}</dt>
          <dd>{meeting.tablesPerSlot === null || meeting.tablesPerSlot === undefined ? t('meetings.unlimited') : formatNumber(meeting.tablesPerSlot, language)}</dd>
        </div>
      </dl>

      <section aria-labelledby="participants">
        <h2 id="participants">{t('meetings.participants')}</h2>
        {participants.length === 0 ? (
          <p>{t('meetings.noParticipants')}</p>
        ) : (
          <ul>
            {participants.map((company) => (
              <li key={company.id}>
                {company.name} ({company.municipality.name})
              </li>
            ))}
          </ul>
        )}
        <AddParticipants meetingId={meeting.id} participantIds={participants.map((company) => company.id)} />
      </section>

      <section aria-labelledby="requests">
        <h2 id="requests">{t('meetings.requests')}</h2>
        {participants.length < 2 ? <p>{t('meetings.needTwo')}</p> : <RequestForm meetingId={meeting.id} participants={participants} requests={meeting.requests} />}
        {meeting.requests.length > 0 && (
          <table className="table">
            <caption>{t('meetings.requestsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meetings.requester')}</th>
                <th scope="col">{t('meetings.wantsToMeet')}</th>
              </tr>
            </thead>
            <tbody>
              {meeting.requests.map((request) => (
                <tr key={`${request.from.id}-${request.to.id}`}>
                  <td data-label={t('meetings.requester')}>{request.from.name}</td>
                  <td data-label={t('meetings.wantsToMeet')}>{request.to.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <Schedule meeting={meeting} />
    </article>
  );
}

/** Finds companies in the register by name and adds them to the event one by one. */
function AddParticipants({ meetingId, participantIds }: { meetingId: string; participantIds: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const asked = useDeferredValue(text.trim());
  const found = useQuery(ACTIVE_COMPANY_SEARCH, { variables: { text: asked }, skip: asked.length < 2 });
  const [add, added] = useMutation(ADD);
  const [adding, setAdding] = useState<string | null>(null);
  const companies = (found.data?.organisations.nodes ?? []).filter((company) => !participantIds.includes(company.id));
  const addCompany = (companyId: string) => {
    setAdding(companyId);
    add({ variables: { id: meetingId, companyIds: [companyId] } }).catch(() => undefined);
  };
  // a company the graph will not add is named in `companyIds`; any other failure is the form's, with a retry
  const refused = placeRefusals(added.error, (path) => (path.startsWith('companyIds') ? 'company' : undefined), i18n.language);

  return (
    <div className="subform">
      <h3 id="add-participants">{t('meetings.addTitle')}</h3>
      <TextInput type="search" label={t('meetings.searchCompany')} hint={t('meetings.searchHint')} value={text} onChange={setText} />
      {found.error && <Problem error={found.error} onRetry={() => void found.refetch()} />}
      {refused.errors.company && (
        <p className="problem" role="alert">
          {refused.errors.company}
        </p>
      )}
      {refused.unplaced && <Problem error={added.error} onRetry={() => adding && addCompany(adding)} />}
      {asked.length >= 2 && found.data && (
        <ul className="choices" aria-labelledby="add-participants">
          {companies.length === 0 && <li>{t('meetings.noCompanies')}</li>}
          {companies.map((company) => (
            <li key={company.id}>
              <span>
                {company.name} ({company.municipality.name})
              </span>
              <Button onPress={() => addCompany(company.id)} isDisabled={added.loading} aria-label={t('meetings.addCompany', { company: company.name })}>
                {t('meetings.add')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What one participant asks for, replacing its earlier wishes. */
function RequestForm(props: { meetingId: string; participants: readonly Company[]; requests: ReadonlyArray<{ from: Company; to: Company }> }) {
  const { t, i18n } = useTranslation();
  const [companyId, setCompanyId] = useState(props.participants[0]?.id ?? '');
  const [wishes, setWishes] = useState<string[]>(() => wishesOf(companyId, props.requests));
  const [save, saved] = useMutation(REQUEST);
  const refused = placeRefusals(saved.error, (path) => (path === 'companyId' ? 'requester' : path.startsWith('withCompanyIds') ? 'wishes' : undefined), i18n.language);
  const choose = (next: string) => {
    setCompanyId(next);
    setWishes(wishesOf(next, props.requests));
    saved.reset();
  };
  const submit = () => void save({ variables: { id: props.meetingId, companyId, withCompanyIds: wishes } }).catch(() => undefined);
  const others = props.participants.filter((company) => company.id !== companyId);

  return (
    <Form
      className="subform"
      validationBehavior="aria"
      aria-label={t('meetings.requestsForm')}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <ChoiceInput
        label={t('meetings.requester')}
        choices={props.participants.map((company) => ({ id: company.id, label: company.name }))}
        value={companyId}
        onChange={choose}
        error={refused.errors.requester}
      />
      <CheckboxGroup className="field checkboxes" value={wishes} onChange={setWishes} isInvalid={refused.errors.wishes !== undefined}>
        <Label>{t('meetings.wantsToMeet')}</Label>
        {others.map((company) => (
          <Checkbox key={company.id} value={company.id} className="checkbox">
            <span className="checkbox-box" aria-hidden="true" />
            {company.name}
          </Checkbox>
        ))}
        <FieldError>{refused.errors.wishes}</FieldError>
      </CheckboxGroup>
      {refused.unplaced && <Problem error={saved.error} onRetry={submit} />}
      {saved.data && !saved.loading && (
        <p role="status">{t('meetings.requestsSaved')}</p>
      )}
      <Button type="submit" className="primary" isDisabled={saved.loading}>
        {t('meetings.saveRequests')}
      </Button>
    </Form>
  );
}

/** Schedules the event, again after changes, and shows who meets whom in which slot and which wishes were not met. */
function Schedule({ meeting }: { meeting: PartnerMeetingFieldsFragment }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [schedule, scheduled] = useMutation(SCHEDULE);
  const run = () => void schedule({ variables: { id: meeting.id } }).catch(() => undefined);
  const rows = scheduleRows(meeting.meetings);

  return (
    <section aria-labelledby="schedule">
      <h2 id="schedule">{t('meetings.schedule')}</h2>
      <p>{meeting.scheduledAt ? t('meetings.scheduledAt', { at: formatDateTime(meeting.scheduledAt, language) }) : t('meetings.notScheduled')}</p>
      {scheduled.error && <Problem error={scheduled.error} onRetry={run} />}
      <Button className="primary" onPress={run} isDisabled={scheduled.loading || meeting.requests.length === 0}>
        {meeting.scheduledAt ? t('meetings.reschedule') : t('meetings.scheduleNow')}
      </Button>
      {meeting.scheduledAt && (
        <>
          <table className="table">
            <caption>{t('meetings.scheduleCaption', { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meetings.slot')}</th>
                <th scope="col">{t('meetings.companies')}</th>
                <th scope="col">{t('meetings.requestedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.slot}-${row.companies.join('-')}`}>
                  <th scope="row">{t('meetings.slotNumber', { slot: row.slot })}</th>
                  <td data-label={t('meetings.companies')}>{row.companies.join(' – ')}</td>
                  <td data-label={t('meetings.requestedBy')}>{row.requestedBy.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {meeting.unmet.length > 0 && (
            <table className="table">
              <caption>{t('meetings.unmetCaption', { count: meeting.unmet.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('meetings.requester')}</th>
                  <th scope="col">{t('meetings.wantsToMeet')}</th>
                  <th scope="col">{t('meetings.why')}</th>
                </tr>
              </thead>
              <tbody>
                {meeting.unmet.map((request) => (
                  <tr key={`${request.from.id}-${request.to.id}`}>
                    <td data-label={t('meetings.requester')}>{request.from.name}</td>
                    <td data-label={t('meetings.wantsToMeet')}>{request.to.name}</td>
                    <td data-label={t('meetings.why')}><Localised text={request.texts} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
