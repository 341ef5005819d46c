/** Seed fund evidence and round Q&A (db/migrations/2026-12-03T0420-funding-evidence.ts). Times ms since the epoch. */
export interface FundRoundEvidenceTable {
  round_id: string;
  /** When the pot is re-granted: the funder it came from and their 360Giving grant id to the network. */
  source_funder_name: string | null;
  source_grant_id: string | null;
  lessons: string;
  updated_by: string | null;
  updated_at: number;
}

export interface FundRoundQuestionsTable {
  id: string;
  round_id: string;
  /** Never shown to anyone but the asker (their own pending question). */
  asker_id: string | null;
  question: string;
  /** The question as shown to applicants, if the answerer rephrased it. */
  published_question: string | null;
  answer: string | null;
  answered_by: string | null;
  answered_at: number | null;
  created_at: number;
}

export interface FundEvidenceTables {
  fund_round_evidence: FundRoundEvidenceTable;
  fund_round_questions: FundRoundQuestionsTable;
}
