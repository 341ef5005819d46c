import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { withRouteCaches } from './route-cache';

// The installed router's CommonJS file: the one Remix's server handler requires.
const require = createRequire(import.meta.url);
const file = require.resolve('@remix-run/router').replace(/router\.(?:cjs\.)?js$/, 'router.cjs.js');
const source = fs.readFileSync(file, 'utf8');

type Router = typeof import('@remix-run/router');
function load(code: string): Router {
  const mod = { exports: {} as Router };
  new Function('exports', 'require', 'module', code)(mod.exports, require, mod);
  return mod.exports;
}

// A slice of our own route table's shapes: index, static, dynamic, optional and splat segments.
const routes = [
  {
    id: 'root',
    path: '',
    children: [
      { id: 'index', index: true },
      { id: 'members', path: 'members' },
      { id: 'member', path: 'members/:id' },
      { id: 'matches', path: 'members/matches' },
      { id: 'bid', path: 'bids/:id', children: [{ id: 'bid-index', index: true }, { id: 'bid-files', path: 'files' }] },
      { id: 'ics', path: 'notices/:id/ics' },
      { id: 'lang', path: ':lang?/privacy' },
      { id: 'splat', path: '*' },
    ],
  },
];
const paths = ['/', '/members', '/members/', '/members/abc', '/members/matches', '/MEMBERS/Abc', '/bids/7', '/bids/7/files', '/notices/x/ics', '/privacy', '/ar/privacy', '/nowhere/at/all', '/members/a%20b'];

const summary = (r: Router, p: string) => r.matchRoutes(routes, p)?.map((m) => [m.route.id, m.params, m.pathname, m.pathnameBase]) ?? null;

