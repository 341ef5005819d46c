import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/session.server';
import { requestT } from '~/modules/i18n/i18next.server';
import { myRecord } from '~/modules/mentoring/record.server';
import { msToDay } from '~/modules/mentoring/constants';
import { toCsv } from '~/modules/mentoring/csv';

/** The member's own mentoring history as CSV: one row per session (facts only, no notes). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await requestT(request);
  const record = await myRecord(user.id);
  const rows: (string | number)[][] = [
    [
      t('mentoring.record.csvCols.role'),
      t('mentoring.record.csvCols.with'),
      t('mentoring.record.csvCols.date'),
      t('mentoring.record.csvCols.minutes'),
      t('mentoring.record.csvCols.mode'),
      t('mentoring.record.csvCols.topics'),
      t('mentoring.record.csvCols.goal'),
    ],
  ];
  for (const m of record) {
    const role = t(`mentoring.record.role.${m.side}`);
    for (const s of m.sessions) {
      rows.push([role, m.otherName, msToDay(s.heldOn), s.minutes, t(`mentoring.modes.${s.mode}`), s.topics.map((x) => t(`mentoring.topics.${x}`)).join('; '), '']);
    }
    for (const g of m.goalsAchieved) rows.push([role, m.otherName, g.achievedAt ? msToDay(g.achievedAt) : '', '', '', '', g.title]);
  }
  return new Response(toCsv(rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="my-mentoring-record.csv"',
      'Cache-Control': 'private, no-store',
    },
  });
}
