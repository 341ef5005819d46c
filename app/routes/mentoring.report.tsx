import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { authorize } from '~/modules/mentoring/access.server';
import { mentoringReport, periodFromQuery } from '~/modules/mentoring/report.server';
import { cellText, type Row } from '~/modules/mentoring/cells';
import { HoursChart } from '~/modules/mentoring/components/hours-chart';
import { PageHeader } from '~/ui/page';
import { dateTimeFormat } from '~/utils/intl';

export const meta: MetaFunction = () => [{ title: 'Mentoring report · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  authorize(await requireUser(request), 'mentoringReport.read');
  const url = new URL(request.url);
  const period = periodFromQuery(url.searchParams.get('period'));
  return json({ report: await mentoringReport(period) });
}

function RowsTable({ id, title, rows, label }: { id: string; title: string; rows: Row[]; label: (key: string) => string }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table id={id}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col">{t('mentoring.report.sessions')}</th>
            <th scope="col">{t('mentoring.report.hours')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{label(r.key)}</th>
              <td>{cellText(r.sessions)}</td>
              <td>{cellText(r.hours)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function MentoringReportPage() {
  const { t, i18n } = useTranslation();
  const { report } = useLoaderData<typeof loader>();
  const monthName = dateTimeFormat(i18n.language || 'en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const totals = [
    ['activeMentorships', cellText(report.totals.activeMentorships)],
    ['menteesSupported', cellText(report.totals.menteesSupported)],
    ['sessions', cellText(report.totals.sessions)],
    ['hours', cellText(report.totals.hours)],
    ['goalsAchieved', cellText(report.totals.goalsAchieved)],
    ['averageRating', report.totals.averageRating === null ? t('mentoring.report.tooFewRatings') : t('mentoring.report.ratingOutOf', { rating: report.totals.averageRating })],
  ] as const;
  const query = `period=${encodeURIComponent(report.period)}`;
  const monthOnly = dateTimeFormat(i18n.language || 'en', { month: 'long', timeZone: 'UTC' });
  const periodLabel = (p: { key: string; kind: string; from: string; to: string }) =>
    p.kind === 'month'
      ? monthName.format(Date.parse(`${p.from}T00:00:00Z`))
      : p.kind === 'quarter'
        ? t('mentoring.report.quarterLabel', { from: monthOnly.format(Date.parse(`${p.from}T00:00:00Z`)), to: monthName.format(Date.parse(`${p.to}T00:00:00Z`)) })
        : t('mentoring.report.yearLabel', { from: monthName.format(Date.parse(`${p.from}T00:00:00Z`)), to: monthName.format(Date.parse(`${p.to}T00:00:00Z`)) });
  return (
    <>
      <PageHeader title={t('mentoring.report.title')} lead={t('mentoring.report.lead')} />
      <p className="meta">{t('mentoring.report.showing', { period: periodLabel({ ...report, key: report.period }) })}</p>
      <div className="notice notice--info">
        <p>{t('mentoring.report.suppression')}</p>
        <p>{t('mentoring.report.suppressionPeople')}</p>
      </div>
      <Form method="get" className="mentoring-period">
        <div className="field">
          <label className="field__label" htmlFor="report-period">
            {t('mentoring.report.period')}
          </label>
          <p className="field__hint" id="report-period-hint">
            {t('mentoring.report.periodHint')}
          </p>
          <select id="report-period" name="period" className="input" defaultValue={report.period} aria-describedby="report-period-hint">
            {(['year', 'quarter', 'month'] as const).map((kind) => (
              <optgroup key={kind} label={t(`mentoring.report.kinds.${kind}`)}>
                {report.choices
                  .filter((c) => c.kind === kind)
                  .map((c) => (
                    <option key={c.key} value={c.key}>
                      {periodLabel(c)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t('mentoring.report.show')}
        </button>
      </Form>
      <p>
        <a href={`/mentoring/report.csv?${query}`} className="button button--secondary" download>
          {t('mentoring.report.csvLink')}
        </a>
      </p>
      <section aria-labelledby="totals-title">
        <h2 id="totals-title">{t('mentoring.report.totalsTitle')}</h2>
        <dl className="mentoring-totals">
          {totals.map(([key, value]) => (
            <div key={key} className="mentoring-totals__item" data-total={key}>
              <dt>{t(`mentoring.report.${key}`)}</dt>
              <dd className={/^[<\d]/.test(value) ? undefined : 'mentoring-totals__note'}>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="months-title">
        <h2 id="months-title">{t('mentoring.report.byMonth')}</h2>
        <HoursChart rows={report.byMonth} tableId="report-months" />
        <RowsTable id="report-months" title={t('mentoring.report.month')} rows={report.byMonth} label={(k) => monthName.format(Date.parse(`${k}-01T00:00:00Z`))} />
      </section>
      <section aria-labelledby="topics-title">
        <h2 id="topics-title">{t('mentoring.report.byTopic')}</h2>
        <RowsTable id="report-topics" title={t('mentoring.report.topic')} rows={report.byTopic} label={(k) => t(`mentoring.topics.${k}`)} />
      </section>
      <section aria-labelledby="modes-title">
        <h2 id="modes-title">{t('mentoring.report.byMode')}</h2>
        <RowsTable id="report-modes" title={t('mentoring.report.mode')} rows={report.byMode} label={(k) => t(`mentoring.modes.${k}`)} />
      </section>
      <section aria-labelledby="cities-title">
        <h2 id="cities-title">{t('mentoring.report.byCity')}</h2>
        <RowsTable
          id="report-cities"
          title={t('mentoring.report.city')}
          rows={report.byCity}
          label={(k) => (k === 'unknown' ? t('mentoring.report.cityUnknown') : t(`common.cities.${k}`))}
        />
      </section>
      <p>
        <Link to="/mentoring">{t('mentoring.detail.backHome')}</Link>
      </p>
    </>
  );
}
