import { requireUser, type SessionUser } from '~/modules/auth/session.server';
import { canEditBid, canManageBid, forbidden, notFound, requireBidRole } from './access.server';
import { getBid, type Bid } from './bids.server';
import type { BidRoleValue } from './constants';

export interface BidContext {
  user: SessionUser;
  role: BidRoleValue;
  bid: Bid;
}

/**
 * What every /bids/:id loader and action starts with: the signed-in member, who must be one of the
 * bid's partners (404 otherwise, stewards included), and the bid. `need` raises the bar: 'edit' for
 * leads and partners, 'manage' for leads only (403 for partners who can see the bid but not change it).
 */
export async function bidContext(request: Request, bidId: string | undefined, need: 'view' | 'edit' | 'manage' = 'view'): Promise<BidContext> {
  const user = await requireUser(request);
  const role = await requireBidRole(bidId, user.id);
  const bid = await getBid(bidId!);
  if (!bid) throw notFound();
  if (need === 'edit' && !canEditBid(role)) throw forbidden();
  if (need === 'manage' && !canManageBid(role)) throw forbidden();
  return { user, role, bid };
}
