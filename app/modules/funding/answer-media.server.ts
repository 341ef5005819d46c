/**
 * Recorded answers of applications: who may hear them (whoever may see the application: its applicants,
 * the round's reviewers, stewards — the same 404 for anyone else), and the privacy rule that voice and
 * video answers of unfunded applications are deleted a set time after the round's decision
 * (FUND_MEDIA_RETENTION_DAYS). Funded applications keep theirs: they are part of the grant's record.
 */
import { db } from '~db/connection';
import { env } from '~/env.server';
import type { Actor } from '~/policies';
import { removeStored } from '~/modules/uploads/uploads.server';
import { defineRecurring } from '~/modules/jobs/scheduler.server';
import { loadApplication } from './applications.server';

const DAY = 24 * 60 * 60_000;
export const MEDIA_RETENTION_JOB = 'fund-media-retention';

export async function answerMedia(actor: Actor, appId: string, questionId: string) {
  const { app } = await loadApplication(actor, appId);
  const a = app.answers[questionId];
  if (!a?.mediaPath || !a.mediaMime) throw new Response('Not found', { status: 404 });
  return { path: a.mediaPath, mime: a.mediaMime, name: `answer-${questionId}.${a.mediaPath.split('.').pop()}` };
}

/** When an application's recordings go: null while they are kept (undecided round, or funded). */
export function mediaDeletionAt(status: string, decidedAt: number | null, retentionDays = env.fundMediaRetentionDays): number | null {
  if (decidedAt === null || status === 'funded') return null;
  return decidedAt + retentionDays * DAY;
}

/**
 * What the applicants are told about their recordings: the date they go once the round decided against
 * them, or, before the decision, the rule (so they know before they speak). Nothing once funded.
 */
export function mediaDeletion(status: string, decidedAt: number | null, retentionDays = env.fundMediaRetentionDays): { at: number } | { days: number } | null {
  if (status === 'funded') return null;
  const at = mediaDeletionAt(status, decidedAt, retentionDays);
  return at !== null ? { at } : { days: retentionDays };
}

/**
 * Deletes the recordings of every application not funded in a round decided more than the retention
 * time before `now`: the files first, then the answer's media columns (a file that is already gone is
 * fine; a row pointing at nothing would be worse than a file without a row, which the next run retries).
 * Written answers stay. Returns how many recordings were deleted.
 */
export async function deleteExpiredAnswerMedia(now = Date.now(), retentionDays = env.fundMediaRetentionDays): Promise<number> {
  const rows = await db
    .selectFrom('fund_answers as a')
    .innerJoin('fund_applications as p', 'p.id', 'a.application_id')
    .innerJoin('fund_rounds as r', 'r.id', 'p.round_id')
    .select(['a.application_id', 'a.question_id', 'a.media_path'])
    .where('r.status', '=', 'decided')
    .where('r.decided_at', 'is not', null)
    .where('r.decided_at', '<=', now - retentionDays * DAY)
    .where('p.status', '!=', 'funded')
    .where('a.media_path', 'is not', null)
    .execute();
  for (const r of rows) {
    await removeStored(r.media_path);
    await db
      .updateTable('fund_answers')
      .set({ media_path: null, media_mime: null, media_size: null })
      .where('application_id', '=', r.application_id)
      .where('question_id', '=', r.question_id)
      .where('media_path', '=', r.media_path)
      .execute();
  }
  return rows.length;
}

export function registerFundMediaJobs() {
  defineRecurring(MEDIA_RETENTION_JOB, 24 * 60 * 60_000, async () => {
    await deleteExpiredAnswerMedia();
  });
}
