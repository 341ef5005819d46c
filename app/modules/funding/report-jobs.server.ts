import { defineJob, defineRecurring } from '~/modules/jobs/scheduler.server';
import { REPORT_REMINDER_JOB, REPORT_SWEEP_JOB, scheduleAllReports, sendReportReminder } from './reports.server';

/**
 * Grant report reminders: each reminder is its own job (keyed by report, due date and stage); a daily
 * sweep gives awards from any decision method (panel or members' vote) their reports and reminders.
 */
export function registerFundReportJobs() {
  defineJob(REPORT_REMINDER_JOB, async (payload) => sendReportReminder(payload));
  defineRecurring(REPORT_SWEEP_JOB, 24 * 60 * 60_000, async () => scheduleAllReports());
}
