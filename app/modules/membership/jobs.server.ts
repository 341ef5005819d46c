import { defineJob } from '~/modules/jobs/scheduler.server';
import { purgeApplicationNote } from './applications.server';

export function registerMembershipJobs() {
  defineJob('applications.purge-note', async (payload) => {
    if (typeof payload.id === 'string') await purgeApplicationNote(payload.id);
  });
}
