import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/session.server';
import { giving360Export } from '~/modules/funding/evidence.server';

/**
 * The awarded grants in the 360Giving Data Standard: /funds/360giving/json or /csv, for every decided
 * round or one (`?round=`). Stewards only: publishing is a deliberate step they take (groups are named
 * and each should agree first); individuals are anonymised in the file whoever downloads it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const format = params.format;
  if (format !== 'json' && format !== 'csv') throw new Response('Not found', { status: 404 });
  const round = new URL(request.url).searchParams.get('round');
  if (round !== null && !/^[A-Za-z0-9_-]{1,64}$/.test(round)) throw new Response('Not found', { status: 404 });
  const files = await giving360Export(user, round);
  const name = `360giving-${round ?? 'all-rounds'}.${format}`;
  const headers = { 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'private, no-store' };
  if (format === 'csv') return new Response(files.csv, { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } });
  return new Response(JSON.stringify(files.json, null, 2), { headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } });
}
