import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ChoiceInput, TextInput } from '../../components/fields';
import { Problem } from '../../components/Problem';
import { formatDateTime } from '../../format';
import { graphql } from '../../graphql';
import type { CandidateConsentsFragment } from '../../graphql/graphql';
import type { Language } from '../../i18n';
import { enumChoices } from '../enum-choices';
import { initialConsentChoice, type ConsentChoice } from './consents';
import { formErrors, inputMessage } from './form-errors';

// what the consent mutations answer with, so the page's candidate follows them
graphql(`
  fragment CandidateConsents on Candidate {
    id
    consents {
      purpose
      given
      since
      textVersion
      channel
    }
    consentHistory {
      purpose
      given
      at
      channel
      textVersion
    }
  }
`);

const GIVE_CONSENT = graphql(`
  mutation GiveConsent($candidateId: ID!, $input: ConsentInput!) {
    giveConsent(candidateId: $candidateId, input: $input) {
      ...CandidateConsents
    }
  }
`);

const WITHDRAW_CONSENT = graphql(`
  mutation WithdrawConsent($candidateId: ID!, $purpose: ConsentPurpose!, $channel: ConsentChannel!) {
    withdrawConsent(candidateId: $candidateId, purpose: $purpose, channel: $channel) {
      ...CandidateConsents
    }
  }
`);

const INPUTS = ['purpose', 'channel', 'textVersion'] as const;

/** The candidate's consents by purpose and their history; an officer records one given or withdrawn, and how. */
export function ConsentSection({ candidate }: { candidate: CandidateConsentsFragment }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [choice, setChoice] = useState<ConsentChoice>(() => initialConsentChoice(candidate.consentHistory));
  // a purpose or channel not chosen is pointed out here: the graph cannot be asked without one
  const [unchosen, setUnchosen] = useState<Partial<Record<'purpose' | 'channel', string>>>({});
  const [recorded, setRecorded] = useState(false);
  const done = { onCompleted: () => setRecorded(true) };
  const [give, given] = useMutation(GIVE_CONSENT, done);
  const [withdraw, withdrawn] = useMutation(WITHDRAW_CONSENT, done);
  const [lastAction, setLastAction] = useState<'give' | 'withdraw'>('give');
  const failed = lastAction === 'give' ? given.error : withdrawn.error;
  const errors = formErrors(failed, INPUTS, i18n.language);
  const shown = { ...errors.inputs, ...unchosen };

  const record = (action: 'give' | 'withdraw') => {
    setLastAction(action);
    setRecorded(false);
    const { purpose, channel, textVersion } = choice;
    const missing: Partial<Record<'purpose' | 'channel', string>> = {
      ...(purpose === '' && { purpose: inputMessage('purpose', t) }),
      ...(channel === '' && { channel: inputMessage('channel', t) }),
    };
    setUnchosen(missing);
    if (purpose === '' || channel === '') return;
    if (action === 'give') void give({ variables: { candidateId: candidate.id, input: { purpose, channel, textVersion } } });
    else void withdraw({ variables: { candidateId: candidate.id, purpose, channel } });
  };
  const change = (key: keyof ConsentChoice) => (value: string) => setChoice((previous) => ({ ...previous, [key]: value }));

  return (
    <section aria-labelledby="consents">
      <h2 id="consents">{t('migration.consents.title')}</h2>
      <table className="table">
        <caption className="visually-hidden">{t('migration.consents.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('migration.consents.purpose')}</th>
            <th scope="col">{t('migration.consents.state')}</th>
            <th scope="col">{t('migration.consents.since')}</th>
            <th scope="col">{t('migration.consents.channel')}</th>
            <th scope="col">{t('migration.consents.textVersion')}</th>
          </tr>
        </thead>
        <tbody>
          {candidate.consents.map((consent) => (
            <tr key={consent.purpose}>
              <th scope="row">{t(`enums.ConsentPurpose.${consent.purpose}`)}</th>
              <td>{consent.given ? t('migration.consents.given') : t('migration.consents.withdrawn')}</td>
              <td>{consent.since ? formatDateTime(consent.since, language) : '–'}</td>
              <td>{consent.channel ? t(`enums.ConsentChannel.${consent.channel}`) : '–'}</td>
              <td>{consent.textVersion ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary>{t('migration.consents.history')}</summary>
        <ol>
          {candidate.consentHistory.map((record) => (
            <li key={`${record.purpose}-${record.at}`}>
              {t('migration.consents.historyEntry', {
                purpose: t(`enums.ConsentPurpose.${record.purpose}`),
                state: record.given ? t('migration.consents.given') : t('migration.consents.withdrawn'),
                at: formatDateTime(record.at, language),
                channel: t(`enums.ConsentChannel.${record.channel}`),
                textVersion: record.textVersion,
              })}
            </li>
          ))}
        </ol>
      </details>
      <form className="form" aria-labelledby="consent-change" onSubmit={(event) => event.preventDefault()}>
        <h3 id="consent-change">{t('migration.consents.change')}</h3>
        <ChoiceInput label={t('migration.consents.purpose')} choices={enumChoices(t, 'ConsentPurpose', t('migration.choose'))} value={choice.purpose} onChange={change('purpose')} error={shown.purpose} />
        <ChoiceInput label={t('migration.consents.channel')} choices={enumChoices(t, 'ConsentChannel', t('migration.choose'))} value={choice.channel} onChange={change('channel')} error={shown.channel} />
        <TextInput label={t('migration.consents.textVersion')} hint={t('migration.consents.textVersionHint')} value={choice.textVersion} onChange={change('textVersion')} error={shown.textVersion} />
        <div className="form-actions">
          <Button className="primary" isDisabled={given.loading} onPress={() => record('give')}>
            {t('migration.consents.give')}
          </Button>
          <Button isDisabled={withdrawn.loading} onPress={() => record('withdraw')}>
            {t('migration.consents.withdraw')}
          </Button>
        </div>
        <p role="status">{recorded ? t('migration.consents.saved') : ''}</p>
        {errors.general && <Problem error={failed} onRetry={() => record(lastAction)} />}
      </form>
    </section>
  );
}
