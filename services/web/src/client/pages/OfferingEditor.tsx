import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { mayUse } from '../auth/permissions';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ChoiceInput, ChoicesInput, TextAreaInput, TextInput } from '../components/fields';
import { Localised } from '../components/localised';
import { Problem } from '../components/Problem';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime, sortSwedish } from '../format';
import { graphProblem } from '../graph';
import { graphql } from '../graphql';
import type { EditedOfferingFragment as EditedOffering, OfferingStatus } from '../graphql/graphql';
import type { Language } from '../i18n';
import { enumChoices } from './enum-choices';
import {
  actionsFor,
  draftInput,
  EMPTY_OFFERING_FORM,
  EMPTY_SESSION_FORM,
  fieldErrors,
  formFromOffering,
  localErrors,
  offeringFieldErrors,
  offeringInput,
  SESSION_PATHS,
  sessionInput,
  type FieldErrors,
  type OfferingField,
  type OfferingForm,
  type SessionField,
  type SessionForm,
} from './offering-form';
import { useMunicipalityChoices } from './useMunicipalityChoices';

// the fields the editor shows, asked again by every change so the page follows what the graph holds
graphql(`
  fragment EditedOffering on Offering {
    id
    status
    provider {
      id
    }
    title {
      sv
      en
    }
    description {
      sv
      en
    }
    kind
    format
    needs
    targetGroups
    municipalitiesServed {
      code
    }
    startDate
    endDate
    applicationDeadline
    capacity
    priceSek
    link
    project {
      id
    }
    industries
    funding {
      description
      funder {
        id
      }
    }
    eligibility {
      maxEmployees
      maxCompanyAgeYears
      sniPrefixes
      municipalityCodes
    }
    sessions {
      id
      title
      startsAt
      endsAt
      place
      link
    }
  }
`);

const EDITED_OFFERING = graphql(`
  query EditedOffering($id: ID!) {
    offering(id: $id) {
      ...EditedOffering
    }
  }
`);

const CREATE_DRAFT = graphql(`
  mutation CreateOfferingDraft($input: CreateOfferingDraftInput!) {
    createOfferingDraft(input: $input) {
      ...EditedOffering
    }
  }
`);

export const UPDATE = graphql(`
  mutation UpdateOffering($id: ID!, $input: UpdateOfferingInput!) {
    updateOffering(id: $id, input: $input) {
      ...EditedOffering
    }
  }
`);

const PUBLISH = graphql(`
  mutation PublishOffering($id: ID!) {
    publishOffering(id: $id) {
      ...EditedOffering
    }
  }
`);

const CLOSE = graphql(`
  mutation CloseOffering($id: ID!) {
    closeOffering(id: $id) {
      ...EditedOffering
    }
  }
`);

const ARCHIVE = graphql(`
  mutation ArchiveOffering($id: ID!) {
    archiveOffering(id: $id) {
      ...EditedOffering
    }
  }
`);

const ADD_SESSION = graphql(`
  mutation AddOfferingSession($offeringId: ID!, $input: SessionInput!) {
    addOfferingSession(offeringId: $offeringId, input: $input) {
      ...EditedOffering
    }
  }
`);

const REMOVE_SESSION = graphql(`
  mutation RemoveOfferingSession($offeringId: ID!, $sessionId: ID!) {
    removeOfferingSession(offeringId: $offeringId, sessionId: $sessionId) {
      ...EditedOffering
    }
  }
`);

