import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { usePageTitle } from '../components/usePageTitle';

/** Where the identity provider sends the browser back with the authorization code. */
export function Callback() {
  const { t } = useTranslation();
  const { completeSignIn } = useAuth();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const started = useRef(false);
  usePageTitle(t('auth.signingIn'));

  useEffect(() => {
    // the code can be exchanged once only; React's development double effects must not try twice
    if (started.current) return;
    started.current = true;
    completeSignIn().then(
      (returnTo) => void navigate(returnTo, { replace: true }),
      (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
    );
  }, [completeSignIn, navigate]);

  return (
    <section>
      <h1>{t('auth.signingIn')}</h1>
      {failure && <p role="alert">{t('auth.signInFailed', { message: failure })}</p>}
    </section>
  );
}
