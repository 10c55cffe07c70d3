import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { ChoiceInput, TextInput } from '../components/fields';
import { Problem } from '../components/Problem';
import { usePageTitle } from '../components/usePageTitle';
import { sortSwedish } from '../format';
import { graphql } from '../graphql';
import { meetingFieldErrors, parseMeetingInput, type MeetingDraft } from './meeting-input';
import { OrganisedMeetings } from './OrganisedMeetings';

const PROJECTS = graphql(`
  query MeetingProjects($municipalityCode: String) {
    projects(filter: { municipalityCode: $municipalityCode }, first: 50) {
      nodes {
        id
        name
      }
    }
  }
`);

const CREATE = graphql(`
  mutation CreatePartnerMeeting($input: PartnerMeetingInput!) {
    createPartnerMeeting(input: $input) {
      id
    }
  }
`);

/** The partner-meeting events (matchmaking days) the signed-in person's organisation organises, and a new one. */
export function MeetingPlanner() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('meetings.title'));
  const { user } = useAuth();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<MeetingDraft>({ name: '', slots: '', tablesPerSlot: '', projectId: '' });
  const projects = useQuery(PROJECTS, { variables: { municipalityCode: user?.municipalityCode ?? null } });
  const [create, { error, loading }] = useMutation(CREATE);
  const parsed = parseMeetingInput(draft);
  const [submitted, setSubmitted] = useState(false);
  const { errors, unplaced } = meetingFieldErrors(t, submitted ? parsed.invalid : [], error, i18n.language);
  const projectChoices = [
    { id: '', label: t('meetings.noProject') },
    ...sortSwedish(projects.data?.projects.nodes ?? [], (project) => project.name).map((project) => ({ id: project.id, label: project.name })),
  ];
  const change = (key: keyof MeetingDraft) => (value: string) => setDraft((previous) => ({ ...previous, [key]: value }));

  const submit = () => {
    setSubmitted(true);
    if (!parsed.input) return;
    create({ variables: { input: parsed.input } }).then(
      (result) => {
        if (result.data) void navigate(`/meetings/${result.data.createPartnerMeeting.id}`);
      },
      // shown beside the fields from the mutation's error; the draft stays as it was
      () => undefined,
    );
  };

  return (
    <section aria-labelledby="meetings-title">
      <h1 id="meetings-title">{t('meetings.title')}</h1>
      <p>{t('meetings.intro')}</p>
      <OrganisedMeetings />
      <h2 id="new-meeting">{t('meetings.newTitle')}</h2>
      {/* errors are shown, never the browser's own blocking of a form with an invalid field: it could not be resent */}
      <Form
        className="form"
        validationBehavior="aria"
        aria-labelledby="new-meeting"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <TextInput label={t('meetings.name')} value={draft.name} onChange={change('name')} error={errors.name} />
        <TextInput type="number" label={t('meetings.slots')} hint={t('meetings.slotsHint')} value={draft.slots} onChange={change('slots')} error={errors.slots} />
        <TextInput type="number" label={t('meetings.tablesPerSlot')} hint={t('meetings.tablesHint')} value={draft.tablesPerSlot} onChange={change('tablesPerSlot')} error={errors.tablesPerSlot} />
        <ChoiceInput label={t('meetings.project')} choices={projectChoices} value={draft.projectId} onChange={change('projectId')} error={errors.projectId} />
        {unplaced && <Problem error={error} onRetry={submit} />}
        <Button type="submit" className="primary" isDisabled={loading}>
          {t('meetings.create')}
        </Button>
      </Form>
    </section>
  );
}
