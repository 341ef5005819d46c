import { useTranslation } from '~/modules/i18n/react';
import { dateTimeFormat } from '~/utils/intl';

/** A recorded answer, played in the page (video answers in a video player, everything else as audio). */
export function AnswerRecording({ appId, questionId, mime, question }: { appId: string; questionId: string; mime: string | null; question: string }) {
  const { t } = useTranslation();
  const src = `/funds/applications/${appId}/answers/${encodeURIComponent(questionId)}`;
  const label = t('funding.media.player', { question });
  return mime?.startsWith('video/') ? (
    // eslint-disable-next-line jsx-a11y/media-has-caption -- the applicant's own spoken answer; no captions exist for it
    <video className="fund-answer-media" controls preload="metadata" src={src} aria-label={label} />
  ) : (
    // eslint-disable-next-line jsx-a11y/media-has-caption -- as above
    <audio className="fund-answer-media" controls preload="metadata" src={src} aria-label={label} />
  );
}

/**
 * When the recorded answers of an application will be deleted: the date once the round decided against
 * it, or the rule (days after the decision) while it is undecided.
 */
export function MediaDeletionNotice(props: { at: number } | { days: number }) {
  const { t, i18n } = useTranslation();
  const text =
    'at' in props
      ? t('funding.media.deletion', { date: dateTimeFormat(i18n.language || 'en', { dateStyle: 'long', timeZone: 'Europe/London' }).format(new Date(props.at)) })
      : t('funding.media.rule', { count: props.days });
  return <p className="card fund-media-deletion">{text}</p>;
}
