import { db } from '~db/connection';
import { defineJob } from '~/modules/jobs/scheduler.server';
import { RESET_JOB, sendPasswordReset } from './accounts.server';

export function registerAuthJobs() {
  defineJob(RESET_JOB, async (payload, job) => {
    if (typeof payload.email === 'string') await sendPasswordReset(payload.email, typeof payload.locale === 'string' ? payload.locale : 'en');
    // The address someone typed (perhaps not a member's) is not kept once the job has run.
    await db.updateTable('jobs').set({ payload: '{}' }).where('id', '=', job.id).execute();
  });
}
