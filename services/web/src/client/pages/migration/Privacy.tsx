import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { TextInput } from '../../components/fields';
import { Problem } from '../../components/Problem';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../format';
import { graphql } from '../../graphql';
import type { PersonalDataQuery } from '../../graphql/graphql';
import type { Language } from '../../i18n';
import { formErrors } from './form-errors';
import { dataExport, erasureSteps, isHubService } from './personal-data';

const PERSONAL_DATA = graphql(`
  query PersonalData($personId: ID!) {
    personalData(personId: $personId) {
      personId
      migration
      organisations
      offerings
      matchmaking
    }
  }
`);

const ERASE_PERSON = graphql(`
  mutation ErasePerson($personId: ID!) {
    erasePerson(personId: $personId) {
      id
      requestedAt
      complete
      completions {
        service
        at
      }
    }
  }
`);

const ERASURE = graphql(`
  query Erasure($id: ID!) {
    erasure(id: $id) {
      id
      requestedAt
      complete
      completions {
        service
        at
      }
    }
  }
`);

// an erasure completes as each service's consumer gets to the event: asked again until every service has
const ERASURE_POLL_MS = 1000;

/** An admin's right-of-access export of a person and their erasure from the whole hub, with its progress. */
export function Privacy() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('privacy.title'));
  const [params, setParams] = useSearchParams();
  const personId = params.get('person') ?? '';
  const erasureId = params.get('erasure');
  const [typed, setTyped] = useState(personId);
  const personalData = useQuery(PERSONAL_DATA, { variables: { personId }, skip: personId === '' });
  const errors = formErrors(personalData.error, ['personId'], i18n.language);

  return (
    <section aria-labelledby="privacy-title">
      <h1 id="privacy-title">{t('privacy.title')}</h1>
      <p>{t('privacy.intro')}</p>
      <form
        className="filters"
        aria-label={t('privacy.show')}
        onSubmit={(event) => {
          event.preventDefault();
          setParams({ person: typed.trim() });
        }}
      >
        <TextInput label={t('privacy.personId')} hint={t('privacy.personIdHint')} value={typed} onChange={setTyped} error={errors.inputs.personId} />
        <Button type="submit" className="primary" isDisabled={personalData.loading}>
          {t('privacy.show')}
        </Button>
      </form>
      {errors.general && <Problem error={personalData.error} onRetry={() => void personalData.refetch()} />}
      {erasureId && <ErasureProgress erasureId={erasureId} onComplete={personalData.refetch} />}
      {personalData.data && (
        <DataExport
          personalData={personalData.data.personalData}
          onErased={(erasure) => setParams({ person: personId, erasure })}
          erasing={erasureId !== null}
        />
      )}
    </section>
  );
}

function DataExport({ personalData, onErased, erasing }: { personalData: PersonalDataQuery['personalData']; onErased(erasureId: string): void; erasing: boolean }) {
  const { t } = useTranslation();
  const exported = dataExport(personalData);
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{t('privacy.export', { personId: personalData.personId })}</h2>
      <p>
        <a href={exported.href} download={exported.fileName}>
          {t('privacy.download')}
        </a>
      </p>
      {exported.parts.map((part) => (
        <section key={part.service} aria-labelledby={`part-${part.service}`}>
          <h3 id={`part-${part.service}`}>{t('privacy.part', { service: t(`privacy.services.${part.service}`) })}</h3>
          {part.json === null ? (
            <p>{t('privacy.nothing')}</p>
          ) : (
            <pre className="json" tabIndex={0} aria-labelledby={`part-${part.service}`}>
              {part.json}
            </pre>
          )}
        </section>
      ))}
      {!erasing && <EraseDialog personId={personalData.personId} onErased={onErased} />}
    </section>
  );
}

/** Erasure is for good: the dialog says what will happen in each service before anything is asked of the graph. */
function EraseDialog({ personId, onErased }: { personId: string; onErased(erasureId: string): void }) {
  const { t } = useTranslation();
  const [erasePerson, { error, loading }] = useMutation(ERASE_PERSON, { onCompleted: (data) => onErased(data.erasePerson.id) });
  const erase = () => void erasePerson({ variables: { personId } });
  return (
    <DialogTrigger>
      <Button className="danger">{t('privacy.erase')}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" level={2}>{t('privacy.confirmTitle', { personId })}</Heading>
                <p>{t('privacy.confirmWhat')}</p>
                <ul>
                  <li>{t('privacy.confirmMigration')}</li>
                  <li>{t('privacy.confirmOthers')}</li>
                </ul>
                <p>
                  <strong>{t('privacy.confirmFinal')}</strong>
                </p>
                {error && <Problem error={error} onRetry={erase} />}
                <div className="form-actions">
                  <Button onPress={close}>{t('privacy.cancel')}</Button>
                  <Button className="danger" isDisabled={loading} onPress={erase}>
                    {t('privacy.confirm')}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function ErasureProgress({ erasureId, onComplete }: { erasureId: string; onComplete: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { data, error, refetch, startPolling, stopPolling } = useQuery(ERASURE, { variables: { id: erasureId } });
  const erasure = data?.erasure;
  const complete = erasure?.complete ?? false;
  useEffect(() => {
    if (complete) {
      stopPolling();
      // what is left of the person once every service has erased them
      void onComplete();
    } else startPolling(ERASURE_POLL_MS);
    return stopPolling;
  }, [complete, onComplete, startPolling, stopPolling]);

  return (
    <section aria-labelledby="erasure-title">
      <h2 id="erasure-title">{t('privacy.progress')}</h2>
      {error && <Problem error={error} onRetry={() => void refetch()} />}
      {erasure && (
        <>
          <p>{t('privacy.requestedAt', { at: formatDateTime(erasure.requestedAt, language) })}</p>
          <table className="table">
            <caption className="visually-hidden">{t('privacy.progressCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('privacy.service')}</th>
                <th scope="col">{t('privacy.state')}</th>
              </tr>
            </thead>
            <tbody>
              {erasureSteps(erasure.completions).map((step) => (
                <tr key={step.service}>
                  <th scope="row">{isHubService(step.service) ? t(`privacy.services.${step.service}`) : step.service}</th>
                  <td>{step.completedAt ? t('privacy.done', { at: formatDateTime(step.completedAt, language) }) : t('privacy.waiting')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p role="status">{complete ? t('privacy.complete') : t('privacy.underway')}</p>
        </>
      )}
    </section>
  );
}
