import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
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

  it('leaves a changed router alone', () => {
    expect(withRouteCaches('function somethingElse() {}')).toBeNull();
  });
});
