import type { Generated } from 'kysely';
import type { ProposalKind } from '../app/modules/governance/tally';

export type ProposalStatus = 'scheduled' | 'open' | 'closed';

export interface GovernanceProposalsTable {
  id: string;
  title: string;
  body: string;
  kind: ProposalKind;
  status: ProposalStatus;
  proposer_id: string;
  secret: number;
  hide_results: number;
  allow_close_early: number;
  quorum_percent: number;
  /** Quorum as a number of voters (network default when the proposal sets no percentage); 0 = none. */
  quorum_min: Generated<number>;
  written_majority: 'ordinary' | 'special';
  poll_mode: 'single' | 'multiple' | 'score';
  poll_binding: number;
  /** JSON array of { id, label }: poll options or election candidates (id = user id). */
  options: string;
  max_score: number;
  seats: number;
  /** Recorded seed for any tie broken by lot. */
  seed: string;
  version: number;
  opens_at: number;
  closes_at: number;
  opened_at: number | null;
  closed_at: number | null;
  electorate_size: number;
  /** The named group whose voting members were the electorate at opening; null = all voting members. */
  electorate_group_id: string | null;
  /** Consent proposals re-opened after an objection count only the current round's ballots. */
  round: Generated<number>;
  /** JSON TallyResult, written at close. */
  result: string | null;
  outcome: string | null;
  outcome_statement: string | null;
  review_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface GovernanceProposalVersionsTable {
  proposal_id: string;
  version: number;
  title: string;
  body: string;
  note: string;
  created_at: number;
}

export interface GovernanceElectorateTable {
  proposal_id: string;
  user_id: string;
}

export interface GovernanceVotersTable {
  proposal_id: string;
  user_id: string;
  /** HMAC of proposal, voter and the form token that cast the current secret ballot (retries). */
  submission_tag: string | null;
  /** Secret ballots cast by a proxy: the ballot's tag, sealed to the member's proxy key (null = in person). */
  proxy_sealed_tag: string | null;
  /** Seed-fund votes (kind 'fund_vote'): the receipt sealed to the form token, given back to a resent form. */
  sealed_receipt: string | null;
}

export interface GovernanceBallotsTable {
  id: string;
  proposal_id: string;
  voter_id: string;
  proxy_id: string | null;
  choice: string;
  reason: string | null;
  receipt_hash: string;
  version: number;
  created_at: number;
  updated_at: number;
  /** HMAC of proposal, voter and the form token that cast this ballot (a resent form is answered the same). */
  submission_tag: string | null;
}

export interface GovernanceBallotHistoryTable {
  id: Generated<number>;
  proposal_id: string;
  voter_id: string;
  proxy_id: string | null;
  choice: string;
  reason: string | null;
  version: number;
  cast_at: number;
  replaced_at: number;
  round: Generated<number>;
}

/** Secret ballots replaced by their voter, or from an earlier consent round: no voter, no time. */
export interface GovernanceSecretBallotsPastTable {
  id: string;
  proposal_id: string;
  round: number;
  choice: string;
  reason: string | null;
  /** 1: as it stood when its consent round ended; 0: replaced by its voter during the round. */
  counted: number;
}

export interface GovernanceGroupsTable {
  id: string;
  name: string;
  /** 'directors' for the built-in group that follows the directors register; null for custom groups. */
  builtin: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface GovernanceGroupMembersTable {
  group_id: string;
  user_id: string;
  added_at: number;
}

export interface GovernanceSecretBallotsTable {
  id: string;
  proposal_id: string;
  choice: string;
  reason: string | null;
  receipt_hash: string;
  /** HMAC of proposal, voter and receipt code under a server secret kept outside the database. */
  owner_tag: string | null;
}

export interface GovernanceProxiesTable {
  id: string;
  grantor_id: string;
  holder_id: string;
  proposal_id: string | null;
  created_at: number;
  revoked_at: number | null;
  /** X25519 public key (SPKI DER, base64url) that seals the tag of a secret ballot the proxy casts. */
  ballot_public_key: string | null;
  /** Its private key, sealed under the proxy code only the member was shown. */
  ballot_key_sealed: string | null;
}

export interface GovernanceCommentsTable {
  id: string;
  proposal_id: string;
  author_id: string;
  parent_id: string | null;
  body: string;
  created_at: number;
}

export interface GovernanceDecisionsTable {
  number: Generated<number>;
  proposal_id: string | null;
  decided_at: number;
  /**
   * The proposal's kind; 'fund_vote' for the seed fund's awards. Entries written before 2026-12-03
   * hold 'poll' for those: the register reads them through asRegisterEntry (register-entry.ts).
   */
  kind: ProposalKind;
  title: string;
  text: string;
  electorate: number;
  turnout: number;
  tally: string;
  quorate: number;
  outcome: string;
  statement: string;
  corrects: number | null;
  /** A later consent round's entry names the earlier entry of the same proposal it supersedes. */
  supersedes: number | null;
  recorded_by: string | null;
  created_at: number;
}

export interface GovernanceCicStepsTable {
  key: string;
  position: number;
  status: 'todo' | 'in_progress' | 'done';
  owner_id: string | null;
  notes: string;
  proposal_id: string | null;
  link: string | null;
  updated_at: number;
}

export interface GovernanceDirectorsTable {
  id: string;
  user_id: string;
  proposal_id: string | null;
  term_start: number;
  term_end: number;
  ceased_at: number | null;
  created_at: number;
}

export interface GovernanceAttachmentsTable {
  id: string;
  proposal_id: string;
  uploaded_by: string | null;
  /** Relative to UPLOAD_DIR (see app/modules/uploads/uploads.server.ts). */
  path: string;
  name: string;
  mime: string;
  size: number;
  created_at: number;
}

export interface GovernanceTables {
  governance_proposals: GovernanceProposalsTable;
  governance_proposal_versions: GovernanceProposalVersionsTable;
  governance_electorate: GovernanceElectorateTable;
  governance_voters: GovernanceVotersTable;
  governance_ballots: GovernanceBallotsTable;
  governance_ballot_history: GovernanceBallotHistoryTable;
  governance_secret_ballots: GovernanceSecretBallotsTable;
  governance_secret_ballots_past: GovernanceSecretBallotsPastTable;
  governance_groups: GovernanceGroupsTable;
  governance_group_members: GovernanceGroupMembersTable;
  governance_attachments: GovernanceAttachmentsTable;
  governance_proxies: GovernanceProxiesTable;
  governance_comments: GovernanceCommentsTable;
  governance_decisions: GovernanceDecisionsTable;
  governance_cic_steps: GovernanceCicStepsTable;
  governance_directors: GovernanceDirectorsTable;
}
