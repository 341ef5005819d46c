import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { listNotifications, markAllRead, markRead } from '~/modules/notifications/notifications.server';
import { kindTextKey } from '~/modules/notifications/kinds';
import { useFormat } from '~/utils/format';
import { EmptyState, PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Notifications · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const before = Number(new URL(request.url).searchParams.get('before')) || undefined;
  return json(await listNotifications(user.id, { before }));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (form.get('intent') === 'read-all') {
    await markAllRead(user.id);
    return redirect('/notifications');
  }
  const id = Number(form.get('id'));
  if (!Number.isInteger(id) || id <= 0) throw new Response('Bad request', { status: 400 });
  const link = await markRead(user.id, id);
  if (!link) throw new Response('Not found', { status: 404 });
  // Links are written by the app itself, always site-relative.
  return redirect(link.startsWith('/') && !link.startsWith('//') ? link : '/notifications');
}

export default function Notifications() {
  const { t } = useTranslation();
  const { items, nextCursor } = useLoaderData<typeof loader>();
  const format = useFormat();
  const anyUnread = items.some((n) => !n.read_at);
  return (
    <>
      <PageHeader title={t('notifications.title')}>
        {anyUnread ? (
          <Form method="post">
            <button type="submit" name="intent" value="read-all" className="button button--secondary">
              {t('notifications.markAllRead')}
            </button>
          </Form>
        ) : null}
      </PageHeader>
      {items.length === 0 ? (
        <EmptyState title={t('notifications.empty.title')}>
          <p>{t('notifications.empty.body')}</p>
        </EmptyState>
      ) : (
        <ul className="list-plain list-rows">
          {items.map((n) => (
            <li key={n.id}>
              <Form method="post" className="notification">
                <input type="hidden" name="id" value={n.id} />
                <p>
                  {!n.read_at ? <span className="tag">{t('notifications.new')}</span> : null}{' '}
                  <span dir="auto">{t(`${kindTextKey(n.kind)}.title`, n.params)}</span>
                </p>
                <p className="meta">{format.dateTime(n.created_at)}</p>
                <button type="submit" className="button button--link">
                  {t('notifications.open')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      {nextCursor ? (
        <p>
          <Link to={`/notifications?before=${nextCursor}`}>{t('notifications.older')}</Link>
        </p>
      ) : null}
    </>
  );
}
