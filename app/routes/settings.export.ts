import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/session.server';
import { exportMyData } from '~/modules/directory/account.server';

/** "Download my data": everything the workspace holds about the signed-in member, as JSON. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const data = await exportMyData(user.id);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="nomi-my-data.json"',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
