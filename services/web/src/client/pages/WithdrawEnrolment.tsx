import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Problem } from '../components/Problem';
import { graphql } from '../graphql';
import type { EnrolmentStatus } from '../graphql/graphql';

export const WITHDRAW_ENROLMENT = graphql(`
  mutation WithdrawEnrolment($enrolmentId: ID!) {
    withdrawEnrolment(enrolmentId: $enrolmentId) {
      id
      status
      offering {
        id
        seats {
          capacity
          enrolled
          waitlisted
        }
        enrolments {
          id
          status
          waitlistPosition
        }
      }
    }
  }
`);

interface RosterEntry {
  id: string;
  status: EnrolmentStatus;
  company: { name: string };
}

/** The companies the graph's answer seats that waited before: those a withdrawal moved up from the waitlist. */
export function promotedFromWaitlist(before: readonly RosterEntry[], after: ReadonlyArray<{ id: string; status: EnrolmentStatus }>): string[] {
  const seatedNow = new Set(after.filter((enrolment) => enrolment.status === 'ENROLLED').map((enrolment) => enrolment.id));
  return before.filter((enrolment) => enrolment.status === 'WAITLISTED' && seatedNow.has(enrolment.id)).map((enrolment) => enrolment.company.name);
}

/**
 * Withdraws one company's enrolment after asking: its seat goes to the first on the waitlist, as the graph decides.
 * The answer carries the offering's roster, which updates the page's through the cache.
 */
export function WithdrawEnrolment({ enrolment, roster, onWithdrawn }: { enrolment: RosterEntry; roster: readonly RosterEntry[]; onWithdrawn(company: string, promoted: string[]): void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [withdraw, withdrawing] = useMutation(WITHDRAW_ENROLMENT);
  const [failure, setFailure] = useState<unknown>(null);
  const company = enrolment.company.name;

  const confirm = () => {
    setFailure(null);
    withdraw({ variables: { enrolmentId: enrolment.id } }).then(
      (result) => {
        if (result.data) onWithdrawn(company, promotedFromWaitlist(roster, result.data.withdrawEnrolment.offering.enrolments));
      },
      (error: unknown) => setFailure(error),
    );
  };

  return (
    <>
      <Button onPress={() => setConfirming(true)} isDisabled={withdrawing.loading}>
        {t('ownOfferings.roster.withdraw')}
        <span className="visually-hidden"> {company}</span>
      </Button>
      {failure !== null && <Problem error={failure} onRetry={confirm} />}
      <ConfirmDialog
        isOpen={confirming}
        onOpenChange={setConfirming}
        title={t('ownOfferings.roster.withdrawTitle', { company })}
        confirmLabel={t('ownOfferings.roster.withdraw')}
        cancelLabel={t('ownOfferings.outcome.cancel')}
        onConfirm={confirm}
      >
        <p>{enrolment.status === 'ENROLLED' ? t('ownOfferings.roster.withdrawSeated') : t('ownOfferings.roster.withdrawWaiting')}</p>
      </ConfirmDialog>
    </>
  );
}
