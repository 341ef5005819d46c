import { sql } from 'kysely';
import { db } from '~db/connection';
import { logger } from '~/modules/logging/logger.server';

/**
 * Timed work kept in the database: each job has a unique key, so scheduling the same thing twice
 * (after a restart, or from two requests) queues it once, and a job is claimed atomically before it
 * runs, so it runs once. A job whose worker died is retried when its lock expires.
 */
export type JobHandler = (payload: Record<string, unknown>, job: { id: number; kind: string; runAt: number }) => Promise<void>;

interface Registry {
  handlers: Map<string, JobHandler>;
  recurring: Map<string, number>;
}
const g = globalThis as unknown as { __nomiJobs?: Registry };
const registry: Registry = (g.__nomiJobs ??= { handlers: new Map(), recurring: new Map() });

const LOCK_MS = 5 * 60_000;
const MAX_ATTEMPTS = 5;

export function defineJob(kind: string, handler: JobHandler) {
  registry.handlers.set(kind, handler);
}

/** Queue a job; returns false when a job with this key already exists (already queued or done). */
export async function schedule(
  kind: string,
  runAt: Date | number,
  payload: Record<string, unknown> = {},
  uniqueKey = `${kind}:${typeof runAt === 'number' ? runAt : runAt.getTime()}`,
): Promise<boolean> {
  const result = await db
    .insertInto('jobs')
    .values({
      kind,
      unique_key: uniqueKey,
      run_at: typeof runAt === 'number' ? runAt : runAt.getTime(),
      payload: JSON.stringify(payload),
      status: 'pending',
      attempts: 0,
      created_at: Date.now(),
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Drop a queued job that is no longer wanted (e.g. a reminder for something deleted). */
export async function cancel(uniqueKey: string): Promise<void> {
  await db.deleteFrom('jobs').where('unique_key', '=', uniqueKey).where('status', '=', 'pending').execute();
}

/** A job that repeats every `everyMs`; each slot has its own key, so restarts never double it. */
export function defineRecurring(kind: string, everyMs: number, handler: JobHandler) {
  registry.recurring.set(kind, everyMs);
  defineJob(kind, async (payload, job) => {
    await handler(payload, job);
    await scheduleNextSlot(kind, everyMs, job.runAt);
  });
}

async function scheduleNextSlot(kind: string, everyMs: number, after: number) {
  const slot = Math.floor(after / everyMs) + 1;
  await schedule(kind, slot * everyMs, {}, `${kind}@${slot}`);
}

async function ensureRecurring(now: number) {
  for (const [kind, everyMs] of registry.recurring) {
    const pending = await db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', kind)
      .where('status', 'in', ['pending', 'running'])
      .executeTakeFirst();
    if (!pending) await scheduleNextSlot(kind, everyMs, now);
  }
}

async function claim(id: number, now: number): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ status: 'running', locked_until: now + LOCK_MS, attempts: sql`attempts + 1` })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)])]),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Run every job that is due. Returns how many ran successfully. */
export async function runDueJobs(now = Date.now(), limit = 50): Promise<number> {
  await ensureRecurring(now);
  const due = await db
    .selectFrom('jobs')
    .selectAll()
    .where('run_at', '<=', now)
    .where((eb) =>
      eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)])]),
    )
    .orderBy('run_at')
    .limit(limit)
    .execute();
  let ok = 0;
  for (const job of due) {
    const handler = registry.handlers.get(job.kind);
    if (!handler) continue;
    if (!(await claim(job.id, now))) continue;
    try {
      await handler(JSON.parse(job.payload) as Record<string, unknown>, { id: job.id, kind: job.kind, runAt: job.run_at });
      await db.updateTable('jobs').set({ status: 'done', finished_at: Date.now(), locked_until: null }).where('id', '=', job.id).execute();
      ok++;
    } catch (error) {
      const attempts = job.attempts + 1;
      const failed = attempts >= MAX_ATTEMPTS;
      logger.warn({ job: job.kind, id: job.id, attempts, err: error }, 'job failed');
      await db
        .updateTable('jobs')
        .set({
          status: failed ? 'failed' : 'pending',
          run_at: now + 60_000 * 2 ** attempts,
          locked_until: null,
          last_error: error instanceof Error ? error.message.slice(0, 500) : 'error',
        })
        .where('id', '=', job.id)
        .execute();
    }
  }
  return ok;
}

/** Starts the in-process loop. Returns a stop function that waits for the current pass. */
export function startScheduler(intervalMs: number): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = runDueJobs().catch((err: unknown) => logger.error({ err }, 'scheduler pass failed'));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
