import { Link } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';

/** Home-page card: my open mentoring actions and requests waiting for my answer. */
export function MentoringCard({ summary }: { summary: { open: number; overdue: number; waiting: number } }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="dash-mentoring">
      <h2 id="dash-mentoring">{t('mentoring.dashboard.title')}</h2>
      {summary.waiting ? <p>{t('mentoring.dashboard.waiting', { count: summary.waiting })}</p> : null}
      <p>{summary.open ? t('mentoring.dashboard.open', { count: summary.open }) : t('mentoring.dashboard.noOpen')}</p>
      {summary.overdue ? <p className="tag tag--warn">{t('mentoring.dashboard.overdue', { count: summary.overdue })}</p> : null}
      <p>
        <Link to="/mentoring">{t('mentoring.dashboard.link')}</Link>
      </p>
    </section>
  );
}
