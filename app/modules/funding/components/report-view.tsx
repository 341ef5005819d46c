import { useTranslation } from '~/modules/i18n/react';
import { Money } from './bits';
import type { Report } from '../reports.server';

/** A submitted report, read by stewards and the grantee. A project that stopped early leads with what it learned. */
export function ReportView({ grant, report }: { grant: { id: string; budgetLines: { label: string; amount: number }[]; paid: number }; report: Report }) {
  const { t } = useTranslation();
  const base = `/funds/grants/${grant.id}/reports/${report.kind}/files`;
  const photos = report.files.filter((f) => f.kind === 'photo');
  const receipts = report.files.filter((f) => f.kind === 'receipt');
  const spent = report.spend.reduce((s, x) => s + x.spent, 0);
  const text = (title: string, value: string) =>
    value.trim() ? (
      <section>
        <h2>{title}</h2>
        <p dir="auto" className="prose">
          {value}
        </p>
      </section>
    ) : null;
  return (
    <article className="fund-report">
      {report.stoppedEarly ? (
        <section className="card fund-learned">
          <h2>{t('funding.reports.learned')}</h2>
          <p dir="auto" className="prose">
            {report.learned}
          </p>
        </section>
      ) : null}
      {text(t('funding.reports.happened'), report.happened)}
      {report.media ? (
        <p>
          {/* A member's own voice note: no caption track exists; the written answer sits next to it. */}
          {/* eslint-disable-next-line jsx-a11y/media-has-caption */}
          <audio controls preload="none" src={`${base}/recording`}>
            <a href={`${base}/recording`}>{t('funding.reports.listen')}</a>
          </audio>
        </p>
      ) : null}
      {report.peopleReached !== null ? (
        <section>
          <h2>{t('funding.reports.peopleReached')}</h2>
          <p>
            <strong>{report.peopleReached}</strong>
          </p>
          {report.breakdownConsent && report.breakdown.length ? (
            <ul>
              {report.breakdown.map((b, i) => (
                <li key={i}>
                  <bdi>{b.label}</bdi>: {b.count}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      {text(t('funding.reports.change'), report.changeMade)}
      {report.quote.trim() ? (
        <blockquote dir="auto" className="fund-quote">
          {report.quote}
        </blockquote>
      ) : null}
      {photos.length ? (
        <section>
          <h2>{t('funding.reports.photos')}</h2>
          <ul className="fund-photos">
            {photos.map((f, i) => (
              <li key={f.id}>
                <a href={`${base}/${f.id}?view=1`}>
                  <img src={`${base}/${f.id}?thumb=1`} alt={f.caption || t('funding.reports.photo', { n: i + 1 })} width={160} loading="lazy" />
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section>
        <h2>{t('funding.reports.spend')}</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('funding.reports.line')}</th>
              <th scope="col">{t('funding.reports.budgeted')}</th>
              <th scope="col">{t('funding.reports.spent')}</th>
            </tr>
          </thead>
          <tbody>
            {grant.budgetLines.map((l, i) => (
              <tr key={i}>
                <th scope="row">
                  <bdi>{l.label}</bdi>
                </th>
                <td>
                  <Money value={l.amount} />
                </td>
                <td>
                  <Money value={report.spend.find((s) => s.line === i)?.spent ?? 0} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          {t('funding.reports.spentOfPaid')} <Money value={spent} /> / <Money value={grant.paid} />
        </p>
        {receipts.length ? (
          <ul className="fund-files">
            {receipts.map((f) => (
              <li key={f.id}>
                <a href={`${base}/${f.id}`}>
                  <bdi>{f.name}</bdi>
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {text(t('funding.reports.didNotWork'), report.didNotWork)}
    </article>
  );
}
