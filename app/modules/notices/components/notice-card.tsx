import { Link } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import type { NoticeDetails } from '../notices.server';
import { useNoticeFormat } from './use-notice-format';
import { memberName } from '~/modules/directory/former-member';

export interface CardNotice {
  id: string;
  type: string;
  title: string;
  city: string;
  themes: string[];
  details: NoticeDetails;
  key_date: number | null;
  starts_at: number | null;
  expires_at: number;
  pinned: number;
  status: string;
  author_name: string | null;
  responses: number;
  comments: number;
}

/** The key date line of a notice: deadline, event start, needed by, until. */
export function useKeyDate() {
  const { t } = useTranslation();
  const f = useNoticeFormat();
  return (n: { type: string; key_date: number | null; starts_at: number | null }) => {
    if (n.type === 'event' && n.starts_at) return t('notices.keyDate.event', { date: f.dateTime(n.starts_at) });
    if (!n.key_date) return null;
    return t(`notices.keyDate.${n.type}`, { date: f.date(n.key_date) });
  };
}

export function NoticeCard({ notice: n, isNew, archived }: { notice: CardNotice; isNew: boolean; archived?: boolean }) {
  const { t } = useTranslation();
  const keyDate = useKeyDate()(n);
  const f = useNoticeFormat();
  return (
    <article className={`notice-card notice-card--${n.type}${n.pinned && !archived ? ' notice-card--pinned' : ''}`} aria-labelledby={`notice-${n.id}`}>
      <p className="notice-card__meta">
        <span className={`tag notice-type notice-type--${n.type}`}>{t(`notices.types.${n.type}`)}</span>
        {n.pinned && !archived ? <span className="tag">{t('notices.card.pinned')}</span> : null}
        {isNew ? <span className="tag tag--warn">{t('notices.card.new')}</span> : null}
        {n.status === 'closed' ? <span className="tag tag--muted">{t(`notices.closed.${n.type}`)}</span> : null}
      </p>
      <h2 className="h3 notice-card__title" id={`notice-${n.id}`}>
        <Link to={`/notices/${n.id}`} dir="auto">
          {n.title}
        </Link>
      </h2>
      {keyDate ? <p className="notice-card__date">{keyDate}</p> : null}
      <p className="notice-card__facts">
        <span>{t(`notices.cities.${n.city}`)}</span>
        {n.details.funder ? <span dir="auto">{n.details.funder}</span> : null}
        {n.author_name ? <span dir="auto">{t('notices.card.by', { name: memberName(t, n.author_name) })}</span> : null}
        {archived ? <span>{t('notices.card.expired', { date: f.date(n.expires_at) })}</span> : null}
      </p>
      {n.responses || n.comments ? (
        <p className="notice-card__counts">
          {n.responses ? <span>{t('notices.card.responses', { count: n.responses })}</span> : null}
          {n.comments ? <span>{t('notices.card.comments', { count: n.comments })}</span> : null}
        </p>
      ) : null}
    </article>
  );
}
