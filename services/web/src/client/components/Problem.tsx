import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { graphProblem, wordingIn } from '../graph';

const KNOWN = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'RATE_LIMITED']);

/** A failed request in the person's language, with a way to try again; nothing they entered is lost. */
export function Problem({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  const { code, reason } = graphProblem(error);
  // the service's own reason says most; where there is none, what the code means
  const text = reason ? wordingIn(reason, i18n.language) : code === 'NETWORK' ? t('errors.network') : KNOWN.has(code) ? t(`errors.${code}` as 'errors.FORBIDDEN') : t('errors.other', { code });
  return (
    <div className="problem" role="alert">
      <p>
        <strong>{t('errors.title')}:</strong> {text}
      </p>
      {onRetry && <Button onPress={onRetry}>{t('errors.retry')}</Button>}
    </div>
  );
}
