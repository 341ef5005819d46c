import http from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { AddressInfo } from 'node:net';
import express from 'express';
import compression from 'compression';
import { afterEach, describe, expect, it } from 'vitest';
import { VISITOR_CACHE_HEADER, visitorPageCache, type VisitorCacheOptions } from './visitor-cache';
import { dataGeneration, db } from '../db/connection';
import { sql } from 'kysely';
import SQLite from 'better-sqlite3';
import { env } from '../app/env.server';

/**
 * Issue 17: public pages for signed-out visitors are kept rendered — and must never be served to the
 * wrong person, after the data changed, or with a header meant for the server only.
 */
let server: http.Server | null = null;
afterEach(() => {
  server?.close();
  server = null;
});

interface Page {
  status?: number;
  marked?: boolean;
  setCookie?: string;
  body?: (n: number, req: express.Request) => string;
}

async function serve(page: Page, opts: Partial<VisitorCacheOptions> = {}) {
  let renders = 0;
  let generation = 'g1';
  let clock = 1_000;
  const app = express();
  app.use((_req, res, next) => {
    res.locals.cspNonce = 'NONCE123';
    next();
  });
  app.use(compression());
  app.use(visitorPageCache({ maxBytes: 1024 * 1024, ttlMs: 30_000, sessionCookie: 'nomi_session', generation: () => generation, now: () => clock, ...opts }));
  app.get('*', (req, res) => {
    renders++;
    if (page.marked !== false) res.setHeader(VISITOR_CACHE_HEADER, '1');
    if (page.setCookie) res.setHeader('Set-Cookie', page.setCookie);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Language', 'en');
    res.status(page.status ?? 200);
    // Written in pieces, as Remix's adapter writes a body.
    const body = page.body ? page.body(renders, req) : `<p>render ${renders}</p>`;
    res.write(body.slice(0, 5));
    res.end(body.slice(5));
  });
  server = http.createServer(app);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    get: async (path = '/', headers: Record<string, string> = {}) => {
      const res = await fetch(base + path, { headers });
      return { status: res.status, body: await res.text(), headers: res.headers };
    },
    renders: () => renders,
    setGeneration: (g: string) => (generation = g),
    advance: (ms: number) => (clock += ms),
  };
}

