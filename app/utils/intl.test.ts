import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat, relativeTimeFormat } from './intl';

describe('shared Intl formatters (issue 17: a formatter per date was the noticeboard’s largest cost)', () => {
  it('gives the same formatter for the same locale and options, another for others', () => {
    expect(dateTimeFormat('ar', { dateStyle: 'medium' })).toBe(dateTimeFormat('ar', { dateStyle: 'medium' }));
    expect(dateTimeFormat('ar', { dateStyle: 'long' })).not.toBe(dateTimeFormat('ar', { dateStyle: 'medium' }));
    expect(numberFormat('pl')).not.toBe(numberFormat('ro'));
    expect(relativeTimeFormat('fa', { numeric: 'auto' })).toBe(relativeTimeFormat('fa', { numeric: 'auto' }));
  });

  it('formats exactly as a fresh formatter does', () => {
    const at = Date.UTC(2026, 11, 3, 9, 30);
    for (const locale of ['en', 'ar', 'fa', 'ur', 'pl', 'ro']) {
      const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' };
      expect(dateTimeFormat(locale, options).format(at)).toBe(new Intl.DateTimeFormat(locale, options).format(at));
      expect(numberFormat(locale, { style: 'currency', currency: 'GBP' }).format(1234.5)).toBe(new Intl.NumberFormat(locale, { style: 'currency', currency: 'GBP' }).format(1234.5));
    }
  });
});
