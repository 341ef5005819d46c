import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { DEFAULT_LOCALE, textDirection } from './config';
import { createTranslator, type Tree } from './translate';

/**
 * React rendering's translations, on the server and in the browser (docs/decisions/0005): the same call
 * shape as react-i18next (`const { t, i18n } = useTranslation()`), over the page's catalogue parts, without
 * shipping i18next. `t` is typed as i18next's TFunction (a type only) so helpers shared with the server
 * (which keeps i18next for emails and PDFs) accept either.
 */
export type Translation = { t: TFunction; i18n: { language: string; dir: 'ltr' | 'rtl' } };

export type I18nStore = {
  subscribe(listener: () => void): () => void;
  getSnapshot(): Translation;
  readonly language: string;
  /** Adds catalogue parts (already nested) to a language, like i18next's addResourceBundle(…, deep, overwrite). */
  addTree(language: string, tree: Tree): void;
  /** Shows another language (its parts must be added, or arrive later) and re-renders. */
  setLanguage(language: string): void;
};

function merge(base: Tree | undefined, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b) ? merge(b, v) : v;
  }
  return out;
}

export function createI18nStore(language: string, tree: Tree = {}): I18nStore {
  const trees = new Map<string, Tree>([[language, tree]]);
  const listeners = new Set<() => void>();
  let current = language;
  let snapshot: Translation;
  const build = () => {
    snapshot = {
      t: createTranslator(trees.get(current) ?? {}, current) as unknown as TFunction,
      i18n: { language: current, dir: textDirection(current) },
    };
  };
  build();
  const changed = () => {
    build();
    for (const l of listeners) l();
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    get language() {
      return current;
    },
    addTree(lang, more) {
      trees.set(lang, merge(trees.get(lang), more));
      if (lang === current) changed();
    },
    setLanguage(lang) {
      if (lang === current) return;
      current = lang;
      changed();
    },
  };
}

const fallbackStore = createI18nStore(DEFAULT_LOCALE);
const I18nContext = createContext<I18nStore>(fallbackStore);

export function I18nProvider({ store, children }: { store: I18nStore; children: ReactNode }) {
  return <I18nContext.Provider value={store}>{children}</I18nContext.Provider>;
}

export function useTranslation(): Translation {
  const store = useContext(I18nContext);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

/** Follows the language the server chose (e.g. after a member saves another one in settings), without a reload. */
export function useChangeLanguage(language: string) {
  const store = useContext(I18nContext);
  useEffect(() => {
    store.setLanguage(language);
  }, [store, language]);
}
