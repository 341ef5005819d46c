import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/session.server';
import { authorizeRecords } from '~/modules/governance/access.server';
import { decisionsCsv } from '~/modules/governance/minutes.server';

export async function loader({ request }: LoaderFunctionArgs) {
  authorizeRecords(await requireUser(request));
  return new Response(await decisionsCsv(), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="decision-register.csv"', 'Cache-Control': 'no-store' },
  });
}
