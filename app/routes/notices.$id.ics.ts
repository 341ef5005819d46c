import type { LoaderFunctionArgs } from '@remix-run/node';
import { getUser } from '~/modules/auth/session.server';
import { authorize } from '~/modules/notices/access.server';
import { getNotice } from '~/modules/notices/notices.server';
import { eventIcs } from '~/modules/notices/ics.server';

/** An event notice as a calendar file, under the notice's visibility rules. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const notice = await getNotice(params.id ?? '', user ? { id: user.id, role: user.role } : null);
  if (!notice) throw new Response('Not found', { status: 404 });
  authorize(user, 'notice.calendar', notice.subject);
  if (!notice.starts_at || !notice.ends_at) throw new Response('Not found', { status: 404 });
  const ics = eventIcs(notice);
  if (!ics) throw new Response('Not found', { status: 404 });
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="event.ics"',
      'X-Content-Type-Options': 'nosniff',
      // Shared caches only for what anyone may read: a public notice that moderators have not hidden.
      'Cache-Control': notice.is_public && !notice.hidden ? 'public, max-age=300' : 'private, no-store',
    },
  });
}
