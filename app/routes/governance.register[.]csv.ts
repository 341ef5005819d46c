import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/session.server';
import { authorizeRecords } from '~/modules/governance/access.server';
import { memberRegister, toCsv } from '~/modules/governance/records.server';

const iso = (ms: number | null) => (ms ? new Date(ms).toISOString().slice(0, 10) : '');

/** Names and dates only: no emails, cities or anything else about members. */
export async function loader({ request }: LoaderFunctionArgs) {
  authorizeRecords(await requireUser(request));
  const rows = await memberRegister();
  const csv = toCsv(['name', 'joined', 'ceased'], rows.map((r) => [r.name, iso(r.joined_at), iso(r.ceased_at)]));
  return new Response(csv, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="register-of-members.csv"', 'Cache-Control': 'no-store' },
  });
}
