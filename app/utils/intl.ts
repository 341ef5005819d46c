/**
 * Shared Intl formatters. Building an `Intl.DateTimeFormat` or `NumberFormat` loads and resolves locale
 * data (tens of microseconds); formatting with a built one is cheap. Pages format dozens of dates, and
 * building a formatter for each was the largest single cost of rendering the noticeboard (issue 17
 * profile). Formatters are immutable, so one per (locale, options) is shared by every request.
 */
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();
// Locales come from the app's own list, options from the code: the set is small. The bound is a guard.
const LIMIT = 1000;

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(kind: string, locale: string | undefined, options: object | undefined, make: () => T): T {
  const key = `${kind}|${locale ?? ''}|${options ? JSON.stringify(options) : ''}`;
  let hit = cache.get(key) as T | undefined;
  if (!hit) {
    if (cache.size >= LIMIT) cache.clear();
    hit = make();
    cache.set(key, hit);
  }
  return hit;
}

export function dateTimeFormat(locale?: string, options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached('d', locale, options, () => new Intl.DateTimeFormat(locale, options));
}

export function numberFormat(locale?: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached('n', locale, options, () => new Intl.NumberFormat(locale, options));
}

export function relativeTimeFormat(locale?: string, options?: Intl.RelativeTimeFormatOptions): Intl.RelativeTimeFormat {
  return cached('r', locale, options, () => new Intl.RelativeTimeFormat(locale, options));
}
