import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { NavLink, Outlet, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { authorize } from '~/policies';
import { countPendingApplications } from '~/modules/membership/applications.server';

// Every child route authorizes 'network.administer' itself too: a layout loader does not guard child actions.
export async function loader({ request }: LoaderFunctionArgs) {
  authorize(await requireUser(request), 'network.administer');
  return json({ pending: await countPendingApplications() });
}

export default function AdminLayout() {
  const { t } = useTranslation();
  const { pending } = useLoaderData<typeof loader>();
  return (
    <>
      <nav aria-label={t('admin.nav')} className="subnav">
        <ul>
          <li>
            <NavLink to="/admin/applications">
              {t('admin.applications.title')} {pending ? <span className="tag">{pending}</span> : null}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/members">{t('admin.members.title')}</NavLink>
          </li>
          <li>
            <NavLink to="/invitations">{t('membership.invitations.title')}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/outbox">{t('admin.outbox.title')}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/reports">{t('notices.moderation.title')}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/tags">{t('directory.admin.tags.title')}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/settings">{t('admin.settings.title')}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
