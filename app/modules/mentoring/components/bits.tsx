import { useTranslation } from '~/modules/i18n/react';
import { formatDateOnly } from '~/utils/date-only';

/** A calendar day stored as UTC midnight, shown in the reader's language and calendar without shifting the day. */
export function useDay() {
  const { i18n } = useTranslation();
  const locale = i18n.language || 'en';
  return (ms: number) => formatDateOnly(ms, locale);
}

export function useDuration() {
  const { t } = useTranslation();
  return (minutes: number) => {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    if (h === 0) return t('mentoring.duration.minutes', { count: m });
    if (m === 0) return t('mentoring.duration.hours', { count: h });
    return `${t('mentoring.duration.hours', { count: h })} ${t('mentoring.duration.minutes', { count: m })}`;
  };
}

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const tone = status === 'active' ? '' : status === 'requested' || status === 'paused' ? ' tag--warn' : ' tag--muted';
  return <span className={`tag${tone}`}>{t(`mentoring.status.${status}`)}</span>;
}

export function TopicTags({ topics }: { topics: string[] }) {
  const { t } = useTranslation();
  if (!topics.length) return null;
  return (
    <ul className="mentoring-tags list-plain">
      {topics.map((topic) => (
        <li key={topic} className="tag tag--muted">
          {t(`mentoring.topics.${topic}`)}
        </li>
      ))}
    </ul>
  );
}
