import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/session.server';
import { requestT } from '~/modules/i18n/i18next.server';
import { roundReport } from '~/modules/funding/evidence.server';
import { reportCsv, reportPdf } from '~/modules/funding/evidence-files.server';

/** The round report as a file for funders: /funds/:id/report/csv or /funds/:id/report/pdf (stewards). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const format = params.format;
  if (format !== 'csv' && format !== 'pdf') throw new Response('Not found', { status: 404 });
  const report = await roundReport(user, params.id!);
  const { t, locale } = await requestT(request);
  const name = `round-report-${report.round.id}.${format}`;
  const headers = { 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'private, no-store' };
  if (format === 'csv') return new Response(reportCsv(report, t), { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } });
  return new Response(new Uint8Array(await reportPdf(report, t, locale)), { headers: { ...headers, 'Content-Type': 'application/pdf' } });
}
