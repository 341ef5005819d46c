import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { newWork, runWithWork, serverTiming, startWorkTracking, stopWorkTracking, workMs } from './request-work';

/** Keep the event loop busy for `ms` (wall clock), like a slow query or render. */
function busy(ms: number) {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* spin */
  }
}

// Upper bounds are measured, not fixed: a busy machine can stretch any callback, so each request's work
// is compared with the wall time its own callbacks took (plus the hooks' own cost), never with a constant.
const HOOKS_MS = 2;
/** Runs `fn` and adds the wall time it took to `into[key]`. */
function timed(into: Record<string, number>, key: string, fn: () => void) {
  const t = performance.now();
  fn();
  into[key] = (into[key] ?? 0) + performance.now() - t;
}

afterEach(() => stopWorkTracking());

describe('request work accumulator', () => {
  it('gives two interleaved requests their own work, without the time spent on the other', async () => {
    startWorkTracking();
    const a = newWork();
    const b = newWork();
    const spent: Record<string, number> = {};
    // A: 5 ms now, then 10 ms after each of two awaits (promise continuations and a timer).
    const doneA = runWithWork(a, () => {
      timed(spent, 'a', () => busy(5));
      return (async () => {
        await delay(1);
        timed(spent, 'a', () => busy(10));
        await Promise.resolve();
        await delay(1);
        timed(spent, 'a', () => busy(10));
      })();
    });
    // B: 2 ms now, then 30 ms in a timer callback, and 3 ms in a nextTick it schedules from there.
    const doneB = runWithWork(b, () => {
      timed(spent, 'b', () => busy(2));
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          timed(spent, 'b', () => busy(30));
          process.nextTick(() => {
            timed(spent, 'b', () => busy(3));
            resolve();
          });
        }, 0),
      );
    });
    // Neither request's: the caller's own work while both wait.
    busy(40);
    await Promise.all([doneA, doneB]);
    // Each gets its own callbacks' time: neither the other's nor the caller's 40 ms.
    expect(workMs(a)).toBeGreaterThanOrEqual(25);
    expect(workMs(a)).toBeLessThanOrEqual(spent.a! + 3 * HOOKS_MS);
    expect(workMs(b)).toBeGreaterThanOrEqual(35);
    expect(workMs(b)).toBeLessThanOrEqual(spent.b! + 3 * HOOKS_MS);
  });

  it('does not count a nested request twice, and counts the running callback so far', () => {
    startWorkTracking();
    const outer = newWork();
    const inner = newWork();
    let innerSeenFromInside = 0;
    let innerWall = 0;
    const start = performance.now();
    runWithWork(outer, () => {
      busy(5);
      const innerStart = performance.now();
      runWithWork(inner, () => {
        busy(10);
        innerSeenFromInside = workMs(inner);
      });
      innerWall = performance.now() - innerStart;
      busy(5);
    });
    const outerWall = performance.now() - start;
    expect(innerSeenFromInside).toBeGreaterThanOrEqual(10);
    // Bounded by wall clock, not by a fixed slack, so a busy machine cannot fail it: each request counts
    // at most the time its own callbacks ran, and the outer one not the inner one's share.
    expect(workMs(inner)).toBeLessThanOrEqual(innerWall + HOOKS_MS);
    expect(workMs(outer)).toBeGreaterThanOrEqual(10);
    expect(workMs(outer)).toBeLessThanOrEqual(outerWall - innerWall + HOOKS_MS);
  });
});

describe('Server-Timing header', () => {
  async function serve(work: boolean) {
    const app = express();
    app.use(serverTiming({ work }));
    // 8 ms of work split across an await and a timer, as a loader and a render would.
    app.get('/slow', async (_req, res) => {
      busy(3);
      await delay(1);
      busy(5);
      res.send('ok');
    });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(r)) };
  }
  const timing = (header: string | null) => {
    const work = /work;dur=([\d.]+)/.exec(header ?? '')?.[1];
    return { app: Number(/app;dur=([\d.]+)/.exec(header ?? '')?.[1]), work: work === undefined ? null : Number(work) };
  };

  it('sends only app time when the flag is off', async () => {
    const s = await serve(false);
    try {
      const t = timing((await fetch(`${s.url}/slow`)).headers.get('server-timing'));
      expect(t.app).toBeGreaterThanOrEqual(8);
      expect(t.work).toBeNull();
    } finally {
      await s.close();
    }
  });

  it('under concurrency, app time grows with the queue while work stays at one request’s cost', async () => {
    const s = await serve(true);
    try {
      // Warm up (first requests compile code), then one request alone: work is about its app time.
      for (let i = 0; i < 5; i++) await fetch(`${s.url}/slow`);
      const alone = timing((await fetch(`${s.url}/slow`)).headers.get('server-timing'));
      expect(alone.work).toBeGreaterThanOrEqual(8);
      expect(alone.work!).toBeLessThanOrEqual(alone.app + 0.1);

      const started = performance.now();
      const crowd = await Promise.all(Array.from({ length: 10 }, async () => timing((await fetch(`${s.url}/slow`)).headers.get('server-timing'))));
      const wall = performance.now() - started;
      const works = crowd.map((t) => t.work!).sort((x, y) => x - y);
      const medianWork = works[5]!;
      // Every request's own work is at least its 8 ms and never more than its own time on the server, and
      // no time is counted twice: together they fit in the batch's wall time (one thread runs them all)…
      expect(works[0]).toBeGreaterThanOrEqual(8);
      for (const t of crowd) expect(t.work!).toBeLessThanOrEqual(t.app + 0.1);
      expect(works.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(wall);
      // …while the slowest waited behind the others' work (about 45 ms of it).
      expect(Math.max(...crowd.map((t) => t.app))).toBeGreaterThan(2 * medianWork);
    } finally {
      await s.close();
    }
  });
});
