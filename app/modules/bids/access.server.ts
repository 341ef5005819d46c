import { db } from '~db/connection';
import type { BidRoleValue } from './constants';

/**
 * Who may see and do what on a bid. Only the bid's partners see anything of it — nobody else, not
 * even stewards; everyone else gets a 404 so a bid's existence does not leak.
 *   lead     — everything: details, status, outcome, partners and budget, plus what partners do
 *   partner  — edit the draft, sections, tasks and attachments
 *   reviewer — read and comment only
 */
export async function bidRole(bidId: string, userId: string): Promise<BidRoleValue | null> {
  if (!bidId || bidId.length > 40 || !userId) return null;
  const row = await db
    .selectFrom('bid_partners')
    .innerJoin('users', 'users.id', 'bid_partners.user_id')
    .select('bid_partners.role')
    .where('bid_partners.bid_id', '=', bidId)
    .where('bid_partners.user_id', '=', userId)
    .where('users.status', '=', 'active')
    .executeTakeFirst();
  return row?.role ?? null;
}

export { canEditBid, canManageBid } from './constants';

export const notFound = () => new Response('Not found', { status: 404 });
export const forbidden = () => new Response('Forbidden', { status: 403 });

/** The member's role on the bid, or a thrown 404 when they are not one of its partners. */
export async function requireBidRole(bidId: string | undefined, userId: string): Promise<BidRoleValue> {
  const role = await bidRole(bidId ?? '', userId);
  if (!role) throw notFound();
  return role;
}

/** Ids of the bid's active partners (all roles), e.g. for reminders. */
export async function bidMemberIds(bidId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('bid_partners')
    .innerJoin('users', 'users.id', 'bid_partners.user_id')
    .select('bid_partners.user_id')
    .where('bid_partners.bid_id', '=', bidId)
    .where('users.status', '=', 'active')
    .execute();
  return rows.map((r) => r.user_id);
}
