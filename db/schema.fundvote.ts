/**
 * Seed fund members' vote (db/migrations/2026-12-03T0400-fund-vote.ts, 2026-12-03T0600-fund-vote-proposal.ts).
 * Times ms since the epoch. Since T0600 the vote is a governance proposal of kind 'fund_vote': its title,
 * dates, open/closed status, electorate and who has voted live there; this row keeps what only the fund has.
 */
export type FundVoteStatus = 'open' | 'closed' | 'confirmed';

export interface FundVotesTable {
  round_id: string;
  /** The governance proposal (kind 'fund_vote') that is this vote. */
  proposal_id: string | null;
  /** JSON array of application ids put to the vote. */
  shortlist: string;
  /** JSON array of application ids in the order drawn at close: breaks ties left after cost and approvals. */
  lot: string | null;
  /** JSON StoredResult (app/modules/funding/vote-count.ts), written at close. */
  result: string | null;
  /** The governance decision register entry written when the stewards confirmed the awards. */
  decision_number: number | null;
  confirmed_by: string | null;
  confirmed_at: number | null;
}

/** What was voted (never who): random id, no time. */
export interface FundVoteBallotsTable {
  id: string;
  round_id: string;
  /** JSON array of approved application ids. */
  approved: string;
  receipt_hash: string;
}

export interface FundVoteTables {
  fund_votes: FundVotesTable;
  fund_vote_ballots: FundVoteBallotsTable;
}
