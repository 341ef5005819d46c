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

// Busy-waits end on the wall clock, so a sum can only be a little over what was spent (hooks, a
// preempted process on a shared machine), never under.
const SLACK = 12;

afterEach(() => stopWorkTracking());

describe('request work accumulator', () => {
  it('gives two interleaved requests their own work, without the time spent on the other', async () => {
    startWorkTracking();
    const a = newWork();
    const b = newWork();
    // A: 5 ms now, then 10 ms after each of two awaits (promise continuations and a timer).
    const doneA = runWithWork(a, () => {
      busy(5);
      return (async () => {
        await delay(1);
        busy(10);
        await Promise.resolve();
        await delay(1);
        busy(10);
      })();
    });
    // B: 2 ms now, then 30 ms in a timer callback, and 3 ms in a nextTick it schedules from there.
    const doneB = runWithWork(b, () => {
      busy(2);
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          busy(30);
          process.nextTick(() => {
            busy(3);
            resolve();
          });
        }, 0),
      );
    });
    // Neither request's: the caller's own work while both wait.
    busy(40);
    await Promise.all([doneA, doneB]);
    expect(workMs(a)).toBeGreaterThanOrEqual(25);
    expect(workMs(a)).toBeLessThan(25 + SLACK);
    expect(workMs(b)).toBeGreaterThanOrEqual(35);
    expect(workMs(b)).toBeLessThan(35 + SLACK);
  });

  it('does not count a nested request twice, and counts the running callback so far', () => {
    startWorkTracking();
    const outer = newWork();
    const inner = newWork();
    let innerSeenFromInside = 0;
    runWithWork(outer, () => {
      busy(5);
      runWithWork(inner, () => {
        busy(10);
        innerSeenFromInside = workMs(inner);
      });
      busy(5);
    });
    expect(innerSeenFromInside).toBeGreaterThanOrEqual(10);
    expect(workMs(inner)).toBeLessThan(10 + SLACK);
    expect(workMs(outer)).toBeGreaterThanOrEqual(10);
    expect(workMs(outer)).toBeLessThan(10 + SLACK);
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

      const crowd = await Promise.all(Array.from({ length: 10 }, async () => timing((await fetch(`${s.url}/slow`)).headers.get('server-timing'))));
      const works = crowd.map((t) => t.work!).sort((x, y) => x - y);
      const medianWork = works[5]!;
      // Every request's own work is at least its 8 ms, and typically about that (a GC pause or the
      // machine taking the CPU away can land in anyone's callback)…
      expect(works[0]).toBeGreaterThanOrEqual(8);
      expect(medianWork).toBeLessThan(8 + SLACK);
      // …while the slowest waited behind the others' work (about 45 ms of it).
      expect(Math.max(...crowd.map((t) => t.app))).toBeGreaterThan(2 * medianWork);
    } finally {
      await s.close();
    }
  });
});
