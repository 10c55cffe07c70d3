import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Button, Dialog, DialogTrigger, FieldError, Form, Heading, Label, Modal, ModalOverlay, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Problem } from '../components/Problem';
import { placeRefusals } from '../graph';
import { graphql } from '../graphql';
import type { ReferralAction } from './referral-actions';

export const REFERRAL_FIELDS = graphql(`
  fragment ReferralFields on Referral {
    id
    status
    note
    createdAt
    firstResponseAt
    company {
      id
      name
    }
    from {
      id
      name
    }
    to {
      id
      name
    }
    history {
      status
      at
      note
    }
  }
`);

const ACCEPT = graphql(`
  mutation AcceptReferral($id: ID!, $note: String) {
    acceptReferral(id: $id, note: $note) {
      ...ReferralFields
    }
  }
`);
const DECLINE = graphql(`
  mutation DeclineReferral($id: ID!, $note: String) {
    declineReferral(id: $id, note: $note) {
      ...ReferralFields
    }
  }
`);
const START = graphql(`
  mutation StartReferral($id: ID!, $note: String) {
    startReferral(id: $id, note: $note) {
      ...ReferralFields
    }
  }
`);
const COMPLETE = graphql(`
  mutation CompleteReferral($id: ID!, $note: String) {
    completeReferral(id: $id, note: $note) {
      ...ReferralFields
    }
  }
`);
const WITHDRAW = graphql(`
  mutation WithdrawReferral($id: ID!, $note: String) {
    withdrawReferral(id: $id, note: $note) {
      ...ReferralFields
    }
  }
`);

/** The id of the element (row or card) that shows a referral, where focus goes once it has changed. */
export function referralElementId(referralId: string): string {
  return `referral-${referralId}`;
}

export const REFERRAL_MUTATIONS = { accept: ACCEPT, decline: DECLINE, start: START, complete: COMPLETE, withdraw: WITHDRAW } as const;

/**
 * One change of a referral behind a button: a dialog that names the company, takes an optional note and shows the
 * graph's answer. The referral's row follows the changed status through the cache. When the graph refuses the
 * change because the referral has moved on meanwhile (withdrawn by the office, answered by a colleague), the list is
 * asked again once the dialog closes, so the person sees where it stands.
 */
export function ReferralActionDialog(props: { action: ReferralAction; referral: { id: string; company: { name: string } }; onStale(): void }) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState('');
  const [change, { loading, error, reset }] = useMutation(REFERRAL_MUTATIONS[props.action]);
  const refused = placeRefusals(error, (path) => (path === 'note' || path === 'status' ? path : undefined), i18n.language);
  // a refusal of the status means the referral has moved on: what the list shows once the dialog closes tells more
  const stale = refused.errors.status !== undefined;
  const noteError = refused.errors.note;
  const title = t(`referrals.actions.${props.action}.title`);

  return (
    <DialogTrigger
      onOpenChange={(open) => {
        if (open) return;
        // asked again only once the dialog has closed: the refreshed referral may no longer offer this action
        if (stale) props.onStale();
        reset();
      }}
    >
      <Button className={props.action === 'withdraw' || props.action === 'decline' ? undefined : 'primary'} aria-label={`${t(`referrals.actions.${props.action}.button`)}: ${props.referral.company.name}`}>
        {t(`referrals.actions.${props.action}.button`)}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <Form
                validationBehavior="aria"
                onSubmit={(event) => {
                  event.preventDefault();
                  // a failure is shown from the mutation's state, with the note kept for another try
                  change({ variables: { id: props.referral.id, note: note.trim() || null } }).then(
                    () => {
                      close();
                      // the button that opened the dialog is gone with the old status: focus the referral itself
                      requestAnimationFrame(() => document.getElementById(referralElementId(props.referral.id))?.focus());
                    },
                    () => undefined,
                  );
                }}
              >
                <Heading slot="title">{title}</Heading>
                <p>{t(`referrals.actions.${props.action}.text`, { company: props.referral.company.name })}</p>
                <TextField className="field" value={note} onChange={setNote} isInvalid={noteError !== undefined}>
                  <Label>{t('referrals.actionNote')}</Label>
                  <TextArea rows={3} />
                  <FieldError>{noteError}</FieldError>
                </TextField>
                {stale ? (
                  <p className="problem" role="alert">
                    {t('referrals.stale')}
                  </p>
                ) : (
                  refused.unplaced && <Problem error={error} />
                )}
                <div className="dialog-buttons">
                  {!stale && (
                    <Button type="submit" className="primary" isDisabled={loading}>
                      {error ? t('errors.retry') : t(`referrals.actions.${props.action}.confirm`)}
                    </Button>
                  )}
                  <Button onPress={close}>{stale ? t('referrals.close') : t('referrals.cancel')}</Button>
                </div>
              </Form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
