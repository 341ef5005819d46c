/** Partner suggestions for a bid: members whose skills fill what it still needs. (Split out of bids.server.ts, which re-exports every part.) */
import { db } from '~db/connection';
import { Bid } from './details.server';

/** Skills the bid needs that none of its current partners offers. */
export async function missingSkills(bidId: string, needed: string[]): Promise<string[]> {
  if (!needed.length) return [];
  const offered = await db
    .selectFrom('member_tags')
    .innerJoin('bid_partners', 'bid_partners.user_id', 'member_tags.user_id')
    .select('member_tags.tag')
    .distinct()
    .where('bid_partners.bid_id', '=', bidId)
    .where('bid_partners.kind', '=', 'member')
    .where('member_tags.kind', '=', 'offer')
    .where('member_tags.tag', 'in', needed)
    .execute();
  // What partner organisations offer counts too (unless they declined).
  const orgOffered = await db
    .selectFrom('org_tags')
    .innerJoin('bid_partners', 'bid_partners.org_id', 'org_tags.org_id')
    .select('org_tags.tag')
    .distinct()
    .where('bid_partners.bid_id', '=', bidId)
    .where('bid_partners.kind', '=', 'org')
    .where('bid_partners.status', '!=', 'declined')
    .where('org_tags.kind', '=', 'offer')
    .where('org_tags.tag', 'in', needed)
    .execute();
  const have = new Set([...offered, ...orgOffered].map((o) => o.tag));
  return needed.filter((s) => !have.has(s));
}

/** Members and organisations the directory's matching suggests for this bid (themes + missing skills). */
export async function bidSuggestions(bid: Bid, viewerId: string) {
  const partners = await db.selectFrom('bid_partners').select(['user_id', 'org_id']).where('bid_id', '=', bid.id).execute();
  const missing = await missingSkills(bid.id, bid.skills_needed);
  if (!missing.length && !bid.themes.length) return { missing, suggestions: [] };
  const { suggestPartners } = await import('~/modules/directory/matching.server');
  const suggestions = await suggestPartners({
    forUserId: viewerId,
    needs: missing,
    themes: bid.themes,
    excludeUserIds: partners.flatMap((p) => (p.user_id ? [p.user_id] : [])),
    excludeOrgIds: partners.flatMap((p) => (p.org_id ? [p.org_id] : [])),
    limit: 6,
  });
  return { missing, suggestions };
}
