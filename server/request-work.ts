import { createHook, executionAsyncResource, type AsyncHook } from 'node:async_hooks';
import type { RequestHandler } from 'express';

/**
 * Per-request "work": the time the event loop spent running callbacks that belong to one request, apart
 * from the time the request spent waiting while other requests' callbacks ran. Bench only
 * (`SERVER_TIMING_CPU=1`): async_hooks with promise tracking slows every request, so nothing here is
 * enabled unless `startWorkTracking()` is called.
 *
 * How: a request gets an accumulator (`RequestWork`). Each async resource (promise, timer, nextTick,
 * I/O request…) created while a callback of that request runs is tagged with it (the executing
 * callback's context, as AsyncLocalStorage propagates). Around each callback, `before`/`after` add the
 * elapsed time to the tag's accumulator. Callbacks can nest (a callback run synchronously inside
 * another): the outer one is paused meanwhile, so time is never counted twice; an untagged nested
 * callback counts for the one it runs inside.
 */
export interface RequestWork {
  /** Completed work, ns. */
  ns: bigint;
}

interface Frame {
  /** The callback's async id (-1 for `runWithWork`), so a stray `after` never pops someone else's frame. */
  id: number;
  work: RequestWork | undefined;
  start: bigint;
}

const TAG = Symbol('nomi.requestWork');
type Tagged = { [TAG]?: RequestWork };

const stack: Frame[] = [];
let hook: AsyncHook | null = null;

function current(): RequestWork | undefined {
  return stack.at(-1)?.work;
}

function enter(id: number, work: RequestWork | undefined) {
  const now = process.hrtime.bigint();
  const parent = stack.at(-1);
  if (parent?.work) parent.work.ns += now - parent.start;
  stack.push({ id, work: work ?? parent?.work, start: now });
}

function leave(id: number) {
  // An `after` without its `before` (hooks turned on mid-callback): nothing of ours to close.
  if (stack.at(-1)?.id !== id) return;
  const now = process.hrtime.bigint();
  const frame = stack.pop()!;
  if (frame.work) frame.work.ns += now - frame.start;
  const parent = stack.at(-1);
  if (parent) parent.start = now;
}

function tagOf(resource: unknown): RequestWork | undefined {
  return resource !== null && typeof resource === 'object' ? (resource as Tagged)[TAG] : undefined;
}

/** Turn the hooks on (idempotent). */
export function startWorkTracking() {
  if (hook) return;
  hook = createHook({
    init(_asyncId, _type, _triggerAsyncId, resource) {
      const work = current();
      // (A hook that throws ends the process: never write to a sealed resource.)
      if (work && resource !== null && typeof resource === 'object' && Object.isExtensible(resource)) (resource as Tagged)[TAG] = work;
    },
    before(asyncId) {
      enter(asyncId, tagOf(executionAsyncResource()));
    },
    after(asyncId) {
      leave(asyncId);
    },
  });
  hook.enable();
}

/** Turn the hooks off (tests). */
export function stopWorkTracking() {
  hook?.disable();
  hook = null;
  stack.length = 0;
}

export function newWork(): RequestWork {
  return { ns: 0n };
}

/**
 * Run `fn` synchronously as a piece of `work`: its own time counts, and every async resource it creates
 * (and theirs, transitively) counts for `work` too. Needs `startWorkTracking()` for the async part.
 */
export function runWithWork<T>(work: RequestWork, fn: () => T): T {
  enter(-1, work);
  try {
    return fn();
  } finally {
    leave(-1);
  }
}

/** Work so far in ms, including the running callback's time when it is this request's. */
export function workMs(work: RequestWork): number {
  const top = stack.at(-1);
  const running = top && top.work === work ? process.hrtime.bigint() - top.start : 0n;
  return Number(work.ns + running) / 1e6;
}

/**
 * `Server-Timing: app;dur=<ms>`: time from Express receiving the request to the response's headers (for
 * a streamed page, the shell). With `work: true` also `work;dur=<ms>`: of that, the time spent running
 * this request's own code (see above) — under concurrency `app` also holds the wait behind other
 * requests, `work` does not. `npm run bench` reads both.
 */
export function serverTiming(opts: { work: boolean }): RequestHandler {
  if (opts.work) startWorkTracking();
  return (_req, res, next) => {
    const start = process.hrtime.bigint();
    const work = opts.work ? newWork() : null;
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof res.writeHead>) {
      if (!this.headersSent) {
        const app = `app;dur=${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(1)}`;
        this.setHeader('Server-Timing', work ? `${app}, work;dur=${workMs(work).toFixed(1)}` : app);
      }
      return writeHead.apply(this, args);
    } as typeof res.writeHead;
    if (work) runWithWork(work, next);
    else next();
  };
}
