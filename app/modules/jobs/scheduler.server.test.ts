import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { cancel, defineJob, defineRecurring, runDueJobs, schedule } from './scheduler.server';

async function job(uniqueKey: string) {
  return db.selectFrom('jobs').selectAll().where('unique_key', '=', uniqueKey).executeTakeFirstOrThrow();
}

describe('the job scheduler', () => {
  it('queues a job once even when it is scheduled twice, and runs it once even with two passes at once', async () => {
    const runs: unknown[] = [];
    defineJob('test.once', async (payload) => {
      runs.push(payload);
      await new Promise((r) => setTimeout(r, 20));
    });
    const at = Date.now() - 1000;
    expect(await schedule('test.once', at, { n: 1 }, 'test.once:a')).toBe(true);
    expect(await schedule('test.once', at, { n: 2 }, 'test.once:a')).toBe(false);
    await Promise.all([runDueJobs(), runDueJobs()]);
    await runDueJobs();
    expect(runs).toEqual([{ n: 1 }]);
    expect(await job('test.once:a')).toMatchObject({ status: 'done', attempts: 1, locked_until: null });
    // Done jobs keep their key: scheduling it again (e.g. after a restart) does nothing.
    expect(await schedule('test.once', at, { n: 3 }, 'test.once:a')).toBe(false);
  });

  it('does not run a job before its time', async () => {
    let ran = 0;
    defineJob('test.later', async () => {
      ran++;
    });
    const at = Date.now() + 60_000;
    await schedule('test.later', at, {}, 'test.later:a');
    await runDueJobs();
    expect(ran).toBe(0);
    await runDueJobs(at + 1);
    expect(ran).toBe(1);
  });

  it('retries a failing job later, waiting longer each time, and gives up after 5 tries', async () => {
    let calls = 0;
    defineJob('test.flaky', async () => {
      calls++;
      throw new Error('mail server down');
    });
    const start = Date.now();
    await schedule('test.flaky', start - 1, {}, 'test.flaky:a');
    await runDueJobs(start);
    let row = await job('test.flaky:a');
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'mail server down' });
    expect(row.run_at).toBe(start + 2 * 60_000);
    // Not retried before the wait is over.
    await runDueJobs(start + 60_000);
    expect(calls).toBe(1);
    await runDueJobs(row.run_at);
    row = await job('test.flaky:a');
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    const second = row.run_at;
    for (let i = 0; i < 3; i++) {
      row = await job('test.flaky:a');
      await runDueJobs(row.run_at);
    }
    row = await job('test.flaky:a');
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(5);
    expect(calls).toBe(5);
    expect(second - (start + 2 * 60_000)).toBe(4 * 60_000);
    await runDueJobs(row.run_at + 1);
    expect(calls).toBe(5);
  });

  it('a failing job that then succeeds is done', async () => {
    let calls = 0;
    defineJob('test.recovers', async () => {
      calls++;
      if (calls === 1) throw new Error('once');
    });
    const now = Date.now();
    await schedule('test.recovers', now - 1, {}, 'test.recovers:a');
    await runDueJobs(now);
    await runDueJobs((await job('test.recovers:a')).run_at);
    expect(await job('test.recovers:a')).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('retries a job whose worker died once its lock has expired, not before', async () => {
    let ran = 0;
    defineJob('test.stale', async () => {
      ran++;
    });
    const now = Date.now();
    await schedule('test.stale', now - 10_000, {}, 'test.stale:a');
    // Another process claimed it and then died.
    await db.updateTable('jobs').set({ status: 'running', locked_until: now + 60_000, attempts: 1 }).where('unique_key', '=', 'test.stale:a').execute();
    await runDueJobs(now);
    expect(ran).toBe(0);
    await runDueJobs(now + 60_001);
    expect(ran).toBe(1);
    expect(await job('test.stale:a')).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('a recurring job runs each slot once and queues its next slot', async () => {
    const runs: number[] = [];
    const every = 60 * 60_000;
    defineRecurring('test.hourly', every, async (_payload, j) => {
      runs.push(j.runAt);
    });
    const now = Date.now();
    await runDueJobs(now);
    const pending = await db.selectFrom('jobs').selectAll().where('kind', '=', 'test.hourly').where('status', '=', 'pending').execute();
    expect(pending).toHaveLength(1);
    const slot = pending[0]!.run_at;
    expect(slot % every).toBe(0);
    expect(slot).toBeGreaterThan(now);
    await runDueJobs(slot);
    await runDueJobs(slot + 1000);
    expect(runs).toEqual([slot]);
    const next = await db.selectFrom('jobs').selectAll().where('kind', '=', 'test.hourly').where('status', '=', 'pending').execute();
    expect(next.map((x) => x.run_at)).toEqual([slot + every]);
    await runDueJobs(slot + every);
    expect(runs).toEqual([slot, slot + every]);
  });

  it('a cancelled job does not run', async () => {
    let ran = 0;
    defineJob('test.cancelled', async () => {
      ran++;
    });
    await schedule('test.cancelled', Date.now() - 1, {}, 'test.cancelled:a');
    await cancel('test.cancelled:a');
    await runDueJobs();
    expect(ran).toBe(0);
  });
});
