import { useEffect, useRef } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { mayUse, type Area } from '../auth/permissions';
import { LANGUAGES, type Language } from '../i18n';
import { WhoIsSignedIn } from './WhoIsSignedIn';

const NAVIGATION: ReadonlyArray<{ area: Area; path: string }> = [
  { area: 'catalogue', path: '/' },
  { area: 'directory', path: '/organisations' },
  { area: 'companies', path: '/companies' },
  { area: 'referralsSent', path: '/referrals/sent' },
  { area: 'referralsInbox', path: '/referrals/inbox' },
  { area: 'meetings', path: '/meetings' },
  { area: 'ownOfferings', path: '/our-offerings' },
  { area: 'candidates', path: '/candidates' },
  { area: 'receivingCapacity', path: '/receiving-capacity' },
  { area: 'privacy', path: '/privacy' },
  { area: 'dashboards', path: '/dashboards' },
  { area: 'jobRuns', path: '/jobs' },
];

const LANGUAGE_NAMES: Record<Language, string> = { sv: 'Svenska', en: 'English' };

export function Layout() {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const main = useRef<HTMLElement>(null);
  const location = useLocation();
  const firstRender = useRef(true);

  // after moving to another page, focus its content, as a page load would for a screen reader
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="brand">{t('app.name')}</div>
        <div className="languages" role="group" aria-label={t('app.language')}>
          {LANGUAGES.map((language) => (
            <Button key={language} lang={language} aria-pressed={i18n.language === language} onPress={() => void i18n.changeLanguage(language)}>
              {LANGUAGE_NAMES[language]}
            </Button>
          ))}
        </div>
        <WhoIsSignedIn />
      </header>
      {user && (
        <nav className="site-nav" aria-label={t('app.mainNav')}>
          <ul>
            {NAVIGATION.filter(({ area }) => mayUse(user, area)).map(({ area, path }) => (
              <li key={area}>
                <NavLink to={path} end={path === '/'}>
                  {t(`nav.${area}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