describe('visitor page cache', () => {
  it('serves a marked page again without rendering it, with its type and language, and never shows the marker', async () => {
    const s = await serve({});
    const first = await s.get('/projects');
    const second = await s.get('/projects');
    expect(first.body).toBe('<p>render 1</p>');
    expect(second.body).toBe(first.body);
    expect(s.renders()).toBe(1);
    expect(second.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(second.headers.get('content-language')).toBe('en');
    expect(first.headers.get(VISITOR_CACHE_HEADER)).toBeNull();
    expect(second.headers.get(VISITOR_CACHE_HEADER)).toBeNull();
  });

  it('never answers a signed-in member from it, even for a page a visitor had', async () => {
    const s = await serve({});
    await s.get('/');
    const member = await s.get('/', { Cookie: 'nomi_session=abc' });
    expect(member.body).toBe('<p>render 2</p>');
    await s.get('/', { Cookie: 'nomi_session=abc' });
    expect(s.renders()).toBe(3);
  });

  it('keeps different pages for a different URL, language or cookie (a flash message, a chosen language)', async () => {
    const s = await serve({ body: (n, req) => `<p>${req.originalUrl} ${req.headers['accept-language'] ?? ''} ${req.headers.cookie ?? ''} ${n}</p>` });
    const a = await s.get('/', { 'Accept-Language': 'en' });
    const b = await s.get('/', { 'Accept-Language': 'ar' });
    const c = await s.get('/', { 'Accept-Language': 'en', Cookie: 'lng=fa' });
    const d = await s.get('/?show=people', { 'Accept-Language': 'en' });
    expect(new Set([a.body, b.body, c.body, d.body]).size).toBe(4);
    expect((await s.get('/', { 'Accept-Language': 'ar' })).body).toBe(b.body);
    expect(s.renders()).toBe(4);
  });

  it('renders again as soon as the database changed', async () => {
    const s = await serve({});
    await s.get('/');
    s.setGeneration('g2');
    expect((await s.get('/')).body).toBe('<p>render 2</p>');
    expect((await s.get('/')).body).toBe('<p>render 2</p>');
  });

  it('renders again after the time limit', async () => {
    const s = await serve({});
    await s.get('/');
    s.advance(30_001);
    expect((await s.get('/')).body).toBe('<p>render 2</p>');
  });

  it('keeps nothing unmarked, failed, cookie-setting, nonce-carrying or loader JSON', async () => {
    for (const page of [{ marked: false }, { status: 404 }, { setCookie: 'flash=; Max-Age=0' }, { body: (n: number) => `<script nonce="NONCE123">${n}</script>` }] satisfies Page[]) {
      const s = await serve(page);
      await s.get('/');
      await s.get('/');
      expect(s.renders(), JSON.stringify(page)).toBe(2);
      server!.close();
    }
    const s = await serve({});
    await s.get('/?_data=root');
    await s.get('/?_data=root');
    expect(s.renders()).toBe(2);
  });

  it('stays within its memory, dropping the least recently used page', async () => {
    const s = await serve({ body: (n) => `<p>${'x'.repeat(100)} ${n}</p>` }, { maxBytes: 1000 });
    for (let i = 0; i < 20; i++) await s.get(`/p${i}`);
    await s.get('/p19');
    expect(s.renders()).toBe(20);
    await s.get('/p0');
    expect(s.renders()).toBe(21);
  });

  it('counts long keys (URLs and cookies a stranger chooses) against its memory', async () => {
    const s = await serve({ body: () => '<p>small</p>' }, { maxBytes: 8000 });
    const long = 'x'.repeat(900);
    for (let i = 0; i < 20; i++) await s.get(`/p${i}?${long}`);
    await s.get(`/p0?${long}`);
    expect(s.renders()).toBe(21);
  });

  it('holds no copy of a response it will not keep (a signed-out download, a page that is not public)', async () => {
    // Every signed-out GET passed through it; each body was gathered whole and joined at the end, then
    // dropped when the page turned out unmarked: twice the memory of every such response, for nothing.
    // Measured against the same download without the cache, so garbage and bytes in flight (which a
    // busy machine leaves more of) count on both sides.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    async function growthOfDownload(withCache: boolean): Promise<number> {
      let growth = 0;
      const app = express();
      app.use(compression());
      if (withCache) app.use(visitorPageCache({ maxBytes: 1024 * 1024, ttlMs: 30_000, sessionCookie: 'nomi_session', generation: () => 'g' }));
      app.get('/download', async (_req, res) => {
        res.setHeader('Content-Type', 'application/octet-stream');
        gc();
        const before = process.memoryUsage().arrayBuffers;
        for (let i = 0; i < 32; i++) {
          if (!res.write(Buffer.alloc(1024 * 1024, i))) await new Promise((resolve) => res.once('drain', resolve));
        }
        gc();
        growth = process.memoryUsage().arrayBuffers - before;
        res.end();
      });
      const local = http.createServer(app);
      await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
      // Read and let go, as a phone saving a file does (fetch would gather the body in this process too).
      const received = await new Promise<number>((resolve, reject) => {
        http.get(`http://127.0.0.1:${(local.address() as AddressInfo).port}/download`, (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () => resolve(bytes));
          res.on('error', reject);
        });
      });
      local.close();
      expect(received).toBe(32 * 1024 * 1024);
      return growth;
    }
    // The least of three tries each: a copy of the body is there every time, noise is not.
    const least = async (withCache: boolean) => Math.min(...[await growthOfDownload(withCache), await growthOfDownload(withCache), await growthOfDownload(withCache)]);
    const without = await least(false);
    const withCache = await least(true);
    // A copy is the whole 32 MB; a busy machine's noise stays well under half of it.
    expect(withCache - without).toBeLessThan(16 * 1024 * 1024);
  });

  it('is off with no memory given', async () => {
    const s = await serve({}, { maxBytes: 0 });
    await s.get('/');
    await s.get('/');
    expect(s.renders()).toBe(2);
  });
});

describe('dataGeneration', () => {
  it('changes with every write to the database and not with reads', async () => {
    const before = dataGeneration();
    await db.selectFrom('users').select('id').execute();
    expect(dataGeneration()).toBe(before);
    await sql`create table if not exists generation_probe (x integer)`.execute(db);
    await sql`insert into generation_probe values (1)`.execute(db);
    const after = dataGeneration();
    expect(after).not.toBe(before);
    await sql`update generation_probe set x = 2`.execute(db);
    expect(dataGeneration()).not.toBe(after);
  });

  it('changes when another connection writes the file (a CLI script, a restore)', async () => {
    await sql`create table if not exists generation_probe (x integer)`.execute(db);
    const before = dataGeneration();
    const other = new SQLite(env.databasePath);
    other.prepare('insert into generation_probe values (3)').run();
    other.close();
    expect(dataGeneration()).not.toBe(before);
  });
});
