import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES, matchLocale } from '~/modules/i18n/config';
import { NOTIFICATION_AREAS, covers, normalizeParts, partsForPath } from '~/modules/i18n/parts';
import { NOTIFICATION_KINDS } from '~/modules/notifications/kinds';
import { catalogues, serializedParts } from '~/modules/i18n/resources.server';
import { loader as partsLoader } from '~/routes/resources.i18n';

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
    // Catalogue parts (app/modules/i18n/parts.ts) name subtrees: `directory.themes`.
    for (const k of known) for (let i = k.indexOf('.'); i > 0; i = k.indexOf('.', i + 1)) bases.add(k.slice(0, i));
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

/**
 * Per-page catalogues (docs/decisions/0004): each page ships only the parts app/modules/i18n/parts.ts
 * lists for its URL. Every key a route's browser-side modules name (the route file and what it imports,
 * .server files aside) must be inside those parts, or the member would see the raw key.
 */
describe('per-page catalogue parts', () => {
  it('lists every area that has notification kinds (the notifications and settings pages show their texts)', () => {
    expect([...new Set(NOTIFICATION_KINDS.map((k) => k.kind.split('.')[0]))].sort()).toEqual([...NOTIFICATION_AREAS].sort());
  });

  const app = path.resolve('app');
  const areas = [...en.keys()];
  const keyRe = new RegExp(`['"\`](${areas.join('|')})\\.([A-Za-z_$][\\w$]*)?`, 'g');
  // Kinds are named like keys (their texts are `<area>.notifications.*`, covered by the map); the
  // navigation labels are the shell's.
  const skip = new Set([path.join(app, 'modules/notifications/kinds.ts'), path.join(app, 'modules/navigation.ts')]);

  function resolve(from: string, spec: string): string | null {
    let p: string;
    if (spec.startsWith('~/')) p = path.join(app, spec.slice(2));
    else if (spec.startsWith('.')) p = path.resolve(path.dirname(from), spec);
    else return null;
    for (const ext of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) {
      if (fs.existsSync(p + ext) && fs.statSync(p + ext).isFile()) return p + ext;
    }
    return null;
  }

  function browserModules(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const src = fs.readFileSync(file, 'utf8');
    // `import type` is erased by the compiler: it never brings a module (or its keys) to the browser.
    for (const m of src.matchAll(/(?:import|export)\s(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
      const target = resolve(file, m[1]!);
      if (target && !/\.server\.tsx?$/.test(target)) browserModules(target, seen);
    }
    return seen;
  }

  /** A URL the flat route file answers, e.g. `bids.$id.tasks.tsx` → `/bids/x/tasks`. */
  function urlOf(file: string): string {
    const segments = file
      .replace(/\.tsx?$/, '')
      .replace(/\[\.\]/g, '·')
      .split('.')
      .filter((s) => s !== '_index' && s !== '$' && !s.startsWith('_'))
      .map((s) => (s.startsWith('$') ? 'x' : s.replace(/_$/, '').replace(/·/g, '.')));
    return `/${segments.join('/')}`;
  }

  const routes = fs.readdirSync(path.join(app, 'routes')).filter((f) => /\.tsx$/.test(f) && !f.includes('.test.'));

  it('every key a page names is inside the parts listed for its URL', () => {
    const uncovered: string[] = [];
    for (const route of routes) {
      const url = urlOf(route);
      const parts = partsForPath(url);
      for (const mod of browserModules(path.join(app, 'routes', route))) {
        if (skip.has(mod)) continue;
        for (const m of fs.readFileSync(mod, 'utf8').matchAll(keyRe)) {
          const [, area, first] = m;
          // `t(\`area.${x}\`)` names the whole area.
          const part = first && !first.startsWith('$') ? `${area}.${first}` : area!;
          if (!covers(parts, part)) uncovered.push(`${route} (${url}) → ${part} (in ${path.relative(app, mod)})`);
        }
      }
    }
    expect([...new Set(uncovered)]).toEqual([]);
  });

  it('a page embeds its parts only, far less than the whole catalogue', () => {
    const whole = serializedParts('ar', areas).length;
    const members = serializedParts('ar', partsForPath('/members'));
    expect(Object.keys(JSON.parse(members) as object)).toEqual(expect.arrayContaining(['common', 'directory', 'bids.nav']));
    expect(Object.keys(JSON.parse(members) as object)).not.toContain('governance');
    expect(members.length).toBeLessThan(whole / 3);
    // Inert inside <script>: no "<" at all.
    expect(serializedParts('en', areas)).not.toContain('<');
  });

  it('parts are normalised: duplicates and parts inside another part are dropped', () => {
    expect(normalizeParts(['directory.themes', 'common', 'directory', 'common'])).toEqual(['common', 'directory']);
    expect(covers(['directory'], 'directory.themes')).toBe(true);
    expect(covers(['directory.themes'], 'directory')).toBe(false);
    expect(covers(['bids'], 'bidsx.nav')).toBe(false);
  });
});

describe('/resources/i18n (parts for a client-side navigation)', () => {
  const get = (query: string) => partsLoader({ request: new Request(`http://nomi.test/resources/i18n?${query}`), params: {}, context: { cspNonce: '' } });

  it('answers the asked parts of the language, cached for good when the version matches', async () => {
    const res = await get(`lng=ar&parts=governance,directory.themes&v=${catalogues().version}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toContain('immutable');
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['directory.themes', 'governance']);
    const ar = JSON.parse(fs.readFileSync(path.join(root, 'ar', 'governance.json'), 'utf8')) as { nav: string };
    expect((body.governance as { nav: string }).nav).toBe(ar.nav);
    // An old version is answered too, but not cached.
    expect((await get('lng=ar&parts=governance&v=old')).headers.get('Cache-Control')).toBe('no-cache');
  });

  it('refuses an unknown language or no usable part with 400, never 500', async () => {
    expect((await get('lng=xx&parts=common')).status).toBe(400);
    expect((await get('lng=en&parts=')).status).toBe(400);
    expect((await get('lng=en&parts=../../etc,<script>')).status).toBe(400);
    // A well-formed name that is no part: nothing to send.
    const unknown = await get(`lng=en&parts=${'a'.repeat(5000)}`);
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual({});
    // Inherited names are no parts either (they once reached Object.prototype and threw).
    for (const name of ['constructor', 'common.toString', 'hasOwnProperty', '__proto__']) {
      const res = await get(`lng=en&parts=${name}`);
      expect(res.status, name).toBeLessThan(500);
      if (res.status === 200) expect(await res.json(), name).toEqual({});
    }
  });
});
