/**
 * What the decision register holds: the tally of a governance proposal (./tally.ts), or of a decision
 * taken outside one — the seed fund's members' vote, whose awards are a binding allocation of money by
 * the Method of Equal Shares (~/modules/funding/vote.server.ts), never a poll. Shared by the register's
 * pages, its CSV and PDF exports and the code that writes entries.
 */
import type { Outcome, ProposalKind, QuorumResult, TallyResult } from './tally';

/** An entry's kind: a proposal's kind, 'fund_vote' included. */
export type RegisterKind = ProposalKind;

/** The count behind a seed-fund vote's awards, keyed by project title (the register keeps no ids of the fund's). */
export interface FundVoteTally {
  kind: 'fund_vote';
  outcome: Outcome;
  quorum: QuorumResult;
  /** Approvals per project put to the vote. */
  counts: Record<string, number>;
  /** The projects funded, in the order the count chose them. */
  funded: string[];
}

export type RegisterTally = TallyResult | FundVoteTally;

/**
 * An entry as the register shows it. Until 2026-12-03 the seed fund's awards were written with kind
 * 'poll' and a poll-shaped tally (counts by title, the funded projects as `leaders`). The register is
 * append-only (the database refuses UPDATE and DELETE), so those rows stay as they were stored; an
 * entry that the fund names as its decision (fund_votes.decision_number), or a correction of one, is
 * read as the seed-fund vote it was. Nothing else in it changes: title, text, figures and outcome are
 * the stored ones.
 */
export function asRegisterEntry<K extends string>(kind: K, tally: RegisterTally, isFundVote: boolean): { kind: K | 'fund_vote'; tally: RegisterTally } {
  if (!isFundVote) return { kind, tally };
  if (tally.kind !== 'poll') return { kind: 'fund_vote', tally };
  return { kind: 'fund_vote', tally: { kind: 'fund_vote', outcome: tally.outcome, quorum: tally.quorum, counts: tally.counts, funded: tally.leaders } };
}
