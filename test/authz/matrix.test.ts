/**
 * The authorization matrix (issue 11, item 4): every route of the Remix manifest, asked as a visitor, an
 * unrelated member, the right member and a steward, as a page, as `?_data=` JSON, as hand-made POSTs and
 * as resource downloads, in a world seeded with private values (./world.ts). It asserts each status and
 * that no private value reaches a body it must not. Entries live in ./entries/<area>.ts; the format is
 * documented in ./types.ts. A route added without an entry fails the first test below.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { sql } from 'kysely';
import { makeHandler, routeManifest, serverErrors, type Handler } from './harness';
import { buildWorld, type PersonKey, type World } from './world';
import { entries } from './entries';
import type { Case, Expect, KnownLeak, Who } from './types';

const ORIGIN = 'http://nomi.test';
// Each test asks up to four roles twice (PDF exports take seconds each on a busy CI machine).
const TIMEOUT = 90_000;
const WHO: Who[] = ['visitor', 'outsider', 'right', 'steward'];
const manifest = routeManifest();
const byId = new Map(entries.map((e) => [e.route, e]));

let handle: Handler;
let world: World;

beforeAll(async () => {
  world = await buildWorld();
  handle = await makeHandler();
}, 120_000);

function person(who: Who, c: Case): PersonKey | null {
  if (who === 'visitor') return null;
  if (who === 'outsider') return 'outsider';
  if (who === 'steward') return 'steward';
  return c.right ?? 'amina';
}

interface Answer {
  status: number | 'login';
  raw: number;
  body: string;
  location: string | null;
}

async function ask(url: string, as: PersonKey | null, init: { method?: string; form?: Record<string, string> } = {}): Promise<Answer> {
  // Remix compares a POST's Origin with the host (Express passes it on; a bare Request has none).
  const headers = new Headers({ 'x-nomi-client-ip': `10.0.${as ? as.length : 0}.1`, accept: 'text/html', 'x-forwarded-host': new URL(ORIGIN).host });
  if (as) headers.set('cookie', world.cookies[as]);
  let body: string | undefined;
  if (init.form) {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    headers.set('origin', ORIGIN);
    body = new URLSearchParams(init.form).toString();
  }
  const res = await handle(new Request(ORIGIN + url, { method: init.method ?? 'GET', headers, body, redirect: 'manual' }));
  const location = res.headers.get('location') ?? res.headers.get('x-remix-redirect');
  // Headers carry data too (Content-Disposition names, redirects): they are checked with the body.
  const head = [...res.headers.entries()].filter(([k]) => k !== 'set-cookie').map(([k, v]) => `${k}: ${v}`).join('\n');
  const text = `${head}\n${Buffer.from(await res.arrayBuffer()).toString('latin1')}`;
  const login = location !== null && location.startsWith('/login');
  const error = res.status >= 500 ? ` [${serverErrors.splice(0).join(' | ')}]` : '';
  return { status: login ? 'login' : location && res.status === 204 ? 302 : res.status, raw: res.status, body: text + error, location };
}

function leaks(body: string, as: PersonKey | null): string[] {
  const decoded = body + ' ' + safeDecode(body);
  return world.canaries.filter((c) => !(as && c.seenBy.includes(as)) && decoded.includes(c.value)).map((c) => c.what);
}
function safeDecode(s: string): string {
  try {
    return Buffer.from(s, 'latin1').toString('utf8');
  } catch {
    return '';
  }
}

const SKIP_TABLES = new Set(['sessions', 'audit_log', 'rate_limits', 'kysely_migration', 'kysely_migration_lock', 'jobs', 'notice_visits']);
async function fingerprint(): Promise<string> {
  const tables = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%'`.execute(db)).rows;
  const h = createHash('sha256');
  for (const { name } of tables) {
    if (SKIP_TABLES.has(name) || name.startsWith('rate')) continue;
    const rows = (await sql.raw(`SELECT * FROM "${name}"`).execute(db)).rows;
    h.update(name + JSON.stringify(rows, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v)));
  }
  return h.digest('hex');
}

describe('authorization matrix', () => {
  it('has an entry for every route in the manifest', () => {
    const missing = manifest.filter((r) => !byId.has(r.id)).map((r) => r.id);
    const stale = entries.filter((e) => !manifest.some((r) => r.id === e.route)).map((e) => e.route);
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  for (const route of manifest) {
    const entry = byId.get(route.id);
    if (!entry) continue;
    describe(route.id, () => {
      entry.cases.forEach((c, i) => {
        it(`GET ${c.name ?? `case ${i + 1}`}`, async () => {
          const mod = await import(/* @vite-ignore */ `${process.cwd()}/app/${route.file}`);
          const isPage = typeof mod.default === 'function';
          const failures: string[] = [];
          const seen = new Set<KnownLeak>();
          for (const who of WHO) {
            const as = person(who, c);
            const path = c.path(world);
            const urls = isPage && typeof mod.loader === 'function' ? [path, `${path}${path.includes('?') ? '&' : '?'}_data=${encodeURIComponent(route.id)}`] : [path];
            for (const [n, url] of urls.entries()) {
              const a = await ask(url, as);
              const want: Expect | undefined = n === 1 && c.getData ? c.getData[who] : c.get?.[who];
              if (want !== undefined && a.status !== want) failures.push(`${who} ${url}: ${a.status} (${a.raw} ${a.location ?? ''}), expected ${want}`);
              if (a.raw >= 500) failures.push(`${who} ${url}: ${a.raw} ${a.body.slice(0, 200)}`);
              for (const what of leaks(a.body, as)) {
                const known = c.knownLeaks?.find((k) => k.who === who && k.what === what);
                if (known) seen.add(known);
                else failures.push(`${who} ${url}: leaks ${what}`);
              }
            }
          }
          for (const k of c.knownLeaks ?? []) if (!seen.has(k)) failures.push(`known leak "${k.what}" to ${k.who} no longer happens: remove it from the entry`);
          expect(failures).toEqual([]);
        }, TIMEOUT);
        for (const p of c.post ?? []) {
          it(`POST ${p.name}`, async () => {
            const failures: string[] = [];
            for (const who of WHO) {
              const want = p.expect[who];
              if (want === undefined) continue;
              const as = person(who, c);
              const before = await fingerprint();
              const a = await ask(c.path(world), as, { method: 'POST', form: p.body(world) });
              if (a.status !== want) failures.push(`${who}: ${a.status} (${a.raw} ${a.location ?? ''}), expected ${want}: ${a.body.slice(0, 160)}`);
              for (const what of leaks(a.body, as)) failures.push(`${who}: leaks ${what}`);
              const refused = want === 'login' || (typeof want === 'number' && want >= 400);
              if (refused && (await fingerprint()) !== before) failures.push(`${who}: refused but the database changed`);
            }
            expect(failures).toEqual([]);
          }, TIMEOUT);
        }
      });
      it('an empty POST from a visitor writes nothing and leaks nothing', async () => {
        const mod = await import(/* @vite-ignore */ `${process.cwd()}/app/${route.file}`);
        if (typeof mod.action !== 'function' || entry.publicAction) return;
        const before = await fingerprint();
        const a = await ask(entry.cases[0]!.path(world), null, { method: 'POST', form: { intent: 'x' } });
        expect(leaks(a.body, null)).toEqual([]);
        expect(a.raw).toBeLessThan(500);
        expect(a.status === 'login' || (typeof a.status === 'number' && a.status >= 400), `visitor POST got ${a.status}`).toBe(true);
        expect(await fingerprint()).toBe(before);
      }, TIMEOUT);
    });
  }
});
