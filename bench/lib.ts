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

export async function startServer(opts: { databasePath: string; uploadDir?: string; env?: Record<string, string> }): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      DATABASE_PATH: opts.databasePath,
      UPLOAD_DIR: opts.uploadDir ?? path.join(path.dirname(opts.databasePath), 'uploads'),
      LOG_LEVEL: 'warn',
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

/**
 * `requests` requests spread over `concurrency` parallel loops. Returns latency percentiles in ms.
 * Server time is read from the Server-Timing-free total round trip on loopback, which is dominated by
 * server work.
 */
export async function load(opts: { urls: string[]; concurrency: number; requests: number; headers?: Record<string, string> }) {
  const times: number[] = [];
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < opts.requests) {
      const i = next++;
      const url = opts.urls[i % opts.urls.length]!;
      const start = performance.now();
      const res = await fetch(url, { headers: opts.headers, redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status >= 400) failures++;
      times.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  times.sort((a, b) => a - b);
  return { count: times.length, failures, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) ?? 0 };
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
    total += zlib.gzipSync(body).length;
  }
  return total / 1024;
}

export function report(title: string, rows: Record<string, string | number>) {
  console.log(`\n## ${title}`);
  for (const [k, v] of Object.entries(rows)) console.log(`  ${k.padEnd(42)} ${typeof v === 'number' ? v.toFixed(1) : v}`);
}
