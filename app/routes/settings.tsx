import { NavLink, Outlet } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { PageHeader } from '~/ui/page';

/** Settings area: each part of the app can add a page under /settings. */
export default function SettingsLayout() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <nav aria-label={t('settings.nav')} className="subnav">
        <ul>
          <li>
            <NavLink to="/settings" end>
              {t('settings.account.title')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/settings/profile">{t('directory.settings.profile')}</NavLink>
          </li>
          <li>
            <NavLink to="/settings/data">{t('directory.settings.data')}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
