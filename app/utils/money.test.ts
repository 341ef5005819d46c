import { describe, expect, it } from 'vitest';
import { formatMoney } from './money';

/**
 * CLDR's Arabic data names the pound "UK£" (so that it is not confused with the Egyptian or Syrian
 * pound); shown right to left it reads "£UK 12,500", which members in Birmingham found strange. Money
 * here is always British pounds or euros, so the plain symbol is what they expect to see on a UK site.
 */
describe('money in every UI language', () => {
  it.each(['en', 'ar', 'fa', 'ur', 'pl', 'ro'])('shows £ for pounds in %s, never "UK£"/"£UK" or a bare code', (locale) => {
    const text = formatMoney(12_500, 'GBP', locale);
    expect(text).toContain('£');
    expect(text).not.toMatch(/UK|GBP/);
    // The amount is still written the way the language writes numbers.
    expect(text.replace(/[^\d\u0660-\u0669\u06f0-\u06f9]/g, '')).toMatch(/^(12500|[\u0660-\u0669]{5}|[\u06f0-\u06f9]{5})$/);
  });

  it('keeps the euro and shows pence only when there are some', () => {
    expect(formatMoney(12_500, 'EUR', 'ar')).toContain('€');
    expect(formatMoney(12.5, 'GBP', 'en')).toBe('£12.50');
    expect(formatMoney(12, 'GBP', 'en')).toBe('£12');
  });
});
