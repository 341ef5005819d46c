/** Shared lists used by many forms. Labels come from i18n (cities) or Intl.DisplayNames (languages). */
export const CITIES = ['birmingham', 'coventry', 'wolverhampton', 'west-midlands', 'elsewhere'] as const;
export type City = (typeof CITIES)[number];

/** Community languages seen across the network (ISO 639-1). Names are shown in the reader's language. */
export const SPOKEN_LANGUAGES = [
  'en', 'ar', 'fa', 'ur', 'pl', 'ro', 'pa', 'bn', 'so', 'ti', 'ku', 'ps', 'am', 'fr', 'pt', 'es',
  'zh', 'uk', 'ru', 'tr', 'hi', 'gu', 'ta', 'sw', 'yo', 'ig', 'ln', 'sq', 'ne', 'vi',
] as const;

export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale, 'en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
