import { Form, Link, NavLink, useLocation } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { NAV_AREAS } from '~/modules/navigation';
import { LanguagePicker } from './language-picker';
import { FlashMessage } from './flash-message';
import { UnreadBadge } from './unread-badge';
import { FOOTER_NAMES, withIsolates } from './bidi';
import type { Flash } from '~/modules/flash/flash.server';

interface ShellUser {
  id: string;
  name: string;
  role: 'member' | 'steward';
}

export function AppShell({
  user,
  unread,
  locale,
  flash,
  children,
}: {
  user: ShellUser | null;
  unread: number;
  locale: string;
  flash: Flash | null;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const areas = NAV_AREAS.filter((a) => user && (a.audience === 'member' || user.role === 'steward'));
  const here = location.pathname + location.search;

  return (
    <>
      <a href="#main" className="skip-link">
        {t('common.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header__bar">
          <Link to="/" className="site-header__brand">
            <span aria-hidden="true" className="site-header__logo">
              N
            </span>
            <span>{t('common.networkName')}</span>
          </Link>
          {user ? (
            <Link to="/notifications" className="site-header__icon-link">
              <span className="visually-hidden">{t('common.nav.notifications')}</span>
              <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
                <path
                  fill="currentColor"
                  d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
                />
              </svg>
              <UnreadBadge initial={unread} />
            </Link>
          ) : null}
        </div>
        <details className="site-menu">
          <summary className="site-menu__toggle">{t('common.menu')}</summary>
          <div className="site-menu__panel">
            {user ? (
              <nav aria-label={t('common.nav.label')}>
                <ul className="site-nav">
                  {areas.map((a) => (
                    <li key={a.to}>
                      <NavLink to={a.to} end={a.to === '/'}>
                        {t(a.label)}
                      </NavLink>
                    </li>
                  ))}
                  <li>
                    <NavLink to="/notifications">{t('common.nav.notifications')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/settings">{t('common.nav.settings')}</NavLink>
                  </li>
                </ul>
              </nav>
            ) : null}
            <div className="site-menu__account">
              {user ? (
                <>
                  <p className="site-menu__who">
                    {t('common.signedInAs')} <strong dir="auto">{user.name}</strong>
                  </p>
                  <Form method="post" action="/logout">
                    <button type="submit" className="button button--secondary">
                      {t('common.signOut')}
                    </button>
                  </Form>
                </>
              ) : (
                <p className="site-menu__links">
                  <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>{t('common.signIn')}</Link>
                  <Link to="/join">{t('common.join')}</Link>
                </p>
              )}
              <LanguagePicker locale={locale} redirectTo={here} />
            </div>
          </div>
        </details>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {flash ? <FlashMessage flash={flash} /> : null}
        {children}
      </main>
      <footer className="site-footer">
        <p>{withIsolates(t('common.footer.about'), FOOTER_NAMES)}</p>
        <p>
          <Link to="/privacy">{t('common.footer.privacy')}</Link>
        </p>
      </footer>
    </>
  );
}
