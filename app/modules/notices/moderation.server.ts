import { sql } from 'kysely';
import { db } from '~db/connection';
import { audit } from '~/modules/network/settings.server';
import { notify } from '~/modules/notifications/notifications.server';
import { authorize, type Actor } from '~/policies';

/**
 * The stewards' moderation queue: reported notices and comments, newest first, grouped by the thing
 * reported, plus everything currently hidden. Every decision is written to the audit log and the
 * author is told, with the steward's note.
 */
export async function reportQueue(actor: Actor) {
  authorize(actor, 'notice.moderate');
  const rows = await db
    .selectFrom('notice_reports as r')
    .innerJoin('notices as n', 'n.id', 'r.notice_id')
    .leftJoin('notice_comments as c', (j) => j.onRef('c.id', '=', 'r.subject_id').on('r.subject_type', '=', 'comment'))
    .select([
      'r.subject_type',
      'r.subject_id',
      'r.notice_id',
      'n.title',
      'n.hidden as notice_hidden',
      'c.body as comment_body',
      'c.hidden as comment_hidden',
      sql<number>`count(distinct r.reporter_id)`.as('reporters'),
      sql<number>`max(r.created_at)`.as('latest'),
      sql<string>`json_group_array(r.reason)`.as('reasons'),
    ])
    .where('r.resolved_at', 'is', null)
    .groupBy(['r.subject_type', 'r.subject_id'])
    .orderBy('latest', 'desc')
    .limit(200)
    .execute();
  const open = rows.map((r) => ({
    ...r,
    hidden: r.subject_type === 'notice' ? r.notice_hidden === 1 : r.comment_hidden === 1,
    reasons: (JSON.parse(r.reasons) as string[]).slice(0, 10),
  }));
  const hiddenNotices = await db
    .selectFrom('notices')
    .select(['id', 'title', 'hidden_at', 'hidden_note'])
    .where('hidden', '=', 1)
    .orderBy('hidden_at', 'desc')
    .limit(200)
    .execute();
  const reported = new Set(open.filter((r) => r.subject_type === 'notice').map((r) => r.subject_id));
  return { open, hiddenNotices: hiddenNotices.filter((n) => !reported.has(n.id)) };
}

export type ModerationAction = 'hide' | 'restore' | 'dismiss';

/** Applies a steward's decision; returns false when the thing does not exist. */
export async function moderate(
  actor: Actor,
  subject: { type: 'notice' | 'comment'; id: string },
  action: ModerationAction,
  note: string | null,
  now = Date.now(),
): Promise<boolean> {
  authorize(actor, 'notice.moderate');
  const stewardId = actor.id;
  const target =
    subject.type === 'notice'
      ? await db.selectFrom('notices').select(['id', 'author_id', 'title', 'id as notice_id']).where('id', '=', subject.id).executeTakeFirst()
      : await db
          .selectFrom('notice_comments as c')
          .innerJoin('notices as n', 'n.id', 'c.notice_id')
          .select(['c.id', 'c.author_id', 'n.title', 'c.notice_id'])
          .where('c.id', '=', subject.id)
          .executeTakeFirst();
  if (!target) return false;
  await db.transaction().execute(async (trx) => {
    if (action !== 'dismiss') {
      const hidden = action === 'hide' ? 1 : 0;
      if (subject.type === 'notice') {
        await trx.updateTable('notices').set({ hidden, hidden_note: note, hidden_at: hidden ? now : null }).where('id', '=', subject.id).execute();
      } else {
        await trx.updateTable('notice_comments').set({ hidden }).where('id', '=', subject.id).execute();
      }
    }
    await trx
      .updateTable('notice_reports')
      .set({ resolved_at: now, resolved_by: stewardId })
      .where('subject_type', '=', subject.type)
      .where('subject_id', '=', subject.id)
      .where('resolved_at', 'is', null)
      .execute();
  });
  await audit({ actorId: stewardId, action: `notices.${action}`, subjectType: `notice_${subject.type}`, subjectId: subject.id, details: note ? { note } : {} });
  if (action !== 'dismiss') {
    await notify({
      userId: target.author_id,
      kind: action === 'hide' ? `notices.hidden` : `notices.restored`,
      params: { title: target.title, note: note ?? '' },
      link: `/notices/${target.notice_id}`,
    });
  }
  return true;
}
