import { CITIES, SPOKEN_LANGUAGES } from '~/modules/members/reference';
import { SUPPORTED_LOCALES } from '~/modules/i18n/config';
import { catalogues } from '~/modules/i18n/resources.server';

/**
 * City and language names, in every UI language, as search words. The directory's text index holds
 * what members wrote; where someone lives and which languages they speak are codes (`coventry`, `ar`),
 * so "Coventry" found only members who happened to write it and "Arabic"/"عربي" found nobody. A query
 * word that names a city or a language also matches the members with that code.
 *
 * Names come from our own catalogues (cities) and CLDR via Intl.DisplayNames (languages: their name in
 * each UI language and their own name for themselves), so every script the UI is written in works.
 */

/** Folds what varies in how people type the same word: case, accents, Arabic-script letter variants, the article "ال". */
export function foldWord(word: string): string {
  let w = word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  w = w
    .replace(/\u0640/g, '') // tatweel
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627') // alef forms → ا
    .replace(/[\u06cc\u0649\u064a]/g, '\u064a') // Farsi/Urdu yeh, alef maksura → ي
    .replace(/[\u06a9\u0643]/g, '\u0643') // keheh → ك
    .replace(/\u0629/g, '\u0647') // teh marbuta → ه
    .replace(/[\u06c1\u06be]/g, '\u0647'); // Urdu heh forms → ه
  if (/^\u0627\u0644[\u0600-\u06ff]{3,}/.test(w)) w = w.slice(2); // the Arabic article
  return w;
}

export function words(text: string): string[] {
  return (text.normalize('NFKC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).map(foldWord).filter(Boolean);
}

/** Optimal string alignment distance (Damerau–Levenshtein without repeated edits), stopping past `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j]!;
    prev = cur;
  }
  return prev[b.length]!;
}

/** How many typing mistakes a word of this length may have and still count. */
export const allowedTypos = (length: number) => (length >= 8 ? 2 : length >= 5 ? 1 : 0);

/** Names people in the UK use that CLDR does not list ("Farsi" for Persian). */
const ALIASES: Record<string, string[]> = { fa: ['Farsi', 'Dari'], ku: ['Kurmanji', 'Sorani'], pa: ['Panjabi'], zh: ['Mandarin', 'Cantonese'] };

type Named = { kind: 'city' | 'language'; code: string; words: string[] };
let dictionary: Named[] | null = null;

function buildDictionary(): Named[] {
  const out: Named[] = [];
  const all = catalogues().catalogues;
  for (const code of CITIES) {
    if (code === 'elsewhere') continue;
    for (const locale of SUPPORTED_LOCALES) {
      const cities = (all[locale] as { common?: { cities?: Record<string, string> } })?.common?.cities;
      const name = cities?.[code];
      // "Somewhere else in the West Midlands": only the region's own words, not "somewhere else".
      const generic = new Set([...words(cities?.elsewhere ?? ''), 'in', 'the', 'din', 'w', 'در', 'في', 'میں']);
      if (name) out.push({ kind: 'city', code, words: words(name).filter((w) => !generic.has(w)) });
    }
  }
  for (const code of SPOKEN_LANGUAGES) {
    for (const locale of [...SUPPORTED_LOCALES, code]) {
      try {
        const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
        if (name) out.push({ kind: 'language', code, words: words(name) });
      } catch {
        // A locale this runtime has no data for: its names are simply not added.
      }
    }
  }
  for (const [code, names] of Object.entries(ALIASES)) for (const name of names) out.push({ kind: 'language', code, words: words(name) });
  return out;
}

/** The cities and languages a query word names (by a word's start, or with a typo or two in a long word). */
export function namedBy(word: string): { cities: string[]; languages: string[] } {
  dictionary ??= buildDictionary();
  const w = foldWord(word);
  const cities = new Set<string>();
  const languages = new Set<string>();
  if (w.length >= 3) {
    for (const entry of dictionary) {
      const hit = entry.words.some((n) => n === w || (w.length >= 4 && n.startsWith(w)) || (allowedTypos(w.length) > 0 && editDistance(w, n, allowedTypos(w.length)) <= allowedTypos(w.length)));
      if (hit) (entry.kind === 'city' ? cities : languages).add(entry.code);
    }
  }
  return { cities: [...cities], languages: [...languages] };
}
