import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { usePageTitle } from '../components/usePageTitle';

/** Every request to the graph needs a signed-in person, so this is all a stranger sees. */
export function Welcome() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  usePageTitle(t('auth.signIn'));
  return (
    <section className="welcome">
      <h1>{t('auth.welcomeTitle')}</h1>
      <p>{t('auth.welcomeText')}</p>
      <Button className="primary" onPress={() => void signIn()}>
        {t('auth.signIn')}
      </Button>
    </section>
  );
}
