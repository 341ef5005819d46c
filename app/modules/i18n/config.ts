/** Languages the interface ships in. Order is the order of the language picker. */
export const LANGUAGES = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'fa', name: 'فارسی', dir: 'rtl' },
  { code: 'ur', name: 'اردو', dir: 'rtl' },
  { code: 'pl', name: 'Polski', dir: 'ltr' },
  { code: 'ro', name: 'Română', dir: 'ltr' },
] as const;

export type Locale = (typeof LANGUAGES)[number]['code'];
export const SUPPORTED_LOCALES: Locale[] = LANGUAGES.map((l) => l.code);
export const DEFAULT_LOCALE: Locale = 'en';
export const LOCALE_COOKIE = 'nomi_lang';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as string[]).includes(value);
}

export function textDirection(locale: string): 'ltr' | 'rtl' {
  return LANGUAGES.find((l) => l.code === locale)?.dir ?? 'ltr';
}

/**
 * Pick a supported locale from a ranked list of requested ones (e.g. Accept-Language):
 * exact match first, then the same base language (fa-IR → fa, ro-MD → ro).
 */
export function matchLocale(requested: readonly string[]): Locale | null {
  for (const tag of requested) {
    const lower = tag.toLowerCase();
    if (isLocale(lower)) return lower;
    const base = lower.split(/[-_]/)[0];
    if (isLocale(base)) return base;
  }
  return null;
}

export const i18nBase = {
  supportedLngs: SUPPORTED_LOCALES,
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: 'translation',
  ns: ['translation'],
  interpolation: { escapeValue: false },
  returnNull: false,
} as const;
