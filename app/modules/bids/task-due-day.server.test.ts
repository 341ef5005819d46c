/**
 * Task due dates and outcome dates use the app's one date-only helper (~/utils/date-only, UTC
 * midnight). Tasks saved before the switch were stored at noon UTC; both must still be reminded at
 * 08:00 UTC on their day, and both read back as the same day in the form.
 */
import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { msToDateOnly } from '~/utils/date-only';
import { OutcomeSchema } from './bids.schema';
import { scheduleTaskReminder, taskKey } from './reminders.server';

const runAt = async (taskId: string, dueOn: number) =>
  (await db.selectFrom('jobs').select('run_at').where('unique_key', '=', taskKey(taskId, dueOn)).executeTakeFirstOrThrow()).run_at;

describe('task due days', () => {
  it('a day stored at UTC midnight (now) or at noon UTC (before) is reminded at 08:00 UTC that day', async () => {
    const midnight = Date.UTC(2031, 2, 30); // the day after the clocks go forward in the UK
    const noon = midnight + 12 * 60 * 60_000;
    await scheduleTaskReminder('bid-x', 'task-midnight', midnight, Date.UTC(2031, 0, 1));
    await scheduleTaskReminder('bid-x', 'task-noon', noon, Date.UTC(2031, 0, 1));
    expect(await runAt('task-midnight', midnight)).toBe(Date.UTC(2031, 2, 30, 8));
    expect(await runAt('task-noon', noon)).toBe(Date.UTC(2031, 2, 30, 8));
    expect(msToDateOnly(midnight)).toBe('2031-03-30');
    expect(msToDateOnly(noon)).toBe('2031-03-30');
  });

  it('the outcome form reads a calendar day as UTC midnight and refuses a day that does not exist', () => {
    const ok = OutcomeSchema.safeParse({ result: 'awarded', awardedAmount: '100', decidedOn: '2024-02-29' });
    expect(ok.success && ok.data.decidedOn).toBe(Date.UTC(2024, 1, 29));
    expect(OutcomeSchema.safeParse({ result: 'awarded', awardedAmount: '100', decidedOn: '2023-02-29' }).success).toBe(false);
  });
});
