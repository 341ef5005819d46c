import { defineJob } from '~/modules/jobs/scheduler.server';
import { runDirectorTermJob } from './cic.server';
import { runCloseJob, runNotifyJob, runOpenJob, runReminderJob, runReviewJob } from './proposal-lifecycle.server';

export function registerGovernanceJobs() {
  defineJob(`governance.open`, async (payload) => runOpenJob(payload));
  defineJob(`governance.close`, async (payload) => runCloseJob(payload));
  defineJob(`governance.remind`, async (payload) => runReminderJob(payload));
  defineJob(`governance.notify`, async (payload) => runNotifyJob(payload));
  defineJob(`governance.review`, async (payload) => runReviewJob(payload));
  defineJob(`governance.director_term`, async (payload) => runDirectorTermJob(payload));
}
