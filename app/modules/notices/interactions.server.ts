import { db } from '~db/connection';
import type { NoticeResponseKind } from '~db/schema.notices';
import { newId } from '~/modules/auth/tokens.server';
import { blockedFor, consume } from '~/modules/auth/rate-limit.server';
import { notify, notifyMany } from '~/modules/notifications/notifications.server';
import { audit } from '~/modules/network/settings.server';
import { RESPONSES_FOR, type NoticeTypeName } from './notices.schema';
import { getNotice, type ChangeResult, type Viewer } from './notices.server';
import { can } from '~/policies';

/** Reports from this many different members hide a notice or comment until a steward reviews it. */
export const REPORT_THRESHOLD = 3;
/**
 * Reports from members who joined less than this many days ago are kept and shown to stewards, but do
 * not count towards hiding (issue 16.10): three fresh accounts must not be able to take a notice down.
 */
export const NEW_MEMBER_REPORT_DAYS = 7;

/** Per-account rate limits (app/modules/auth/rate-limit.server.ts): over them, nothing is stored. */
const LIMITS = { comment: 'noticeComment', respond: 'noticeResponse', report: 'noticeReport' } as const;
export type LimitedAction = keyof typeof LIMITS;

/** Minutes until the member may comment / respond / report again (0 = now). */
export async function waitMinutes(action: LimitedAction, userId: string): Promise<number> {
  return blockedFor(LIMITS[action], userId);
}

/** Adds or withdraws a typed response ("I can help", "I'm interested", "I'll attend"). */
export async function toggleResponse(noticeId: string, viewer: Viewer, kind: NoticeResponseKind, now = Date.now()): Promise<ChangeResult | 'invalid' | 'limited'> {
  const notice = await getNotice(noticeId, viewer);
  if (!notice) return 'notFound';
  if (!RESPONSES_FOR[notice.type as NoticeTypeName].includes(kind)) return 'invalid';
  if (!can(viewer, 'notice.respond', notice.subject)) return 'forbidden';
  const existing = await db
    .selectFrom('notice_responses')
    .select('kind')
    .where('notice_id', '=', noticeId)
    .where('user_id', '=', viewer.id)
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (existing) {
    await db.deleteFrom('notice_responses').where('notice_id', '=', noticeId).where('user_id', '=', viewer.id).where('kind', '=', kind).execute();
    return 'ok';
  }
  // Withdrawing is never limited; adding (which notifies the author) is.
  if (await consume(LIMITS.respond, viewer.id)) return 'limited';
  await db.insertInto('notice_responses').values({ notice_id: noticeId, user_id: viewer.id, kind, created_at: now }).execute();
  const who = await db.selectFrom('users').select('name').where('id', '=', viewer.id).executeTakeFirst();
  await notify({
    userId: notice.author_id,
    kind: 'notices.response',
    params: { name: who?.name ?? '', title: notice.title },
    link: `/notices/${noticeId}`,
  });
  return 'ok';
}

export async function responsesFor(noticeId: string) {
  const rows = await db
    .selectFrom('notice_responses as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.kind', 'r.user_id', 'r.created_at', 'u.name'])
    .where('r.notice_id', '=', noticeId)
    .orderBy('r.created_at')
    .execute();
  return rows;
}

export async function addComment(noticeId: string, viewer: Viewer, body: string, parentId: string | undefined, now = Date.now()): Promise<ChangeResult | 'badParent' | 'limited'> {
  const notice = await getNotice(noticeId, viewer);
  // A hidden notice takes no comments: to its author and stewards it is as if the thread were closed.
  if (!notice || !can(viewer, 'notice.comment', notice.subject)) return 'notFound';
  let parent: { author_id: string } | undefined;
  if (parentId) {
    // Threads are one level deep: a reply goes to a top-level comment of the same notice.
    parent = await db
      .selectFrom('notice_comments')
      .select(['author_id'])
      .where('id', '=', parentId)
      .where('notice_id', '=', noticeId)
      .where('parent_id', 'is', null)
      .where('hidden', '=', 0)
      .executeTakeFirst();
    if (!parent) return 'badParent';
  }
  if (await consume(LIMITS.comment, viewer.id)) return 'limited';
  await db.insertInto('notice_comments').values({ id: newId(), notice_id: noticeId, author_id: viewer.id, parent_id: parentId ?? null, body, hidden: 0, created_at: now }).execute();
  const who = await db.selectFrom('users').select('name').where('id', '=', viewer.id).executeTakeFirst();
  const recipients = [notice.author_id, parent?.author_id].filter((id): id is string => Boolean(id) && id !== viewer.id);
  await notifyMany(recipients, { kind: 'notices.comment', params: { name: who?.name ?? '', title: notice.title }, link: `/notices/${noticeId}#comments` });
  return 'ok';
}

