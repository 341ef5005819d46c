/**
 * Seed fund money, pure rules (issue 14 item 8, "money, recorded not moved"). The app never moves money:
 * stewards record what the network paid (amount, date, bank reference, to the grantee or their host
 * organisation). An award can never be paid more than it is worth, and what a decided round did not
 * commit rolls over to the next round. Whole pounds throughout, so the sums are exact integers.
 */

export type PaymentProblem = { field: 'amount' | 'paidOn' | 'reference' | 'paidTo'; error: 'whole' | 'overpaid' | 'date' | 'future-date' | 'required' | 'no-host' | 'fully-paid' };

export interface PaymentInput {
  amount: number;
  /** YYYY-MM-DD, the day the money left the network's account. */
  paidOn: string;
  reference: string;
  paidTo: 'grantee' | 'host';
}

export const REFERENCE_MAX = 80;

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/**
 * Problems with recording this payment, given what the award is worth and what is already recorded.
 * `today` is the steward's date: a payment is recorded after it is made, so it cannot be in the future.
 */
export function checkPayment(award: { awarded: number; paid: number; hasHost: boolean }, p: PaymentInput, today: string): PaymentProblem[] {
  const out: PaymentProblem[] = [];
  const left = award.awarded - award.paid;
  if (!Number.isSafeInteger(p.amount) || p.amount <= 0) out.push({ field: 'amount', error: 'whole' });
  else if (left <= 0) out.push({ field: 'amount', error: 'fully-paid' });
  else if (p.amount > left) out.push({ field: 'amount', error: 'overpaid' });
  if (!isDay(p.paidOn)) out.push({ field: 'paidOn', error: 'date' });
  else if (p.paidOn > today) out.push({ field: 'paidOn', error: 'future-date' });
  if (!p.reference.trim()) out.push({ field: 'reference', error: 'required' });
  if (p.paidTo === 'host' && !award.hasHost) out.push({ field: 'paidTo', error: 'no-host' });
  return out;
}

/** What an award has committed from its round's pot: all of it, unless it closed early — then what was paid. */
export function committed(award: { amount: number; paid: number; stoppedEarly: boolean }): number {
  return award.stoppedEarly ? Math.min(award.paid, award.amount) : award.amount;
}

export interface LedgerRound {
  id: string;
  name: string;
  pot: number;
  opensAt: number;
  createdAt: number;
  decided: boolean;
  /** Sum of `committed()` over the round's awards. */
  committed: number;
}

export interface LedgerEntry {
  /** What the previous decided round left, carried into this one. */
  carriedIn: { fromId: string; fromName: string; amount: number } | null;
  /** The round's own pot plus what was carried in: what it can give out. */
  available: number;
  committed: number;
  /** For a decided round: what it did not commit (never below zero); null until decided. */
  left: number | null;
  /** The round that receives `left`, if one exists yet. */
  rollsTo: { id: string; name: string } | null;
}

/**
 * Rounds in the order they open (then by creation, then id, so ties are stable). What a decided round
 * leaves goes to the next round in that order — whatever its state, so a steward sees it on a new draft.
 * A round that is not decided yet passes nothing on: its own leftover is not known.
 */
export function potLedger(rounds: readonly LedgerRound[]): Map<string, LedgerEntry> {
  const ordered = [...rounds].sort((a, b) => a.opensAt - b.opensAt || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const out = new Map<string, LedgerEntry>();
  let carry: LedgerEntry['carriedIn'] = null;
  ordered.forEach((r, i) => {
    const available = r.pot + (carry?.amount ?? 0);
    const left = r.decided ? Math.max(0, available - r.committed) : null;
    const next = ordered[i + 1];
    out.set(r.id, { carriedIn: carry, available, committed: r.committed, left, rollsTo: left !== null && next ? { id: next.id, name: next.name } : null });
    carry = left !== null && left > 0 ? { fromId: r.id, fromName: r.name, amount: left } : null;
  });
  return out;
}
