import { createContext, useContext } from 'react';
import { covers, nest, type Tree } from './parts';
import { createI18nStore } from './react';
import { DEFAULT_LOCALE } from './config';

/**
 * The browser side of per-page catalogues: which parts of which language are loaded, and fetching the
 * missing ones (from /resources/i18n) before a client-side navigation renders.
 */
const loaded = new Map<string, Set<string>>();

/**
 * The browser's translations (entry.client provides it to React): the loaded parts per language and
 * the language shown. Adding parts or changing the language re-renders whoever translates.
 */
export const browserI18n = createI18nStore(typeof document !== 'undefined' ? document.documentElement.lang || DEFAULT_LOCALE : DEFAULT_LOCALE);
const inflight = new Map<string, Promise<void>>();

function loadedFor(lang: string): Set<string> {
  let set = loaded.get(lang);
  if (!set) loaded.set(lang, (set = new Set()));
  return set;
}

/** Adds `{ "<part>": subtree }` (as embedded in the page or fetched) to the browser's store and remembers it. */
export function addParts(lang: string, parts: Record<string, string | Tree>) {
  const tree = nest(parts);
  browserI18n.addTree(lang, tree);
  for (const part of Object.keys(parts)) loadedFor(lang).add(part);
  return tree;
}

export function missingParts(lang: string, parts: readonly string[]): string[] {
  const have = loadedFor(lang);
  return parts.filter((p) => !covers(have, p));
}

/** The language the browser is showing (the <html lang> the server rendered, then the one switched to). */
export function currentLanguage(): string {
  return browserI18n.language;
}

/**
 * Makes sure every part is loaded for `lang`. Never throws: offline, the page still renders (with the
 * parts it has) rather than failing the navigation.
 */
export async function ensureParts(lang: string, parts: readonly string[], version?: string): Promise<void> {
  const missing = missingParts(lang, parts);
  if (!missing.length) return;
  const query = new URLSearchParams({ lng: lang, parts: missing.join(',') });
  if (version) query.set('v', version);
  const url = `/resources/i18n?${query}`;
  let pending = inflight.get(url);
  if (!pending) {
    pending = fetch(url, { credentials: 'same-origin' })
      .then(async (res) => {
        if (!res.ok) return;
        addParts(lang, (await res.json()) as Record<string, string | Tree>);
      })
      .catch(() => undefined)
      .finally(() => inflight.delete(url));
    inflight.set(url, pending);
  }
  await pending;
}

/**
 * The page's embedded catalogue JSON, provided by entry.server while rendering; in the browser it is
 * null (the script element keeps what the server wrote).
 */
export const EmbeddedCatalogueContext = createContext<string | null>(null);
export const useEmbeddedCatalogue = () => useContext(EmbeddedCatalogueContext);
