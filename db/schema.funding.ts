import type { Generated } from 'kysely';

/** Seed fund tables (db/migrations/2026-12-02T16*-funding*.ts). Times ms since the epoch; lists JSON. */
export type FundRoundStatus = 'draft' | 'open' | 'closed' | 'decided';
export type FundDecisionMethod = 'panel' | 'members' | 'panel-then-members';
export type FundApplicantKind = 'member' | 'group' | 'organisation';
export type FundApplicationStatus = 'draft' | 'submitted' | 'withdrawn' | 'funded' | 'not-funded';
export type FundConsent = 'pending' | 'accepted' | 'declined';

export interface FundRoundsTable {
  id: string;
  name: string;
  description: string;
  /** Whole pounds. */
  pot: number;
  min_grant: number;
  max_grant: number;
  /** JSON arrays of theme and city slugs. */
  themes: string;
  cities: string;
  /** JSON [{ id, text, qualifies, explanation }]. */
  eligibility: string;
  /** JSON [{ id, text, wordLimit }], at most 8. */
  questions: string;
  /** JSON [{ id, label, weight }]. */
  criteria: string;
  decision_method: FundDecisionMethod;
  allow_partial: number;
  /** Review will not open unless at least this many panel members have lived experience of migration. */
  min_lived_experience: number;
  opens_at: number;
  closes_at: number;
  status: FundRoundStatus;
  /** The "funding call" notice posted when the round opened. */
  notice_id: string | null;
  /** When the steward opened review (2026-12-02T2100 migration). */
  review_opened_at: number | null;
  decided_at: number | null;
  /** Conditions printed in every award letter of the round (2026-12-03T0500 migration). */
  conditions: Generated<string>;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface FundPanelTable {
  round_id: string;
  user_id: string;
  added_at: number;
}

export interface FundApplicationsTable {
  id: string;
  round_id: string;
  lead_id: string;
  kind: FundApplicantKind;
  org_id: string | null;
  host_org_id: string | null;
  /** The host organisation's answer (unincorporated groups only): counts only when accepted. */
  host_status: FundConsent | null;
  title: string;
  /** The public summary: the only part members see in a vote. */
  summary: string;
  amount: number | null;
  /** JSON [{ label, amount }]. */
  budget_lines: string;
  themes: string;
  /** JSON { questionId: boolean }. */
  eligibility_answers: string;
  status: FundApplicationStatus;
  submitted_at: number | null;
  withdrawn_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface FundAnswersTable {
  application_id: string;
  question_id: string;
  text: string;
  /** A voice or video answer (stored by the uploads module). */
  media_path: string | null;
  media_mime: string | null;
  media_size: number | null;
  updated_at: number;
}

export interface FundCoApplicantsTable {
  application_id: string;
  user_id: string;
  status: FundConsent;
  responded_at: number | null;
}

export interface FundConflictsTable {
  application_id: string;
  reviewer_id: string;
  /** JSON [{ kind, withId }] as detected from the network's data. */
  detected: string;
  /** 'declared' removes the reviewer from scoring; 'explained' keeps them, with the reason. */
  decision: 'declared' | 'explained' | null;
  explanation: string | null;
  decided_at: number | null;
}

export interface FundScoresTable {
  application_id: string;
  reviewer_id: string;
  criterion_id: string;
  score: number;
  comment: string;
  submitted_at: number;
}

/** Awards the stewards confirmed (panel decides). Whole pounds. */
export interface FundAwardsTable {
  application_id: string;
  round_id: string;
  amount: number;
  partial: number;
  confirmed_by: string | null;
  confirmed_at: number;
  /** The lead applicant accepted the award letter (2026-12-03T0500 migration); null until then. */
  accepted_at: number | null;
  accepted_by: string | null;
}

export interface FundingTables {
  fund_rounds: FundRoundsTable;
  fund_panel: FundPanelTable;
  fund_applications: FundApplicationsTable;
  fund_answers: FundAnswersTable;
  fund_co_applicants: FundCoApplicantsTable;
  fund_conflicts: FundConflictsTable;
  fund_scores: FundScoresTable;
  fund_awards: FundAwardsTable;
  fund_payments: FundPaymentsTable;
  fund_reports: FundReportsTable;
  fund_report_files: FundReportFilesTable;
}

/** Money paid for an award, recorded by a steward (2026-12-03T0410). Whole pounds; paid_on YYYY-MM-DD. */
export interface FundPaymentsTable {
  id: string;
  application_id: string;
  amount: number;
  paid_on: string;
  reference: string;
  paid_to: 'grantee' | 'host';
  /** The host organisation paid, when paid_to is 'host' (kept even if the application changes). */
  host_org_id: string | null;
  recorded_by: string | null;
  recorded_at: number;
}

export type FundReportKind = 'mid' | 'end';

/** A mid-point or end report of an award (2026-12-03T0410). Lists are JSON. */
export interface FundReportsTable {
  id: string;
  application_id: string;
  kind: FundReportKind;
  /** YYYY-MM-DD. */
  due_on: string;
  status: 'due' | 'submitted';
  /** End report of a project that stopped early: closes the grant with "what we learned". */
  stopped_early: number;
  happened: string;
  /** "What happened" as a voice/video recording (checked and stripped by the uploads module). */
  media_path: string | null;
  media_mime: string | null;
  media_size: number | null;
  people_reached: number | null;
  /** JSON [{ label, count }] — only given when the people counted agreed (breakdown_consent). */
  breakdown: string;
  breakdown_consent: number;
  change_made: string;
  quote: string;
  /** JSON [{ line, spent }] against the application's budget lines (by index). */
  spend: string;
  did_not_work: string;
  learned: string;
  submitted_at: number | null;
  submitted_by: string | null;
  updated_at: number;
}

/** Photos (consented, metadata stripped) and receipts of a report. */
export interface FundReportFilesTable {
  id: string;
  report_id: string;
  kind: 'photo' | 'receipt';
  path: string;
  thumb_path: string | null;
  mime: string;
  size: number;
  name: string;
  caption: string;
  added_at: number;
}
