import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES, matchLocale } from '~/modules/i18n/config';

/**
 * Every language ships every text English has (with its own plural forms), and every key the code
 * names exists in English. A missing key would show the raw key to a member.
 */
const root = path.resolve('app/locales');
type Tree = { [k: string]: string | string[] | Tree };

function flatten(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'object' && !Array.isArray(v) ? flatten(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function load(lang: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of fs.readdirSync(path.join(root, lang)).filter((f) => f.endsWith('.json'))) {
    const tree = JSON.parse(fs.readFileSync(path.join(root, lang, file), 'utf8')) as Tree;
    out.set(file.slice(0, -5), flatten(tree));
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const en = load('en');

describe('translation catalogues', () => {
  for (const lang of SUPPORTED_LOCALES.filter((l) => l !== 'en')) {
    it(`${lang} has every English text, with ${lang} plural forms`, () => {
      const catalogue = load(lang);
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      const missing: string[] = [];
      for (const [area, keys] of en) {
        const have = new Set(catalogue.get(area) ?? []);
        const bases = new Set<string>();
        for (const key of keys) {
          if (PLURAL.test(key)) bases.add(key.replace(PLURAL, ''));
          else if (!have.has(key)) missing.push(`${area}.${key}`);
        }
        for (const base of bases) {
          for (const c of categories) if (!have.has(`${base}_${c}`)) missing.push(`${area}.${base}_${c}`);
        }
      }
      expect(missing).toEqual([]);
    });
  }

  it('every key named in the code exists in English', () => {
    const known = new Set([...en].flatMap(([area, keys]) => keys.map((k) => `${area}.${k}`)));
    const bases = new Set([...known].map((k) => k.replace(PLURAL, '')));
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(tsx?|ts)$/.test(e.name) && !e.name.includes('.test.')) files.push(p);
      }
    };
    walk(path.resolve('app'));
    const areas = new Set(en.keys());
    const unknown: string[] = [];
    for (const f of files) {
      const src = fs.readFileSync(f, 'utf8');
      for (const m of src.matchAll(/['"]([a-z][a-zA-Z]+(?:\.[a-zA-Z0-9_-]+)+)['"]/g)) {
        const key = m[1]!;
        // Notification kinds (`kind: 'area.name'`) look like keys but are not.
        if (/kind:\s*$/.test(src.slice(Math.max(0, m.index! - 12), m.index))) continue;
        if (!areas.has(key.split('.')[0]!)) continue;
        if (!known.has(key) && !bases.has(key) && !known.has(`${key}.0`)) unknown.push(`${path.relative('.', f)}: ${key}`);
      }
    }
    expect(unknown).toEqual([]);
  });
});

describe('locale negotiation', () => {
  it('matches exact tags, then the base language, else nothing', () => {
    expect(matchLocale(['ar'])).toBe('ar');
    expect(matchLocale(['fa-IR', 'en'])).toBe('fa');
    expect(matchLocale(['de-DE', 'ro-MD'])).toBe('ro');
    expect(matchLocale(['de', 'fr'])).toBeNull();
  });
});
