import { db } from '~db/connection';
import { bidRole } from './access.server';
import { BidInputError } from './bids.server';
import { can, type Actor } from '~/policies';

const ID = /^[A-Za-z0-9_-]{1,40}$/;

/** Funding call notices that are live (open, not expired, not hidden), soonest closing first. */
export async function liveFundingNotices(now = Date.now()): Promise<Array<{ id: string; title: string }>> {
  return db
    .selectFrom('notices')
    .select(['id', 'title'])
    .where('type', '=', 'funding')
    .where('hidden', '=', 0)
    .where('status', '=', 'open')
    .where('expires_at', '>', now)
    .orderBy((eb) => eb.fn.coalesce('key_date', 'expires_at'), 'asc')
    .orderBy('title')
    .limit(200)
    .execute();
}

/** The linked notice's title for the bid's settings (null when it is gone or hidden by the stewards). */
export async function linkedNoticeTitle(noticeId: string | null): Promise<string | null> {
  if (!noticeId) return null;
  const row = await db.selectFrom('notices').select('title').where('id', '=', noticeId).where('hidden', '=', 0).executeTakeFirst();
  return row?.title ?? null;
}

/** A notice id from what a member pasted: the id itself, or a link whose path is /notices/<id>. */
export function noticeIdFromLink(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  if (ID.test(v)) return v;
  try {
    const url = new URL(v, 'http://x.invalid');
    const m = /^\/notices\/([A-Za-z0-9_-]{1,40})\/?$/.exec(url.pathname);
    return m?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * A lead links the bid to a funding call notice: chosen from the live ones, or pasted as a link (the
 * pasted link wins when both are given). As when a bid is started from a notice, only a funding
 * notice that exists is accepted. Returns false when the member is not one of the bid's leads.
 * Throws BidInputError (field `noticeLink` or `notice`) for anything else.
 */
export async function linkNotice(actor: Actor, bidId: string, input: { notice?: string; noticeLink?: string }): Promise<boolean> {
  if (!can(actor, 'bid.linkNotice', { role: await bidRole(bidId, actor.id) })) return false;
  const field = input.noticeLink?.trim() ? 'noticeLink' : 'notice';
  const raw = field === 'noticeLink' ? input.noticeLink! : (input.notice ?? '');
  if (!raw.trim()) throw new BidInputError('notice', 'bids.linkNotice.required');
  const noticeId = noticeIdFromLink(raw);
  const notice = noticeId
    ? await db.selectFrom('notices').select('id').where('id', '=', noticeId).where('type', '=', 'funding').executeTakeFirst()
    : undefined;
  if (!notice) throw new BidInputError(field, 'bids.linkNotice.notFound');
  // A different call: "show who is bidding" starts off again, for the leads to choose for this call.
  await db
    .updateTable('bids')
    .set((eb) => ({ notice_id: notice.id, show_on_notice: eb.case().when('notice_id', '=', notice.id).then(eb.ref('show_on_notice')).else(0).end(), updated_at: Date.now() }))
    .where('id', '=', bidId)
    .execute();
  return true;
}

/**
 * Unlinks the bid from its funding call. "Show on the funding call who is bidding" is turned off with
 * it, so linking another call later never shows names without the leads choosing it again.
 */
export async function unlinkNotice(actor: Actor, bidId: string): Promise<boolean> {
  if (!can(actor, 'bid.linkNotice', { role: await bidRole(bidId, actor.id) })) return false;
  await db.updateTable('bids').set({ notice_id: null, show_on_notice: 0, updated_at: Date.now() }).where('id', '=', bidId).execute();
  return true;
}
