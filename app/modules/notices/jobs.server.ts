import { defineJob, defineRecurring } from '~/modules/jobs/scheduler.server';
import { notify } from '~/modules/notifications/notifications.server';
import { WEEK, runDigest } from './digest.server';
import { expiryReminderTarget } from './notices.server';

/** Expiry reminders (queued per notice and expiry date) and the weekly digest. */
export function registerNoticesJobs() {
  defineJob(`notices.expiry_reminder`, async (payload) => {
    const target = await expiryReminderTarget(String(payload.noticeId ?? ''), Number(payload.expiresAt));
    if (!target) return;
    await notify({ userId: target.author_id, kind: 'notices.expiring', params: { title: target.title }, link: `/notices/${target.id}` });
  });
  defineRecurring(`notices.digest`, WEEK, async (_payload, job) => {
    await runDigest(job.runAt);
  });
}
