import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/session.server';
import { authorize } from '~/modules/mentoring/access.server';
import { requestT } from '~/modules/i18n/i18next.server';
import { mentoringReport, periodFromQuery, reportCsvRows } from '~/modules/mentoring/report.server';
import { toCsv } from '~/modules/mentoring/csv';

export async function loader({ request }: LoaderFunctionArgs) {
  authorize(await requireUser(request), 'mentoringReport.export');
  const url = new URL(request.url);
  const period = periodFromQuery(url.searchParams.get('period'));
  const report = await mentoringReport(period);
  const { t } = await requestT(request);
  return new Response(toCsv(reportCsvRows(report, (key, values) => t(key, values))), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="mentoring-report-${period.key}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
