/** Seed fund members' vote (db/migrations/2026-12-03T0400-fund-vote.ts). Times ms since the epoch. */
export type FundVoteStatus = 'open' | 'closed' | 'confirmed';

export interface FundVotesTable {
  round_id: string;
  status: FundVoteStatus;
  /** JSON array of application ids put to the vote. */
  shortlist: string;
  electorate_size: number;
  opened_by: string | null;
  opened_at: number;
  closes_at: number;
  closed_at: number | null;
  /** JSON array of application ids in the order drawn at close: breaks ties left after cost and approvals. */
  lot: string | null;
  /** JSON StoredResult (app/modules/funding/vote-count.ts), written at close. */
  result: string | null;
  /** The governance decision register entry written when the stewards confirmed the awards. */
  decision_number: number | null;
  confirmed_by: string | null;
  confirmed_at: number | null;
}

export interface FundVoteElectorateTable {
  round_id: string;
  user_id: string;
}

/** Who has voted (never what): the form token's tag answers a resent form, the sealed receipt repeats it. */
export interface FundVoteVotersTable {
  round_id: string;
  user_id: string;
  submission_tag: string;
  sealed_receipt: string;
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
  fund_vote_electorate: FundVoteElectorateTable;
  fund_vote_voters: FundVoteVotersTable;
  fund_vote_ballots: FundVoteBallotsTable;
}