/** Comments for the page: hidden ones only to stewards (marked), threaded one level. */
export async function commentsFor(noticeId: string, viewer: Viewer) {
  let q = db
    .selectFrom('notice_comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .select(['c.id', 'c.parent_id', 'c.body', 'c.author_id', 'c.hidden', 'c.created_at', 'u.name as author_name'])
    .where('c.notice_id', '=', noticeId);
  if (!can(viewer, 'noticeComment.seeHidden')) q = q.where('c.hidden', '=', 0);
  const rows = await q.orderBy('c.created_at').orderBy('c.id').limit(500).execute();
  const top = rows.filter((r) => !r.parent_id);
  return top.map((c) => ({ ...c, replies: rows.filter((r) => r.parent_id === c.id) }));
}

/**
 * A member reports a notice or a comment. Each member counts once per thing. At three different
 * reporters the thing is hidden pending a steward's review. Stewards are told about every new report.
 */
export async function report(viewer: Viewer, input: { subjectType: 'notice' | 'comment'; subjectId: string; reason: string }, now = Date.now()): Promise<ChangeResult | 'already' | 'limited'> {
  let noticeId: string;
  if (input.subjectType === 'notice') {
    const notice = await getNotice(input.subjectId, viewer);
    if (!notice) return 'notFound';
    if (!can(viewer, 'notice.report', notice.subject)) return 'forbidden';
    noticeId = notice.id;
  } else {
    const comment = await db.selectFrom('notice_comments').select(['notice_id', 'hidden', 'author_id']).where('id', '=', input.subjectId).executeTakeFirst();
    const notice = comment ? await getNotice(comment.notice_id, viewer) : null;
    if (!comment || !notice) return 'notFound';
    if (!can(viewer, 'noticeComment.report', { authorId: comment.author_id, hidden: comment.hidden === 1, notice: notice.subject })) return 'forbidden';
    noticeId = comment.notice_id;
  }
  const already = await db
    .selectFrom('notice_reports')
    .select('id')
    .where('subject_type', '=', input.subjectType)
    .where('subject_id', '=', input.subjectId)
    .where('reporter_id', '=', viewer.id)
    .executeTakeFirst();
  if (already) return 'already';
  if (await consume(LIMITS.report, viewer.id)) return 'limited';
  const result = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('notice_reports')
      .values({ id: newId(), subject_type: input.subjectType, subject_id: input.subjectId, notice_id: noticeId, reporter_id: viewer.id, reason: input.reason, created_at: now })
      .onConflict((oc) => oc.columns(['subject_type', 'subject_id', 'reporter_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return { already: true, hid: false };
    const open = await trx
      .selectFrom('notice_reports')
      .innerJoin('users', 'users.id', 'notice_reports.reporter_id')
      .select((eb) => eb.fn.count<number>('notice_reports.reporter_id').distinct().as('n'))
      .where('notice_reports.subject_type', '=', input.subjectType)
      .where('notice_reports.subject_id', '=', input.subjectId)
      .where('notice_reports.resolved_at', 'is', null)
      .where('users.joined_at', '<=', now - NEW_MEMBER_REPORT_DAYS * 24 * 60 * 60_000)
      .executeTakeFirst();
    let hid = false;
    if (Number(open?.n ?? 0) >= REPORT_THRESHOLD) {
      const table = input.subjectType === 'notice' ? 'notices' : 'notice_comments';
      const r = await trx.updateTable(table).set({ hidden: 1 }).where('id', '=', input.subjectId).where('hidden', '=', 0).executeTakeFirst();
      hid = Number(r.numUpdatedRows) > 0;
      if (hid && input.subjectType === 'notice') await trx.updateTable('notices').set({ hidden_at: now, hidden_note: null }).where('id', '=', input.subjectId).execute();
    }
    return { already: false, hid };
  });
  if (result.already) return 'already';
  if (result.hid) {
    await audit({ actorId: null, action: `notices.auto_hidden`, subjectType: `notice_${input.subjectType}`, subjectId: input.subjectId, details: { threshold: REPORT_THRESHOLD } });
  }
  const stewards = await db.selectFrom('users').select('id').where('role', '=', 'steward').where('status', '=', 'active').execute();
  await notifyMany(
    stewards.map((s) => s.id).filter((id) => id !== viewer.id),
    { kind: 'notices.reported', params: {}, link: '/admin/reports' },
  );
  return 'ok';
}
