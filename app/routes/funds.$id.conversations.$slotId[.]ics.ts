import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/session.server';
import { slotCalendar } from '~/modules/funding/slots.server';

/** A booked conversation as a calendar file: its host and its booker only (404 for anyone else). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const ics = await slotCalendar(user, params.slotId!);
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="conversation.ics"',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  });
}
