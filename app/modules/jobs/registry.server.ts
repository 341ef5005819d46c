import { defineRecurring } from './scheduler.server';
import { deleteExpiredSessions } from '~/modules/auth/session.server';
import { retryFailedEmails } from '~/modules/email/email.server';
import { registerMembershipJobs } from '~/modules/membership/jobs.server';
import { registerMentoringJobs } from '~/modules/mentoring/jobs.server';
import { registerBidJobs } from '~/modules/bids/reminders.server';
import { registerNoticesJobs } from '~/modules/notices/jobs.server';
import { registerGovernanceJobs } from '~/modules/governance/jobs.server';
import { registerAuthJobs } from '~/modules/auth/jobs.server';
import { registerFundReportJobs } from '~/modules/funding/report-jobs.server';
import { registerFundslotsJobs } from '~/modules/funding/slots.server';
import { registerFundMediaJobs } from '~/modules/funding/answer-media.server';

const HOUR = 60 * 60_000;

/** Every timed job in the app. Each area registers its own from here. */
export function registerJobs() {
  defineRecurring('sessions.cleanup', 24 * HOUR, async () => deleteExpiredSessions());
  defineRecurring('email.retry', HOUR / 6, async () => retryFailedEmails());
  registerMembershipJobs();
  registerMentoringJobs();
  registerBidJobs();
  registerNoticesJobs();
  registerGovernanceJobs();
  registerAuthJobs();
  registerFundReportJobs();
  registerFundslotsJobs();
  registerFundMediaJobs();
}
