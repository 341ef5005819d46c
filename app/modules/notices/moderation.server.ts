import { sql } from 'kysely';
import { db } from '~db/connection';
import { audit } from '~/modules/network/settings.server';
import { notify, notifyMany } from '~/modules/notifications/notifications.server';
import { authorize, type Actor } from '~/policies';
import { NEW_MEMBER_REPORT_DAYS } from './interactions.server';
import { getNotice } from './notices.server';

const DAY_MS = 24 * 60 * 60_000;

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
      'n.review_requested_at',
      sql<number>`count(distinct r.reporter_id)`.as('reporters'),
      sql<number>`max(r.created_at)`.as('latest'),
      sql<string>`json_group_array(r.reason)`.as('reasons'),
    ])
    .where('r.resolved_at', 'is', null)
    .groupBy(['r.subject_type', 'r.subject_id'])
    .orderBy('latest', 'desc')
    .limit(200)
    .execute();
  const reports = rows.length
    ? await db
        .selectFrom('notice_reports as r')
        .innerJoin('users as u', 'u.id', 'r.reporter_id')
        .select(['r.subject_type', 'r.subject_id', 'r.reporter_id', 'r.reason', 'r.created_at', 'u.name', 'u.joined_at'])
        .where('r.resolved_at', 'is', null)
        .orderBy('r.created_at')
        .execute()
    : [];
  // Everything each member reported in the last 90 days, to show stewards who reports together.
  const since = Date.now() - 90 * DAY_MS;
  const history = await db.selectFrom('notice_reports').select(['reporter_id', 'subject_type', 'subject_id']).where('created_at', '>=', since).execute();
  const subjectsOf = new Map<string, Set<string>>();
  for (const h of history) {
    const set = subjectsOf.get(h.reporter_id) ?? new Set<string>();
    set.add(`${h.subject_type}:${h.subject_id}`);
    subjectsOf.set(h.reporter_id, set);
  }
  const now = Date.now();
  const open = rows.map((r) => {
    const mine = reports.filter((x) => x.subject_type === r.subject_type && x.subject_id === r.subject_id);
    const here = `${r.subject_type}:${r.subject_id}`;
    // Other things reported by two or more of this item's reporters: a sign of reporting together.
    const together = new Map<string, number>();
    for (const x of mine) for (const s of subjectsOf.get(x.reporter_id) ?? []) if (s !== here) together.set(s, (together.get(s) ?? 0) + 1);
    return {
      ...r,
      hidden: r.subject_type === 'notice' ? r.notice_hidden === 1 : r.comment_hidden === 1,
      reasons: (JSON.parse(r.reasons) as string[]).slice(0, 10),
      reporters: mine.slice(0, 20).map((x) => ({
        id: x.reporter_id,
        name: x.name,
        reason: x.reason,
        at: x.created_at,
        // Joined too recently for the report to count towards hiding.
        isNew: now - x.joined_at < NEW_MEMBER_REPORT_DAYS * DAY_MS,
      })),
      reportedTogether: [...together.values()].filter((n) => n >= 2).length,
    };
  });
  const hiddenNotices = await db
    .selectFrom('notices')
    .select(['id', 'title', 'hidden_at', 'hidden_note', 'review_requested_at'])
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
        await trx.updateTable('notices').set({ hidden, hidden_note: note, hidden_at: hidden ? now : null, review_requested_at: null }).where('id', '=', subject.id).execute();
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

/**
 * The author of a hidden notice asks the stewards to look at it again (issue 16.10). Once per hiding:
 * asking again before a steward decides changes nothing. Stewards are told.
 */
export async function requestReview(actor: Actor, noticeId: string, now = Date.now()): Promise<'ok' | 'already' | 'notFound'> {
  const notice = await getNotice(noticeId, actor);
  if (!notice) return 'notFound';
  authorize(actor, 'notice.requestReview', notice.subject);
  if (notice.review_requested_at !== null) return 'already';
  await db.updateTable('notices').set({ review_requested_at: now }).where('id', '=', notice.id).where('review_requested_at', 'is', null).execute();
  const stewards = await db.selectFrom('users').select('id').where('role', '=', 'steward').where('status', '=', 'active').execute();
  await notifyMany(
    stewards.map((s) => s.id).filter((id) => id !== actor.id),
    { kind: 'notices.reported', params: {}, link: '/admin/reports' },
  );
  await audit({ actorId: actor.id, action: 'notices.moderation.reviewRequested', subjectType: 'notice_notice', subjectId: notice.id, details: {} });
  return 'ok';
}
