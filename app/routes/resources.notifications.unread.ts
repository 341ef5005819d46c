import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { getUser } from '~/modules/auth/session.server';
import { unreadCount } from '~/modules/notifications/notifications.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) return json({ unread: 0 }, { status: 401 });
  return json({ unread: await unreadCount(user.id) }, { headers: { 'Cache-Control': 'no-store' } });
}
