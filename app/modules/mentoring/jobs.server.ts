import { defineJob } from '~/modules/jobs/scheduler.server';
import { REMINDER_JOB, sendActionReminder } from './actions.server';

export function registerMentoringJobs() {
  defineJob(REMINDER_JOB, async (payload) => sendActionReminder(payload));
}
