/** Shared lists used by many forms. Labels come from i18n (cities) or Intl.DisplayNames (languages). */
export const CITIES = ['birmingham', 'coventry', 'wolverhampton', 'west-midlands', 'elsewhere'] as const;
export type City = (typeof CITIES)[number];

/** Community languages seen across the network (ISO 639-1). Names are shown in the reader's language. */
export const SPOKEN_LANGUAGES = [
  'en', 'ar', 'fa', 'ur', 'pl', 'ro', 'pa', 'bn', 'so', 'ti', 'ku', 'ps', 'am', 'fr', 'pt', 'es',
  'zh', 'uk', 'ru', 'tr', 'hi', 'gu', 'ta', 'sw', 'yo', 'ig', 'ln', 'sq', 'ne', 'vi',
] as const;

// Building an Intl.DisplayNames is costly (a directory page names ~60 languages): one per locale.
const displayNames = new Map<string, Intl.DisplayNames | null>();

export function languageName(code: string, locale: string): string {
  let names = displayNames.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([locale, 'en'], { type: 'language' });
    } catch {
      names = null;
    }
    if (displayNames.size < 50) displayNames.set(locale, names);
  }
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}
