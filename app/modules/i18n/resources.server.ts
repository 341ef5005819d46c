import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { env } from '~/env.server';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES } from './config';

/**
 * Catalogues live in app/locales/<lang>/<area>.json so each area of the app owns its own file.
 * They are merged into one namespace per language, keyed by area: t('auth.login.title').
 */
type Tree = { [key: string]: string | Tree };
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
    out[k] = typeof v === 'object' && typeof b === 'object' ? withFallback(b, v) : v;
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