/** The projects an offering may belong to (the provider's own and those it is a partner in) and the funders. */
export const FORM_CHOICES = graphql(`
  query OfferingFormChoices($providerId: ID!) {
    projects(filter: { organisationId: $providerId }, first: 100) {
      nodes {
        id
        name
      }
    }
    funders: organisations(filter: { kind: FUNDER, status: ACTIVE }, first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);

/** The list of our offerings shows statuses and seats: it is asked again after every change. */
const REFRESH_LIST = { refetchQueries: ['OwnOfferings'] };

/** `/our-offerings/new` and `/our-offerings/:id`: a provider writes, publishes, closes and archives its offerings. */
export function OfferingEditor() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { id } = useParams();
  const allowed = mayUse(user, 'ownOfferings') && Boolean(user?.organisationId);
  const { data, error, loading, refetch } = useQuery(EDITED_OFFERING, { variables: { id: id ?? '' }, skip: !id || !allowed });
  const offering = data?.offering;
  const [publishRefusal, setPublishRefusal] = useState<unknown>(null);
  const heading = id ? t('ownOfferings.editTitle') : t('ownOfferings.newTitle');
  usePageTitle(offering?.title?.sv ?? heading);

  const back = (
    <p>
      <Link to="/our-offerings">{t('ownOfferings.back')}</Link>
    </p>
  );
  if (!allowed) {
    return (
      <section>
        <h1>{heading}</h1>
        <p>{t('errors.FORBIDDEN')}</p>
      </section>
    );
  }
  if (!id) {
    return (
      <section aria-labelledby="editor-title">
        {back}
        <h1 id="editor-title">{heading}</h1>
        <OfferingFormSection providerId={user?.organisationId ?? ''} />
      </section>
    );
  }
  if (error) {
    return (
      <section>
        {back}
        <h1>{heading}</h1>
        <Problem error={error} onRetry={() => void refetch()} />
      </section>
    );
  }
  if (loading) return <p role="status">{t('app.loading')}</p>;
  // another organisation's published offering is visible to all, but only its own staff edit it
  if (!offering || offering.provider.id !== user?.organisationId) {
    return (
      <section>
        {back}
        <h1>{t('ownOfferings.notFound')}</h1>
      </section>
    );
  }
  return (
    <article aria-labelledby="editor-title">
      {back}
      <h1 id="editor-title">{offering.title ? <Localised text={offering.title} /> : t('ownOfferings.untitled')}</h1>
      <p>
        <Link to={`/our-offerings/${offering.id}/enrolments`}>{t('ownOfferings.enrolments')}</Link>
      </p>
      <Lifecycle id={offering.id} status={offering.status} onPublishRefused={setPublishRefusal} />
      {actionsFor(offering.status).edit && (
        <>
          <OfferingFormSection key={offering.id} providerId={offering.provider.id} offering={offering} publishRefusal={publishRefusal} onSaving={() => setPublishRefusal(null)} />
          <Sessions offeringId={offering.id} sessions={offering.sessions} />
        </>
      )}
    </article>
  );
}

/** Publish, close and archive as the status allows; closing and archiving are asked about first. */
function Lifecycle({ id, status, onPublishRefused }: { id: string; status: OfferingStatus; onPublishRefused(error: unknown): void }) {
  const { t } = useTranslation();
  const actions = actionsFor(status);
  const [publish, publishing] = useMutation(PUBLISH, REFRESH_LIST);
  const [close, closing] = useMutation(CLOSE, REFRESH_LIST);
  const [archive, archiving] = useMutation(ARCHIVE, REFRESH_LIST);
  const [confirming, setConfirming] = useState<'close' | 'archive' | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; retry(): void; missingFields: boolean } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = (action: () => Promise<unknown>, doneText: string) => {
    const attempt = () => {
      setFailure(null);
      setDone(null);
      action().then(
        () => setDone(doneText),
        (error: unknown) => {
          const { fields } = graphProblem(error);
          // fields still missing for publishing are shown beside them in the form below
          if (Object.keys(fields).length > 0) onPublishRefused(error);
          setFailure({ error, retry: attempt, missingFields: Object.keys(fields).length > 0 });
        },
      );
    };
    attempt();
  };

  return (
    <section aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">{t('ownOfferings.lifecycle.title')}</h2>
      <p>{t('ownOfferings.lifecycle.current', { status: t(`enums.OfferingStatus.${status}`) })}</p>
      <div className="row-actions">
        {actions.publish && (
          <Button className="primary" isDisabled={publishing.loading} onPress={() => run(() => publish({ variables: { id } }), t('ownOfferings.lifecycle.published'))}>
            {t('ownOfferings.lifecycle.publish')}
          </Button>
        )}
        {actions.close && (
          <Button isDisabled={closing.loading} onPress={() => setConfirming('close')}>
            {t('ownOfferings.lifecycle.close')}
          </Button>
        )}
        {actions.archive && (
          <Button isDisabled={archiving.loading} onPress={() => setConfirming('archive')}>
            {t('ownOfferings.lifecycle.archive')}
          </Button>
        )}
      </div>
      <div role="status">{done && <p className="done">{done}</p>}</div>
      {failure &&
        (failure.missingFields ? (
          <p className="problem" role="alert">
            {t('ownOfferings.lifecycle.publishMissing')}
          </p>
        ) : (
          <Problem error={failure.error} onRetry={failure.retry} />
        ))}
      <ConfirmDialog
        isOpen={confirming === 'close'}
        onOpenChange={(open) => setConfirming(open ? 'close' : null)}
        title={t('ownOfferings.lifecycle.confirmCloseTitle')}
        confirmLabel={t('ownOfferings.lifecycle.close')}
        cancelLabel={t('ownOfferings.lifecycle.cancel')}
        onConfirm={() => run(() => close({ variables: { id } }), t('ownOfferings.lifecycle.closed'))}
      >
        <p>{t('ownOfferings.lifecycle.confirmClose')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        isOpen={confirming === 'archive'}
        onOpenChange={(open) => setConfirming(open ? 'archive' : null)}
        title={t('ownOfferings.lifecycle.confirmArchiveTitle')}
        confirmLabel={t('ownOfferings.lifecycle.archive')}
        cancelLabel={t('ownOfferings.lifecycle.cancel')}
        onConfirm={() => run(() => archive({ variables: { id } }), t('ownOfferings.lifecycle.archived'))}
      >
        <p>{t('ownOfferings.lifecycle.confirmArchive')}</p>
      </ConfirmDialog>
    </section>
  );
}

/** The offering's details: a new draft when there is no offering yet, else the offering's changes. */
export function OfferingFormSection(props: {
  providerId: string;
  offering?: EditedOffering;
  /** Fields publishing found missing (paths → the graph's message), shown beside their fields until the next save. */
  /** The graph's refusal to publish, naming the fields still to fill in. */
  publishRefusal?: unknown;
  onSaving?(): void;
}) {
  const { providerId, offering, publishRefusal = null, onSaving = () => undefined } = props;
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [form, setForm] = useState<OfferingForm>(() => (offering ? formFromOffering(offering) : EMPTY_OFFERING_FORM));
  const [localKeys, setLocalKeys] = useState<FieldErrors<OfferingField>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [createDraft, creating] = useMutation(CREATE_DRAFT, REFRESH_LIST);
  const [update, updating] = useMutation(UPDATE, REFRESH_LIST);
  const municipalities = useMunicipalityChoices('').slice(1);
  const choices = useQuery(FORM_CHOICES, { variables: { providerId } });
  const byName = (nodes: ReadonlyArray<{ id: string; name: string }> = []) => sortSwedish(nodes, (node) => node.name).map((node) => ({ id: node.id, label: node.name }));
  const projectChoices = [{ id: '', label: t('ownOfferings.form.noProject') }, ...byName(choices.data?.projects.nodes)];
  const funderChoices = byName(choices.data?.funders.nodes);
  const fundingKinds = (['', 'description', 'funder'] as const).map((kind) => ({ id: kind, label: t(`ownOfferings.form.fundingKinds.${kind || 'none'}`) }));
  const justCreated = (location.state as { created?: boolean } | null)?.created === true;

  // the graph words its refusals in both languages: a change of language changes them too
  const refused = offeringFieldErrors(failure, i18n.language);
  const saveErrors = { ...localErrors(localKeys, t), ...refused.errors };
  const errors = { ...offeringFieldErrors(publishRefusal, i18n.language).errors, ...saveErrors };
  const hasFieldErrors = Object.keys(saveErrors).length > 0;
  const set =
    <F extends OfferingField>(field: F) =>
    (value: OfferingForm[F]) =>
      setForm((previous) => ({ ...previous, [field]: value }));

  const save = () => {
    setSaved(false);
    setFailure(null);
    onSaving();
    const failed = (error: unknown) => setFailure(error);
    if (offering) {
      const { input, errors: invalid } = offeringInput(form);
      setLocalKeys(invalid);
      if (Object.keys(invalid).length === 0) update({ variables: { id: offering.id, input } }).then(() => setSaved(true), failed);
      return;
    }
    const { input, errors: invalid } = draftInput(form, providerId);
    setLocalKeys(invalid);
    if (Object.keys(invalid).length > 0) return;
    createDraft({ variables: { input } }).then((result) => {
      const created = result.data?.createOfferingDraft.id;
      if (created) void navigate(`/our-offerings/${created}`, { state: { created: true } });
    }, failed);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save();
  };
  const busy = creating.loading || updating.loading;

  return (
    // a new draft's form is the page itself, under its heading; an offering's is one section of several
    <section aria-labelledby={offering ? 'details-title' : 'editor-title'}>
      {offering && <h2 id="details-title">{t('ownOfferings.editTitle')}</h2>}
      <div role="status">
        {justCreated && !saved && <p className="done">{t('ownOfferings.form.created')}</p>}
        {saved && <p className="done">{t('ownOfferings.form.saved')}</p>}
      </div>
      {hasFieldErrors && (
        <p className="problem" role="alert">
          {t('ownOfferings.form.fixFields')}
        </p>
      )}
      {refused.unplaced && <Problem error={failure} onRetry={save} />}
      <form className="form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('ownOfferings.form.about')}</legend>
          <TextInput label={t('ownOfferings.form.titleSv')} value={form.titleSv} onChange={set('titleSv')} error={errors.titleSv} />
          <TextInput label={t('ownOfferings.form.titleEn')} hint={t('ownOfferings.form.optionalEnglish')} value={form.titleEn} onChange={set('titleEn')} error={errors.titleEn} />
          <div className="wide">
            <TextAreaInput label={t('ownOfferings.form.descriptionSv')} value={form.descriptionSv} onChange={set('descriptionSv')} error={errors.descriptionSv} />
          </div>
          <div className="wide">
            <TextAreaInput
              label={t('ownOfferings.form.descriptionEn')}
              hint={t('ownOfferings.form.optionalEnglish')}
              value={form.descriptionEn}
              onChange={set('descriptionEn')}
              error={errors.descriptionEn}
            />
          </div>
          <ChoiceInput label={t('ownOfferings.form.kind')} choices={enumChoices(t, 'OfferingKind', null)} value={form.kind} onChange={set('kind')} error={errors.kind} />
          <ChoiceInput label={t('ownOfferings.form.format')} choices={enumChoices(t, 'OfferingFormat', t('ownOfferings.form.noFormat'))} value={form.format} onChange={set('format')} error={errors.format} />
          <ChoiceInput label={t('ownOfferings.form.project')} choices={projectChoices} value={form.projectId} onChange={set('projectId')} error={errors.projectId} />
          {choices.error && <Problem error={choices.error} onRetry={() => void choices.refetch()} />}
        </fieldset>
        <fieldset>
          <legend>{t('ownOfferings.form.who')}</legend>
          <div className="wide">
            <ChoicesInput label={t('ownOfferings.form.needs')} choices={enumChoices(t, 'Need', null)} value={form.needs} onChange={set('needs')} error={errors.needs} />
          </div>
          <div className="wide">
            <ChoicesInput label={t('ownOfferings.form.targetGroups')} choices={enumChoices(t, 'TargetGroup', null)} value={form.targetGroups} onChange={set('targetGroups')} error={errors.targetGroups} />
          </div>
          <div className="wide">
            <ChoicesInput
              label={t('ownOfferings.form.municipalities')}
              hint={t('ownOfferings.form.municipalitiesHint')}
              choices={municipalities}
              value={form.municipalityCodes}
              onChange={set('municipalityCodes')}
              error={errors.municipalityCodes}
            />
          </div>
          <TextInput label={t('ownOfferings.form.maxEmployees')} hint={t('ownOfferings.form.noLimit')} value={form.maxEmployees} onChange={set('maxEmployees')} error={errors.maxEmployees} />
          <TextInput
            label={t('ownOfferings.form.maxCompanyAgeYears')}
            hint={t('ownOfferings.form.noLimit')}
            value={form.maxCompanyAgeYears}
            onChange={set('maxCompanyAgeYears')}
            error={errors.maxCompanyAgeYears}
          />
          <TextInput label={t('ownOfferings.form.industries')} hint={t('ownOfferings.form.industriesHint')} value={form.industries} onChange={set('industries')} error={errors.industries} />
          <TextInput
            label={t('ownOfferings.form.eligibleSniPrefixes')}
            hint={t('ownOfferings.form.eligibleSniHint')}
            value={form.eligibleSniPrefixes}
            onChange={set('eligibleSniPrefixes')}
            error={errors.eligibleSniPrefixes}
          />
          <div className="wide">
            <ChoicesInput
              label={t('ownOfferings.form.eligibleMunicipalities')}
              hint={t('ownOfferings.form.eligibleMunicipalitiesHint')}
              choices={municipalities}
              value={form.eligibleMunicipalityCodes}
              onChange={set('eligibleMunicipalityCodes')}
              error={errors.eligibleMunicipalityCodes}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('ownOfferings.form.funding')}</legend>
          <ChoiceInput
            label={t('ownOfferings.form.fundingKind')}
            choices={fundingKinds}
            value={form.fundingKind}
            onChange={(kind) => set('fundingKind')(kind as OfferingForm['fundingKind'])}
            error={errors.fundingKind}
          />
          {form.fundingKind === 'description' && (
            <TextInput
              label={t('ownOfferings.form.fundingDescription')}
              hint={t('ownOfferings.form.fundingDescriptionHint')}
              value={form.fundingDescription}
              onChange={set('fundingDescription')}
              error={errors.fundingDescription}
            />
          )}
          {form.fundingKind === 'funder' && <ChoiceInput label={t('ownOfferings.form.funder')} choices={funderChoices} value={form.funderId} onChange={set('funderId')} error={errors.funderId} />}
        </fieldset>
        <fieldset>
          <legend>{t('ownOfferings.form.when')}</legend>
          <TextInput type="date" label={t('ownOfferings.form.startDate')} value={form.startDate} onChange={set('startDate')} error={errors.startDate} />
          <TextInput type="date" label={t('ownOfferings.form.endDate')} value={form.endDate} onChange={set('endDate')} error={errors.endDate} />
          <TextInput type="date" label={t('ownOfferings.form.applicationDeadline')} value={form.applicationDeadline} onChange={set('applicationDeadline')} error={errors.applicationDeadline} />
          <TextInput label={t('ownOfferings.form.capacity')} hint={t('ownOfferings.form.capacityHint')} value={form.capacity} onChange={set('capacity')} error={errors.capacity} />
          <TextInput label={t('ownOfferings.form.priceSek')} hint={t('ownOfferings.form.priceHint')} value={form.priceSek} onChange={set('priceSek')} error={errors.priceSek} />
          <TextInput type="url" label={t('ownOfferings.form.link')} hint={t('ownOfferings.form.linkHint')} value={form.link} onChange={set('link')} error={errors.link} />
        </fieldset>
        <div className="form-actions">
          <Button type="submit" className="primary" isDisabled={busy}>
            {offering ? t('ownOfferings.form.save') : t('ownOfferings.form.createDraft')}
          </Button>
          {busy && <span role="status">{t('ownOfferings.form.saving')}</span>}
        </div>
      </form>
    </section>
  );
}

/** The offering's sessions: the list with a way to remove each, and a form to add one. */
function Sessions({ offeringId, sessions }: { offeringId: string; sessions: EditedOffering['sessions'] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [form, setForm] = useState<SessionForm>(EMPTY_SESSION_FORM);
  const [localKeys, setLocalKeys] = useState<FieldErrors<SessionField>>({});
  const [failure, setFailure] = useState<{ error: unknown; retry(): void } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [addSession, adding] = useMutation(ADD_SESSION);
  const [removeSession, removing] = useMutation(REMOVE_SESSION);

  const refused = fieldErrors(SESSION_PATHS, failure?.error, language);
  const errors = { ...localErrors(localKeys, t), ...refused.errors };
  const set = (field: SessionField) => (value: string) => setForm((previous) => ({ ...previous, [field]: value }));
  const add = () => {
    setDone(null);
    setFailure(null);
    const prepared = sessionInput(form);
    setLocalKeys(prepared.errors);
    if (Object.keys(prepared.errors).length > 0) return;
    addSession({ variables: { offeringId, input: prepared.input } }).then(
      () => {
        setForm(EMPTY_SESSION_FORM);
        setDone(t('ownOfferings.sessions.added'));
      },
      (error: unknown) => setFailure({ error, retry: add }),
    );
  };
  const remove = (sessionId: string) => {
    const attempt = () => {
      setDone(null);
      setFailure(null);
      removeSession({ variables: { offeringId, sessionId } }).then(
        () => setDone(t('ownOfferings.sessions.removed')),
        (error: unknown) => setFailure({ error, retry: attempt }),
      );
    };
    attempt();
  };

  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('ownOfferings.sessions.title')}</h2>
      {sessions.length === 0 ? (
        <p>{t('ownOfferings.sessions.none')}</p>
      ) : (
        <ul className="session-list">
          {sessions.map((session) => (
            <li key={session.id}>
              <span>
                <strong>{session.title}</strong>: {formatDateTime(session.startsAt, language)} – {formatDateTime(session.endsAt, language)}
                {session.place && `, ${session.place}`}
              </span>
              <Button isDisabled={removing.loading} onPress={() => remove(session.id)}>
                {t('ownOfferings.sessions.remove', { title: session.title })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div role="status">{done && <p className="done">{done}</p>}</div>
      {failure && refused.unplaced && <Problem error={failure.error} onRetry={failure.retry} />}
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <fieldset>
          <legend>{t('ownOfferings.sessions.add')}</legend>
          <TextInput label={t('ownOfferings.sessions.name')} value={form.title} onChange={set('title')} error={errors.title} />
          <TextInput type="datetime-local" label={t('ownOfferings.sessions.startsAt')} value={form.startsAt} onChange={set('startsAt')} error={errors.startsAt} />
          <TextInput type="datetime-local" label={t('ownOfferings.sessions.endsAt')} value={form.endsAt} onChange={set('endsAt')} error={errors.endsAt} />
          <TextInput label={t('ownOfferings.sessions.place')} hint={t('ownOfferings.sessions.placeHint')} value={form.place} onChange={set('place')} error={errors.place} />
          <TextInput type="url" label={t('ownOfferings.sessions.link')} value={form.link} onChange={set('link')} error={errors.link} />
        </fieldset>
        <div className="form-actions">
          <Button type="submit" isDisabled={adding.loading}>
            {t('ownOfferings.sessions.add')}
          </Button>
        </div>
      </form>
    </section>
  );
}