describe('route cache (issue 17: no route compiling per request)', () => {
  it('finds its anchors in the installed @remix-run/router', () => {
    expect(withRouteCaches(source)).not.toBeNull();
  });

  it('matches exactly as the router does, on first and repeated lookups', () => {
    const original = load(source);
    const cached = load(withRouteCaches(source)!);
    for (const p of [...paths, ...paths]) expect(summary(cached, p), p).toEqual(summary(original, p));
  });

  it('answers with the route objects of the table it was given, for a fresh copy of the same table', () => {
    const cached = load(withRouteCaches(source)!);
    // Remix's document render builds a new route array for every request: same shape, new objects.
    const copy = (rs: typeof routes): typeof routes => rs.map((r) => ({ ...r, ...('children' in r && r.children ? { children: copy(r.children as typeof routes) } : {}) }));
    cached.matchRoutes(routes, '/bids/7/files');
    const fresh = copy(routes);
    const matches = cached.matchRoutes(fresh, '/bids/7/files')!;
    expect(matches.map((m) => m.route.id)).toEqual(['root', 'bid', 'bid-files']);
    expect(matches[1]!.route).toBe(fresh[0]!.children![4]);
    expect(matches[2]!.params).toEqual({ id: '7' });
  });

  it('keeps no caller-visible object: changing returned params does not change the next answer', () => {
    const cached = load(withRouteCaches(source)!);
    (cached.matchRoutes(routes, '/members/abc')![1]!.params as Record<string, string>).id = 'tampered';
    expect(cached.matchRoutes(routes, '/members/abc')![1]!.params).toEqual({ id: 'abc' });
  });

  it('does not cache tables whose routes have no ids, and still matches them', () => {
    const original = load(source);
    const cached = load(withRouteCaches(source)!);
    const anonymous = [{ path: 'a/:x' }, { path: 'b' }];
    expect(cached.matchRoutes(anonymous, '/a/1')?.map((m) => m.params)).toEqual(original.matchRoutes(anonymous, '/a/1')?.map((m) => m.params));
    expect(cached.matchRoutes(anonymous, '/b')?.[0]?.route).toBe(anonymous[1]);
  });

  it('matches with a basename as the router does', () => {
    const original = load(source);
    const cached = load(withRouteCaches(source)!);
    for (const [p, base] of [['/app/members', '/app'], ['/members', '/app'], ['/app', '/app']] as const) {
      expect(cached.matchRoutes(routes, p, base)?.map((m) => [m.route.id, m.pathname]) ?? null, `${base} ${p}`).toEqual(original.matchRoutes(routes, p, base)?.map((m) => [m.route.id, m.pathname]) ?? null);
    }
  });

  it('keeps no more than a few megabytes for a stranger who sends long unknown addresses', () => {
    // Node accepts request lines up to 16 KB; every unknown address matches the splat route (app/routes/$.tsx).
    // 2,000 of them were kept whole (key, pathnames, decoded params): 150 MB of heap per route table.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const cached = load(withRouteCaches(source)!);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 2000; i++) cached.matchRoutes(routes, `/${i}-${'x'.repeat(15_000)}`);
    gc();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20_000_000);
    // Long addresses still match as the router matches them.
    expect(cached.matchRoutes(routes, `/${'y'.repeat(15_000)}`)?.map((m) => m.route.id)).toEqual(['root', 'splat']);
  });

  it('matches our real route table exactly as the router does, over thousands of generated addresses', () => {
    // The app's routes as Remix builds them (remix.config.js: flat routes under app/routes, root above).
    type Entry = { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean };
    const { flatRoutes } = require('@remix-run/dev/dist/config/flat-routes.js') as { flatRoutes: (dir: string, ignored: string[]) => Record<string, Entry> };
    const manifest: Record<string, Entry> = { root: { id: 'root', path: '' }, ...flatRoutes('app', ['**/.*', '**/*.test.{ts,tsx}']) };
    type R = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: R[] };
    const nest = (parentId: string | undefined): R[] =>
      Object.values(manifest)
        .filter((r) => r.parentId === parentId)
        .map((r) => ({ id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive, children: nest(r.id) }));
    const table = nest(undefined);
    expect(Object.keys(manifest).length).toBeGreaterThan(100);

    const values = ['abc', 'A1_b-2', '7', '%20', 'a%2Fb', '%E2%82%AC', 'ع', '%', '..', '.', 'x.pdf', 'X'];
    const patterns = Object.values(manifest).map((r) => r.path ?? '').filter(Boolean);
    const paths = new Set<string>(['/', '', '//', '///members', '/?x=1', '/#h', '/%2F', '/_data', '/index', '/root']);
    for (const pattern of patterns) {
      for (const v of values) {
        const filled = pattern.replace(/:[A-Za-z]+\??/g, v).replace(/\*$/, `${v}/${v}`);
        for (const p of [`/${filled}`, `/${filled}/`, `/${filled}//`, `/${filled.toUpperCase()}`, `//${filled}`, `/${filled}/extra`, `/${filled}.csv`, `/${filled}?_data=root`]) paths.add(p);
      }
    }
    expect(paths.size).toBeGreaterThan(5000);
    // The router warns about each malformed percent-encoding ('/%'); both copies do, alike.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const original = load(source);
    const cached = load(withRouteCaches(source)!);
    const copy = (rs: R[]): R[] => rs.map((r) => ({ ...r, children: r.children && copy(r.children) }));
    const view = (r: Router, rs: R[], p: string, base?: string) => r.matchRoutes(rs as Parameters<Router['matchRoutes']>[0], p, base)?.map((m) => [m.route.id, m.params, m.pathname, m.pathnameBase]) ?? null;
    for (const base of [undefined, '/app']) {
      for (const p of paths) {
        const path = base ? base + p : p;
        const expected = view(original, table, path, base);
        // First lookup, repeated lookup, and a fresh copy of the table (as each document render makes).
        expect(view(cached, table, path, base), path).toEqual(expected);
        expect(view(cached, table, path, base), path).toEqual(expected);
        expect(view(cached, copy(table), path, base), path).toEqual(expected);
      }
    }
    warn.mockRestore();
  });

  it('is in force in the server as it starts, on every Node version package.json allows (>=20.17)', () => {
    // server/index.ts's order: install, then load Remix. Node 20 has no module.registerHooks (22.15+),
    // and the cache was silently not installed there. A table the cached router has ranked once is not
    // read again for the next address; the router alone flattens it (reading each path) every time.
    const probe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'route-cache-')), 'probe.mts');
    fs.writeFileSync(
      probe,
      `import { createRequire } from 'node:module';
      import { pathToFileURL } from 'node:url';
      import { installRouteCache } from ${JSON.stringify(path.resolve('server/route-cache.ts'))};
      installRouteCache();
      const app = createRequire(${JSON.stringify(path.resolve('package.json'))});
      await import(pathToFileURL(app.resolve('@remix-run/node')).href);
      const router = createRequire(app.resolve('@remix-run/server-runtime'))('@remix-run/router');
      let reads = 0;
      const routes = [{ id: 'a', get path() { reads++; return 'a'; } }, { id: 'b', path: 'b' }];
      router.matchRoutes(routes, '/a');
      reads = 0;
      router.matchRoutes(routes, '/b');
      console.log(JSON.stringify({ reads, node: process.version }));`,
    );
    // The project's Node (24, what `npm run` uses) and the system's (20 on our servers), when there is one.
    for (const node of new Set([process.execPath, ...['/usr/bin/node', '/usr/local/bin/node'].filter((p) => fs.existsSync(p))])) {
      const run = spawnSync(node, ['--import', 'tsx', probe], { encoding: 'utf8', cwd: process.cwd() });
      expect(run.stderr, node).toBe('');
      const out = JSON.parse(run.stdout) as { reads: number; node: string };
      expect(out.reads, `Node ${out.node}`).toBe(0);
    }
  });

  it('leaves a changed router alone', () => {
    expect(withRouteCaches('function somethingElse() {}')).toBeNull();
  });
});
