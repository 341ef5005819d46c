import { requireUser, type SessionUser } from '~/modules/auth/session.server';
import { abilitiesFor, authorize } from '~/policies';
import { BID_PAGE_ABILITIES } from '~/policies/bids';
import { notFound, requireBidRole, type BidRoleAbility } from './access.server';
import { getBid, type Bid } from './bids.server';
import type { BidRoleValue } from './constants';

type BidPageAbility = (typeof BID_PAGE_ABILITIES)[number];

export interface BidContext {
  user: SessionUser;
  role: BidRoleValue;
  bid: Bid;
  /** What this member may do on the bid, for the page to show buttons from (~/policies/bids). */
  abilities: Record<BidPageAbility, boolean>;
}

/**
 * What every /bids/:id loader and action starts with: the signed-in member, who must be one of the
 * bid's partners (404 otherwise, stewards included), and the bid. `need` is the ability the request
 * needs (~/policies/bids): e.g. 'bid.edit' for leads and partners, 'bid.manage' for leads only (403
 * for partners who can see the bid but not change it).
 */
export async function bidContext(request: Request, bidId: string | undefined, need: BidRoleAbility = 'bid.read'): Promise<BidContext> {
  const user = await requireUser(request);
  const role = await requireBidRole(bidId, user.id);
  const bid = await getBid(bidId!);
  if (!bid) throw notFound();
  authorize(user, need, { role });
  return { user, role, bid, abilities: abilitiesFor(user, { role }, BID_PAGE_ABILITIES) };
}
