import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { env } from '~/env.server';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES } from './config';
import { nest, pick, type Tree } from './parts';
import { createI18nStore, type I18nStore } from './react';

/**
 * Catalogues live in app/locales/<lang>/<area>.json so each area of the app owns its own file.
 * They are merged into one namespace per language, keyed by area: t('auth.login.title').
 */
export type Catalogues = Record<string, Tree>;

const dir = () => path.resolve(process.env.LOCALES_DIR ?? 'app/locales');

function readLanguage(lang: string): Tree {
  const folder = path.join(dir(), lang);
  const out: Tree = {};
  if (!fs.existsSync(folder)) return out;
  for (const file of fs.readdirSync(folder).sort()) {
    if (!file.endsWith('.json')) continue;
    out[file.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as Tree;
  }
  return out;
}

/** Fills gaps in `over` from `base`, so a partly translated language falls back key by key. */
export function withFallback(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = base[k];
    // Arrays (e.g. common.privacy.points) are values, not subtrees: a translated list replaces the English one.
    out[k] = typeof v === 'object' && typeof b === 'object' && !Array.isArray(v) && !Array.isArray(b) ? withFallback(b, v) : v;
  }
  return out;
}

let cache: { catalogues: Catalogues; version: string } | undefined;

export function catalogues(): { catalogues: Catalogues; version: string } {
  if (cache && env.nodeEnv !== 'development') return cache;
  const catalogues: Catalogues = {};
  for (const lang of SUPPORTED_LOCALES) catalogues[lang] = readLanguage(lang);
  const version = createHash('sha256').update(JSON.stringify(catalogues)).digest('hex').slice(0, 12);
  cache = { catalogues, version };
  return cache;
}

const merged = new Map<string, Tree>();

/** One language's catalogue merged over English (computed once per catalogue version). */
export function clientCatalogue(lang: string): Tree {
  const { catalogues: all, version } = catalogues();
  const key = `${version}:${lang}`;
  let tree = merged.get(key);
  if (!tree) {
    const en = all[DEFAULT_LOCALE] ?? {};
    tree = lang === DEFAULT_LOCALE ? en : withFallback(en, all[lang] ?? {});
    merged.set(key, tree);
  }
  return tree;
}

const serialized = new Map<string, string>();

/** One part of a language's catalogue as JSON, serialized once per catalogue version. */
function serializedPart(lang: string, part: string): string | null {
  const { version } = catalogues();
  const key = `${version}:${lang}:${part}`;
  let text = serialized.get(key);
  if (text === undefined) {
    const value = pick(clientCatalogue(lang), part);
    // Only real parts are cached: made-up names must not grow the cache.
    if (value === undefined) return null;
    // Inert inside <script type="application/json">: no "</script>" can end it early.
    text = value === undefined ? '' : JSON.stringify(value).replace(/</g, '\\u003c');
    // Bounded (in development every catalogue edit is a new version).
    if (serialized.size > 2000) serialized.clear();
    serialized.set(key, text);
  }
  return text || null;
}

/**
 * The JSON object `{ "<part>": subtree, … }` for the given parts, stitched from cached pieces: no
 * per-request stringify of the catalogue. The browser adds it with `nest()`.
 */
const embeds = new Map<string, string>();

export function serializedParts(lang: string, parts: readonly string[], opts: { cache?: boolean } = {}): string {
  const key = `${catalogues().version}:${lang}:${parts.join(',')}`;
  let embed = opts.cache === false ? undefined : embeds.get(key);
  if (embed === undefined) {
    const pieces: string[] = [];
    for (const part of parts) {
      const text = serializedPart(lang, part);
      if (text) pieces.push(`${JSON.stringify(part)}:${text}`);
    }
    embed = `{${pieces.join(',')}}`;
    if (opts.cache === false) return embed;
    // Bounded: a few sets of parts per page area and flash message.
    if (embeds.size > 500) embeds.clear();
    embeds.set(key, embed);
  }
  return embed;
}

const trees = new Map<string, Tree>();

/** The nested catalogue holding only `parts` (cached per version, language and set of parts). */
export function partsTree(lang: string, parts: readonly string[]): Tree {
  const { version } = catalogues();
  const key = `${version}:${lang}:${parts.join(',')}`;
  let tree = trees.get(key);
  if (!tree) {
    const full = clientCatalogue(lang);
    const picked: Record<string, string | Tree> = {};
    for (const part of parts) {
      const value = pick(full, part);
      if (value !== undefined) picked[part] = value;
    }
    tree = nest(picked);
    // Bounded: a few sets of parts per page area and flash message.
    if (trees.size > 500) trees.clear();
    trees.set(key, tree);
  }
  return tree;
}

const stores = new Map<string, I18nStore>();

/**
 * The translations for server-rendering a page: only the parts the page embeds, so the server renders
 * exactly what the browser hydrates with. Read-only while rendering (the language never changes on the
 * server), so one is kept per catalogue version, language and set of parts.
 */
export function renderStore(lang: string, parts: readonly string[]): I18nStore {
  const key = `${catalogues().version}:${lang}:${parts.join(',')}`;
  let store = stores.get(key);
  if (!store) {
    store = createI18nStore(lang, partsTree(lang, parts));
    if (stores.size > 500) stores.clear();
    stores.set(key, store);
  }
  return store;
}
