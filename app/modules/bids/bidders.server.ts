import { db } from '~db/connection';
import { bidRole } from './access.server';

/**
 * "Who is bidding for this funding call", for the notice page.
 *
 * What is shown, and to whom:
 * - Only members who are signed in (never visitors, even on a public notice).
 * - Only bids whose leads turned on "Show on the funding call that we are bidding" (off by default)
 *   and that were not withdrawn.
 * - Within such a bid, only partners who opted in to "show my name" (off until they choose it), and
 *   only partners who are really on the bid: members, and organisations whose leads accepted
 *   (open or declined invitations never appear). Suspended or former members do not appear, nor
 *   members who blocked the viewer or whom the viewer blocked.
 * - Never the bid's title, content, amount or status — other members see only names. The title
 *   (and a link) is added only for bids the viewer is already a partner of, who can see it anyway.
 *   (A bid's title can say a lot about a group's plans; the partners did not opt in to sharing it.)
 */
export interface BidderName {
  kind: 'member' | 'org';
  name: string;
  href: string;
}

export interface BiddingGroup {
  /** Set only when the viewer is a partner of this bid. */
  bid: { id: string; title: string } | null;
  names: BidderName[];
}

export async function biddersForNotice(noticeId: string, viewerId: string | null | undefined): Promise<BiddingGroup[]> {
  if (!viewerId || !noticeId || noticeId.length > 40) return [];
  const viewer = await db.selectFrom('users').select('id').where('id', '=', viewerId).where('status', '=', 'active').executeTakeFirst();
  if (!viewer) return [];
  const bids = await db
    .selectFrom('bids')
    .select(['id', 'title'])
    .where('notice_id', '=', noticeId)
    .where('show_on_notice', '=', 1)
    .where('status', '!=', 'withdrawn')
    .orderBy('created_at')
    .limit(50)
    .execute();
  if (!bids.length) return [];
  const blocks = await db
    .selectFrom('directory_blocks')
    .select(['user_id', 'blocked_id'])
    .where((eb) => eb.or([eb('user_id', '=', viewerId), eb('blocked_id', '=', viewerId)]))
    .execute();
  const blocked = new Set(blocks.map((b) => (b.user_id === viewerId ? b.blocked_id : b.user_id)));
  const rows = await db
    .selectFrom('bid_partners as p')
    .leftJoin('users as u', 'u.id', 'p.user_id')
    .leftJoin('organisations as o', 'o.id', 'p.org_id')
    .select(['p.bid_id', 'p.kind', 'p.user_id', 'p.role', 'u.name as user_name', 'u.status as user_status', 'o.name as org_name', 'o.slug as org_slug'])
    .where('p.bid_id', 'in', bids.map((b) => b.id))
    .where('p.status', '=', 'accepted')
    .where('p.show_name', '=', 1)
    .orderBy('p.created_at')
    .execute();
  const out: BiddingGroup[] = [];
  for (const bid of bids) {
    const names: BidderName[] = [];
    for (const r of rows) {
      if (r.bid_id !== bid.id) continue;
      if (r.kind === 'org') {
        if (r.org_name && r.org_slug) names.push({ kind: 'org', name: r.org_name, href: `/orgs/${r.org_slug}` });
      } else if (r.user_id && r.user_name && r.user_status === 'active' && !blocked.has(r.user_id)) {
        names.push({ kind: 'member', name: r.user_name, href: `/members/${r.user_id}` });
      }
    }
    if (!names.length) continue;
    const mine = await bidRole(bid.id, viewerId);
    out.push({ bid: mine ? { id: bid.id, title: bid.title } : null, names });
  }
  return out;
}
