import { useEffect, useState } from 'react';
import { useTranslation } from '~/modules/i18n/react';
import { BID_TIME_ZONE } from '../constants';
import { dateTimeFormat, relativeTimeFormat } from '~/utils/intl';

/**
 * A deadline: the absolute UK time rendered on the server (useful without JavaScript), then on the
 * client the time in the viewer's own time zone and a countdown, refreshed every minute.
 */
export function Deadline({ at }: { at: number }) {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const locale = i18n.language || 'en';
  const parts: Intl.DateTimeFormatOptions = { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
  const uk = dateTimeFormat(locale, { ...parts, timeZone: BID_TIME_ZONE }).format(at);
  let relative: string | null = null;
  let local: string | null = null;
  if (now !== null) {
    const diff = at - now;
    const abs = Math.abs(diff);
    const rtf = relativeTimeFormat(locale, { numeric: 'auto' });
    relative =
      abs < 60 * 60_000
        ? rtf.format(Math.round(diff / 60_000), 'minute')
        : abs < 48 * 60 * 60_000
          ? rtf.format(Math.round(diff / (60 * 60_000)), 'hour')
          : rtf.format(Math.round(diff / (24 * 60 * 60_000)), 'day');
    const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (viewerZone !== BID_TIME_ZONE) {
      local = dateTimeFormat(locale, { ...parts, weekday: undefined }).format(at);
    }
  }
  const past = now !== null && at <= now;
  return (
    <span className="bid-deadline">
      {/* Node's and the browser's Intl data can differ by a space or a zone name. */}
      <time dateTime={new Date(at).toISOString()} suppressHydrationWarning>
        {uk}
      </time>
      {relative ? (
        <strong className={`tag${past ? ' tag--muted' : at - (now ?? 0) < 7 * 24 * 60 * 60_000 ? ' tag--warn' : ''}`}>
          {past ? t('bids.deadline.passed', { when: relative }) : t('bids.deadline.countdown', { when: relative })}
        </strong>
      ) : null}
      {local ? <span className="meta">{t('bids.deadline.yourTime', { time: local })}</span> : null}
    </span>
  );
}
