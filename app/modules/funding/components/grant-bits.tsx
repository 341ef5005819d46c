import { useTranslation } from '~/modules/i18n/react';
import { useFormat } from '~/utils/format';

/**
 * Where a grant stands. A project that stopped early is "closed early" with what it learned, shown in
 * the same calm style as a completed one — issue 14: accepting that some seeds will not grow.
 */
export function GrantState({ closed }: { closed: 'completed' | 'stopped-early' | null }) {
  const { t } = useTranslation();
  const state = closed ?? 'active';
  return (
    <div className="card fund-status" role="status">
      <p>
        <strong>{t(`funding.reports.state.${state}`)}</strong>
      </p>
      <p>{t(`funding.reports.stateHelp.${state}`)}</p>
    </div>
  );
}

/** A report's due date and state in words (due, overdue, submitted, closed early). */
export function ReportDue({ report, today, closed }: { report: { dueOn: string; status: string; stoppedEarly: boolean; submittedAt: number | null }; today: string; closed: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const date = f.date(Date.parse(`${report.dueOn}T12:00:00Z`));
  if (report.status === 'submitted') {
    return <p>{t(report.stoppedEarly ? 'funding.reports.closedEarlyOn' : 'funding.reports.submittedOn', { date: f.date(report.submittedAt ?? 0) })}</p>;
  }
  if (closed) return <p>{t('funding.reports.notNeeded')}</p>;
  return <p className={report.dueOn < today ? 'field__error' : undefined}>{t(report.dueOn < today ? 'funding.reports.overdue' : 'funding.reports.dueOn', { date })}</p>;
}
