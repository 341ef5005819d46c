import { numberFormat } from '~/utils/intl';
/**
 * Money as text in the reader's language. `amount` is in whole units (pounds, euros); pence show only
 * when there are some.
 *
 * The currency sign is the narrow symbol (£, €), not CLDR's disambiguated one: Arabic's data calls the
 * pound "UK£" (a right-to-left page shows "£UK 12,500"), Polish and Romanian show the bare code "GBP".
 * On a UK network's site there is no other pound to confuse it with.
 */
export function formatMoney(amount: number, currency: string, locale: string, opts: { wholeOnly?: boolean } = {}): string {
  const whole = opts.wholeOnly || Number.isInteger(amount);
  const format = numberFormat(locale, {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  });
  return format
    .formatToParts(amount)
    .map((p) => (p.type === 'currency' ? narrowSign(p.value, currency) : p.value))
    .join('');
}

function narrowSign(value: string, currency: string): string {
  if (currency === 'GBP') return '£';
  if (currency === 'EUR') return '€';
  return value;
}
