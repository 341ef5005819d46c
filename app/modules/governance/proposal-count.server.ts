/**
 * Counting: the ballots of a proposal as the tally (./tally.ts) needs them, from the database and,
 * while a secret ballot is open, from the ballot box; the live count, the published-count check and
 * whether an outcome goes into the decision register.
 */
import type { Transaction } from 'kysely';
import { db } from '~db/connection';
import type { Database } from '~db/schema';
import { readBox } from './ballot-box.server';
import { parseOptions, type Proposal } from './proposal-read.server';
import { GovernanceError } from './errors';
import { isBindingKind, tally, type BallotChoice, type TallyBallot, type TallyResult } from './tally';

export type Reader = Transaction<Database> | typeof db;

export async function ballotsOf(reader: Reader, p: Proposal): Promise<TallyBallot[]> {
  const open = await reader.selectFrom('governance_ballots').select(['choice', 'reason']).where('proposal_id', '=', p.id).execute();
  const secret = await reader.selectFrom('governance_secret_ballots').select(['choice', 'reason']).where('proposal_id', '=', p.id).orderBy('id').execute();
  // While a secret ballot is open its ballots wait in the ballot box, outside the database.
  const boxed = p.secret && p.status !== 'closed' ? readBox(p.id).filter((e) => !e.replaced) : [];
  return [...open, ...secret, ...boxed].map((b) => ({ choice: JSON.parse(b.choice) as BallotChoice, reason: b.reason }));
}

export function configOf(p: Proposal, lapsed: boolean) {
  // A seed-fund vote is counted by the fund (Method of Equal Shares), never by the governance tally.
  if (p.kind === 'fund_vote') throw new GovernanceError('not_open', 409);
  const options = parseOptions(p);
  return {
    kind: p.kind,
    electorate: p.electorate_size,
    quorumPercent: p.quorum_percent,
    quorumMin: p.quorum_min,
    writtenMajority: p.written_majority,
    lapsed,
    pollMode: p.poll_mode,
    options,
    maxScore: p.max_score,
    seats: p.seats,
    candidates: options.map((o) => o.id),
    seed: p.seed,
  };
}

/** Objections in the current round of a consent proposal (they block it). */
export async function currentObjections(reader: Reader, p: Proposal): Promise<number> {
  const ballots = await ballotsOf(reader, p);
  return ballots.filter((b) => b.choice.kind === 'consent' && b.choice.choice === 'object').length;
}

/** Computes the tally from the stored ballots, as it stands now. */
export async function currentTally(p: Proposal): Promise<TallyResult> {
  return tally(configOf(p, p.status === 'closed'), await ballotsOf(db, p));
}

/** "Verify count": recompute from the ballots and compare with the published result. */
export async function verifyCount(p: Proposal): Promise<{ matches: boolean; recomputed: TallyResult }> {
  const recomputed = tally(configOf(p, true), await ballotsOf(db, p));
  const stored = p.result ? (JSON.parse(p.result) as TallyResult) : null;
  const recomputedForCompare = p.kind === 'written' && stored?.outcome === 'passed' ? { ...recomputed, outcome: 'passed' } : recomputed;
  return { matches: !!stored && JSON.stringify(stored) === JSON.stringify(recomputedForCompare), recomputed };
}

export function registerOutcome(p: Pick<Proposal, 'kind' | 'poll_binding'>): boolean {
  return isBindingKind(p.kind) || (p.kind === 'poll' && p.poll_binding === 1);
}
