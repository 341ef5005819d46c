import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * Tools for `npm run bench`: start the built server on a free loopback port with its own database,
 * fire bounded request loops at it, and print figures. Only ever talks to 127.0.0.1.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `nomi-bench-${name}-`));
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
  /** Resident memory of the server process in MiB (Linux /proc). */
  memoryMiB(): number;
}

/**
 * `measureWork`: run the server with SERVER_TIMING_CPU=1, so each response's Server-Timing also holds
 * `work;dur=` (the request's own callbacks, without its wait behind the other connections; see
 * server/request-work.ts). The async hooks behind it cost some speed, so it is opt-in per bench.
 */
export async function startServer(opts: { databasePath: string; uploadDir?: string; env?: Record<string, string>; measureWork?: boolean }): Promise<RunningServer> {
  const port = await freePort();
  // The compiled server, as in production (`npm run build` makes it; scripts/build-server.js).
  // With the memory settings of `npm start` (scripts/start.js); BENCH_NODE_ARGS replaces the node flags
  // (e.g. BENCH_NODE_ARGS= for V8's defaults) to compare.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '--max-semi-space-size=2 --max-old-space-size=256').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.resolve(process.env.BUILD_DIR ?? 'build', 'server.js')], {
    env: {
      ...process.env,
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
      NODE_ENV: 'production',
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      DATABASE_PATH: opts.databasePath,
      UPLOAD_DIR: opts.uploadDir ?? path.join(path.dirname(opts.databasePath), 'uploads'),
      LOG_LEVEL: 'warn',
      SERVER_TIMING: '1',
      ...(opts.measureWork ? { SERVER_TIMING_CPU: '1' } : {}),
      ...opts.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    process: child,
    memoryMiB() {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      } catch {
        return 0;
      }
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface LoadResult {
  count: number;
  failures: number;
  /** Round trip (request sent → body read), ms. */
  p50: number;
  p95: number;
  max: number;
  /**
   * Server time from the `Server-Timing: app;dur=` header (Express start → response headers), ms. At
   * high concurrency this includes waiting while other requests run on the one event loop.
   */
  server: { p50: number; p95: number; max: number };
  /**
   * The request's own work from `work;dur=` (its callbacks only, not the wait behind others), ms; null
   * when the server was not started with `measureWork`.
   */
  work: { p50: number; p95: number; max: number } | null;
}

/** The `<name>;dur=` figure of a Server-Timing header (`app` by default), or null. */
export function serverTiming(header: string | null, name = 'app'): number | null {
  const m = header ? new RegExp(`(?:^|,)\\s*${name};dur=([\\d.]+)`).exec(header) : null;
  return m ? Number(m[1]) : null;
}

/** "p50 / p95" of a load result's work, or "n/a" without `measureWork`. */
export function workFigures(r: LoadResult): string {
  return r.work ? `${r.work.p50.toFixed(1)} / ${r.work.p95.toFixed(1)}` : 'n/a';
}

/**
 * `requests` requests spread over `concurrency` parallel loops. Returns round-trip percentiles and,
 * apart, server-time (and, with `measureWork`, own-work) percentiles read from each response's
 * Server-Timing header (the round trip on a busy machine also holds the load generator's own queueing).
 */
export async function load(opts: { urls: string[]; concurrency: number; requests: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const times: number[] = [];
  const server: number[] = [];
  const work: number[] = [];
  let next = 0;
  let failures = 0;
  let errors = 0;
  const worker = async () => {
    while (next < opts.requests) {
      const i = next++;
      const url = opts.urls[i % opts.urls.length]!;
      const start = performance.now();
      try {
        const res = await fetch(url, { headers: opts.headers, redirect: 'manual' });
        await res.arrayBuffer();
        if (res.status >= 400) failures++;
        times.push(performance.now() - start);
        const header = res.headers.get('server-timing');
        const dur = serverTiming(header);
        if (dur !== null) server.push(dur);
        const own = serverTiming(header, 'work');
        if (own !== null) work.push(own);
      } catch {
        // A reset connection (e.g. a reused keep-alive socket the server just closed) is a failure,
        // not the end of the run.
        failures++;
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  times.sort((a, b) => a - b);
  server.sort((a, b) => a - b);
  work.sort((a, b) => a - b);
  return {
    count: times.length + errors,
    failures,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times.at(-1) ?? 0,
    server: { p50: percentile(server, 50), p95: percentile(server, 95), max: server.at(-1) ?? 0 },
    work: work.length ? { p50: percentile(work, 50), p95: percentile(work, 95), max: work.at(-1)! } : null,
  };
}

/** Gzipped size in KB of the JavaScript a page loads (module scripts and modulepreloads). */
export async function pageJsKb(url: string, headers?: Record<string, string>): Promise<number> {
  const html = await (await fetch(url, { headers })).text();
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)) srcs.add(m[1]!);
  for (const m of html.matchAll(/import\s*\(?\s*"([^"]+\.js)"/g)) srcs.add(m[1]!);
  let total = 0;
  const origin = new URL(url).origin;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, origin))).arrayBuffer());
    const size = zlib.gzipSync(body).length;
    // BENCH_JS_DETAIL=1 lists each script, to see what a page's budget is spent on.
    if (process.env.BENCH_JS_DETAIL) console.log(`    ${(size / 1024).toFixed(1).padStart(6)} KB  ${src}`);
    total += size;
  }
  return total / 1024;
}

export function report(title: string, rows: Record<string, string | number>) {
  console.log(`\n## ${title}`);
  for (const [k, v] of Object.entries(rows)) console.log(`  ${k.padEnd(42)} ${typeof v === 'number' ? v.toFixed(1) : v}`);
}
