import { useTranslation } from '~/modules/i18n/react';
import { formatDateOnly } from '~/utils/date-only';
import { dateTimeFormat, numberFormat, relativeTimeFormat } from '~/utils/intl';

/** Dates and numbers in the reader's language via Intl (no hand-made formats). */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language || 'en';
  return {
    date: (ms: number | Date) => dateTimeFormat(locale, { dateStyle: 'medium' }).format(ms),
    dateTime: (ms: number | Date) => dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms),
    /** A calendar day without a time (~/utils/date-only): read in UTC so it never shifts with the reader's zone. */
    day: (ms: number) => formatDateOnly(ms, locale),
    number: (n: number) => numberFormat(locale).format(n),
    relative: (ms: number) => {
      const diff = ms - Date.now();
      const abs = Math.abs(diff);
      const rtf = relativeTimeFormat(locale, { numeric: 'auto' });
      if (abs < 60 * 60_000) return rtf.format(Math.round(diff / 60_000), 'minute');
      if (abs < 24 * 60 * 60_000) return rtf.format(Math.round(diff / (60 * 60_000)), 'hour');
      return rtf.format(Math.round(diff / (24 * 60 * 60_000)), 'day');
    },
  };
}
