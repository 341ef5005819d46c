/** A bid's budget split between its partners. (Split out of bids.server.ts, which re-exports every part.) */
import { db } from '~db/connection';
import type { Actor } from '~/policies';
import { authorizeBid } from './access.server';
import { BidInputError } from './details.server';

/** Sum of the budget shares and what is left of the amount requested (negative = over). */
export function budgetSummary(amount: number, shares: number[]) {
  const allocated = shares.reduce((a, b) => a + b, 0);
  return { allocated, remainder: amount - allocated, balanced: allocated === amount };
}

export async function checkNewShare(trx: typeof db, bidId: string, share: number) {
  const bid = await trx.selectFrom('bids').select(['amount']).where('id', '=', bidId).executeTakeFirstOrThrow();
  const existing = await trx.selectFrom('bid_partners').select('budget_share').where('bid_id', '=', bidId).execute();
  const { remainder } = budgetSummary(bid.amount, existing.map((p) => p.budget_share));
  if (share > remainder) throw new BidInputError('budgetShare', 'bids.budget.overAmount', { remainder: Math.max(remainder, 0) });
}

/**
 * Sets every partner's budget share at once (members and organisations alike). The shares must add
 * up exactly to the amount requested; reviewers and organisations that declined hold none;
 * otherwise nothing is saved.
 */
export async function setBudget(actor: Actor, bidId: string, shares: Record<string, number>): Promise<void> {
  await authorizeBid(actor, bidId, 'bid.setBudget');
  await db.transaction().execute(async (trx) => {
    const bid = await trx.selectFrom('bids').select('amount').where('id', '=', bidId).executeTakeFirstOrThrow();
    const partners = await trx.selectFrom('bid_partners').select(['id', 'role', 'status']).where('bid_id', '=', bidId).execute();
    for (const p of partners) {
      if (p.role === 'reviewer' && (shares[p.id] ?? 0) > 0) throw new BidInputError(`share-${p.id}`, 'bids.budget.reviewerShare');
      if (p.status === 'declined' && (shares[p.id] ?? 0) > 0) throw new BidInputError(`share-${p.id}`, 'bids.budget.declinedShare');
    }
    const values = partners.map((p) => shares[p.id] ?? 0);
    const { allocated, balanced, remainder } = budgetSummary(bid.amount, values);
    if (!balanced) throw new BidInputError('budget', remainder > 0 ? 'bids.budget.under' : 'bids.budget.over', { allocated, remainder: Math.abs(remainder) });
    for (const p of partners) {
      await trx.updateTable('bid_partners').set({ budget_share: shares[p.id] ?? 0 }).where('id', '=', p.id).execute();
    }
  });
}
