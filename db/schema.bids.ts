import type { Generated } from 'kysely';

/** Tables of the bids area (migration 2026-11-23T1510_bids). Money in minor units (pence/cents). */
export type BidStatus = 'idea' | 'drafting' | 'in_review' | 'submitted' | 'awarded' | 'not_awarded' | 'withdrawn';
export type BidRole = 'lead' | 'partner' | 'reviewer';
export type Currency = 'GBP' | 'EUR';

export interface BidsTable {
  id: string;
  title: string;
  funder: string;
  call_name: string;
  link: string | null;
  deadline: number;
  amount: number;
  currency: Currency;
  status: BidStatus;
  /** JSON array of directory theme slugs. */
  themes: string;
  /** JSON array of directory tag slugs (skills) the bid needs from its partners. */
  skills_needed: string;
  template: string;
  lead_org_id: string | null;
  host_org_id: string | null;
  host_org_name: string | null;
  notice_id: string | null;
  document_id: string | null;
  awarded_amount: number | null;
  outcome_on: number | null;
  outcome_feedback: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface BidStatusChangesTable {
  id: Generated<number>;
  bid_id: string;
  status: BidStatus;
  changed_by: string | null;
  changed_at: number;
}

export interface BidPartnersTable {
  id: string;
  bid_id: string;
  user_id: string;
  org_id: string | null;
  role: BidRole;
  budget_share: number;
  delivers: string;
  added_by: string | null;
  created_at: number;
}

export interface BidSectionsTable {
  id: string;
  bid_id: string;
  title: string;
  word_limit: number | null;
  position: number;
  created_at: number;
}

export interface BidTasksTable {
  id: string;
  bid_id: string;
  title: string;
  assignee_id: string | null;
  due_on: number | null;
  done_at: number | null;
  done_by: string | null;
  created_by: string | null;
  created_at: number;
}

export interface BidAttachmentsTable {
  id: string;
  bid_id: string;
  name: string;
  mime: string;
  size: number;
  path: string;
  uploaded_by: string | null;
  created_at: number;
}

export interface BidsTables {
  bids: BidsTable;
  bid_status_changes: BidStatusChangesTable;
  bid_partners: BidPartnersTable;
  bid_sections: BidSectionsTable;
  bid_tasks: BidTasksTable;
  bid_attachments: BidAttachmentsTable;
}
