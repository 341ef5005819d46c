import { createContext, useContext } from 'react';
import i18next from 'i18next';
import { covers, nest, type Tree } from './parts';

/**
 * The browser side of per-page catalogues: which parts of which language are loaded, and fetching the
 * missing ones (from /resources/i18n) before a client-side navigation renders.
 */
const loaded = new Map<string, Set<string>>();
const inflight = new Map<string, Promise<void>>();

function loadedFor(lang: string): Set<string> {
  let set = loaded.get(lang);
  if (!set) loaded.set(lang, (set = new Set()));
  return set;
}

/** Adds `{ "<part>": subtree }` (as embedded in the page or fetched) to i18next and remembers it. */
export function addParts(lang: string, parts: Record<string, string | Tree>) {
  const tree = nest(parts);
  if (i18next.isInitialized) i18next.addResourceBundle(lang, 'translation', tree, true, true);
  for (const part of Object.keys(parts)) loadedFor(lang).add(part);
  return tree;
}

export function missingParts(lang: string, parts: readonly string[]): string[] {
  const have = loadedFor(lang);
  return parts.filter((p) => !covers(have, p));
}

/** The language the browser is showing (the <html lang> the server rendered, then i18next's). */
export function currentLanguage(): string {
  return i18next.language || (typeof document !== 'undefined' ? document.documentElement.lang : '') || 'en';
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
