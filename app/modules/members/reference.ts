/** Shared lists used by many forms. Labels come from i18n (cities) or Intl.DisplayNames (languages). */
export const CITIES = ['birmingham', 'coventry', 'wolverhampton', 'west-midlands', 'elsewhere'] as const;
export type City = (typeof CITIES)[number];

/** Community languages seen across the network (ISO 639-1). Names are shown in the reader's language. */
export const SPOKEN_LANGUAGES = [
  'en', 'ar', 'fa', 'ur', 'pl', 'ro', 'pa', 'bn', 'so', 'ti', 'ku', 'ps', 'am', 'fr', 'pt', 'es',
  'zh', 'uk', 'ru', 'tr', 'hi', 'gu', 'ta', 'sw', 'yo', 'ig', 'ln', 'sq', 'ne', 'vi',
] as const;

// Building an Intl.DisplayNames is costly, and so is asking one (`of` resolves locale data each time):
// a directory page names ~60 languages per member card. Names are kept per (locale, code); codes are
// checked against the input, so the map holds at most a few hundred short strings.
const displayNames = new Map<string, Intl.DisplayNames | null>();
const names = new Map<string, string>();

function lookUp(code: string, locale: string): string {
  let display = displayNames.get(locale);
  if (display === undefined) {
    try {
      display = new Intl.DisplayNames([locale, 'en'], { type: 'language' });
    } catch {
      display = null;
    }
    if (displayNames.size < 50) displayNames.set(locale, display);
  }
  try {
    return display?.of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageName(code: string, locale: string): string {
  const key = `${locale}|${code}`;
  let name = names.get(key);
  if (name === undefined) {
    name = lookUp(code, locale);
    if (names.size >= 5000) names.clear();
    names.set(key, name);
  }
  return name;
}
