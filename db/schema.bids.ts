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
  /** The funding call (notice) the bid was started from. */
  notice_id: string | null;
  document_id: string | null;
  awarded_amount: number | null;
  outcome_on: number | null;
  outcome_feedback: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  /** 2026-11-23T1920: 1 = the funding call shows which partners are bidding (each partner may still hide their name). */
  show_on_notice: Generated<number>;
}

export interface BidStatusChangesTable {
  id: Generated<number>;
  bid_id: string;
  status: BidStatus;
  changed_by: string | null;
  changed_at: number;
}

export type BidPartnerKind = 'member' | 'org';
export type BidPartnerStatus = 'invited' | 'accepted' | 'declined';

/**
 * A partner is a member (kind 'member': user_id set, org_id = on whose behalf, optional) or an
 * organisation from the directory (kind 'org': org_id set, user_id null) whose members all get the
 * row's role once one of its leads accepted (2026-11-23T1920).
 */
export interface BidPartnersTable {
  id: string;
  bid_id: string;
  kind: Generated<BidPartnerKind>;
  user_id: string | null;
  org_id: string | null;
  role: BidRole;
  status: Generated<BidPartnerStatus>;
  budget_share: number;
  delivers: string;
  /** 1 = this partner's name may appear on the funding call (only when the bid opted in). */
  show_name: Generated<number>;
  added_by: string | null;
  responded_by: string | null;
  responded_at: number | null;
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

export interface BidDeletedSectionsTable {
  section_id: string;
  bid_id: string;
  title: string;
  word_limit: number | null;
  deleted_at: number;
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
  bid_deleted_sections: BidDeletedSectionsTable;
  bid_tasks: BidTasksTable;
  bid_attachments: BidAttachmentsTable;
}
