import { useTranslation } from '~/modules/i18n/react';
import { TIME_ZONE } from '../constants';
import { formatMoney } from '~/utils/money';
import { dateTimeFormat, numberFormat } from '~/utils/intl';

/** Dates and times of notices are London wall-clock times, the same on the server and every phone. */
export function useNoticeFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language || 'en';
  return {
    date: (ms: number) => dateTimeFormat(locale, { dateStyle: 'medium', timeZone: TIME_ZONE }).format(ms),
    dateTime: (ms: number) => dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(ms),
    money: (n: number) => formatMoney(n, 'GBP', locale, { wholeOnly: true }),
    number: (n: number) => numberFormat(locale).format(n),
  };
}
