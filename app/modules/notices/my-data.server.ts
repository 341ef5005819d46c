import type { Transaction } from 'kysely';
import { db } from '~db/connection';
import type { Database } from '~db/schema';

/**
 * "Your data", noticeboard part: notices the member posted (an attached file by name/type/size only),
 * their responses and comments, the reports they made (never reports others made about them), and
 * their weekly digest choice (without the secret that signs their unsubscribe links).
 */
export async function noticesData(userId: string) {
  const [posted, responses, comments, reports, digest, digestSends, visit] = await Promise.all([
    db
      .selectFrom('notices')
      .select(['id', 'type', 'title', 'body', 'city', 'themes', 'details', 'key_date', 'starts_at', 'ends_at', 'expires_at', 'is_public', 'status', 'closed_at', 'hidden', 'file_name', 'file_mime', 'file_size', 'created_at', 'updated_at'])
      .where('author_id', '=', userId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('notice_responses as r')
      .innerJoin('notices as n', 'n.id', 'r.notice_id')
      .select(['n.title as notice', 'r.kind', 'r.created_at'])
      .where('r.user_id', '=', userId)
      .orderBy('r.created_at')
      .execute(),
    db
      .selectFrom('notice_comments as c')
      .innerJoin('notices as n', 'n.id', 'c.notice_id')
      .select(['n.title as notice', 'c.body', 'c.hidden', 'c.created_at'])
      .where('c.author_id', '=', userId)
      .orderBy('c.created_at')
      .execute(),
    db
      .selectFrom('notice_reports as r')
      .innerJoin('notices as n', 'n.id', 'r.notice_id')
      .select(['n.title as notice', 'r.subject_type', 'r.reason', 'r.created_at', 'r.resolved_at'])
      .where('r.reporter_id', '=', userId)
      .orderBy('r.created_at')
      .execute(),
    db.selectFrom('notice_digest_subscriptions').select(['cities', 'themes', 'created_at']).where('user_id', '=', userId).executeTakeFirst(),
    db.selectFrom('notice_digest_sends').select(['notice_count', 'sent_at']).where('user_id', '=', userId).orderBy('sent_at').execute(),
    db.selectFrom('notice_visits').select(['last_seen_at']).where('user_id', '=', userId).executeTakeFirst(),
  ]);
  // Files of the member's notices (notice_files, by name/type/size/description only).
  const files = posted.length
    ? await db
        .selectFrom('notice_files')
        .select(['notice_id', 'name', 'mime', 'size', 'alt'])
        .where('notice_id', 'in', posted.map((p) => p.id))
        .orderBy('position')
        .execute()
    : [];
  return {
    noticesYouPosted: posted.map(({ file_name: fileName, file_mime: mime, file_size: size, themes, details, hidden, is_public: isPublic, ...n }) => ({
      ...n,
      themes: JSON.parse(themes) as unknown,
      details: JSON.parse(details) as unknown,
      public: isPublic === 1,
      hiddenByModerators: hidden === 1,
      file: fileName ? { name: fileName, type: mime, bytes: size } : null,
      files: files.filter((f) => f.notice_id === n.id).map((f) => ({ name: f.name, type: f.mime, bytes: f.size, description: f.alt })),
    })),
    yourResponses: responses,
    yourComments: comments.map(({ hidden, ...c }) => ({ ...c, hiddenByModerators: hidden === 1 })),
    reportsYouMade: reports,
    weeklyDigest: digest ? { cities: JSON.parse(digest.cities) as unknown, themes: JSON.parse(digest.themes) as unknown, since: digest.created_at } : null,
    digestsSent: digestSends,
    lastVisitedBoard: visit?.last_seen_at ?? null,
  };
}

/**
 * Account deletion: the digest subscription (and with it the key behind every unsubscribe link),
 * digest history, visits and "interested / can help" responses go; the member's open notices close.
 * Notices and comments stay as shared contributions, shown as by a former member.
 */
export async function eraseNoticesData(trx: Transaction<Database>, userId: string, now: number) {
  await trx.deleteFrom('notice_digest_subscriptions').where('user_id', '=', userId).execute();
  await trx.deleteFrom('notice_digest_sends').where('user_id', '=', userId).execute();
  await trx.deleteFrom('notice_visits').where('user_id', '=', userId).execute();
  await trx.deleteFrom('notice_responses').where('user_id', '=', userId).execute();
  await trx.updateTable('notices').set({ status: 'closed', closed_at: now, updated_at: now }).where('author_id', '=', userId).where('status', '=', 'open').execute();
}
