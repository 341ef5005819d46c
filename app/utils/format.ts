import { useTranslation } from '~/modules/i18n/react';

/** Dates and numbers in the reader's language via Intl (no hand-made formats). */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language || 'en';
  return {
    date: (ms: number | Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(ms),
    dateTime: (ms: number | Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms),
    number: (n: number) => new Intl.NumberFormat(locale).format(n),
    relative: (ms: number) => {
      const diff = ms - Date.now();
      const abs = Math.abs(diff);
      const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
      if (abs < 60 * 60_000) return rtf.format(Math.round(diff / 60_000), 'minute');
      if (abs < 24 * 60 * 60_000) return rtf.format(Math.round(diff / (60 * 60_000)), 'hour');
      return rtf.format(Math.round(diff / (24 * 60 * 60_000)), 'day');
    },
  };
}
