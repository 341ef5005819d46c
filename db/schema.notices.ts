/** Noticeboard tables (db/migrations/2026-11-23T1600_notices.ts). Times are ms since the epoch (UTC). */
export type NoticeType = 'offer' | 'request' | 'opportunity' | 'funding' | 'event' | 'resource';
export type NoticeStatus = 'open' | 'closed';

export interface NoticesTable {
  id: string;
  author_id: string;
  type: NoticeType;
  title: string;
  /** What the author typed (plain text with a tiny markup subset); indexed for search. */
  body: string;
  /** The description as sanitised HTML, made on the server from `body`. */
  body_html: string;
  /** A city slug from members/reference.ts, or 'online' for online / anywhere. */
  city: string;
  /** JSON array of theme slugs. */
  themes: string;
  /** JSON object of the type's own fields (funder, amounts, link, place…). */
  details: string;
  /** The date that matters for sorting "closing soonest": deadline, event start, until/by when. */
  key_date: number | null;
  starts_at: number | null;
  ends_at: number | null;
  expires_at: number;
  is_public: number;
  pinned: number;
  status: NoticeStatus;
  closed_at: number | null;
  hidden: number;
  hidden_note: string | null;
  hidden_at: number | null;
  /** When the author of a hidden notice asked a steward to look again (2026-12-02T1410), or null. */
  review_requested_at: number | null;
  /** Unused since 2026-11-23T1905-notices-files (emptied there): files are in notice_files. */
  file_path: string | null;
  file_name: string | null;
  file_mime: string | null;
  file_size: number | null;
  created_at: number;
  updated_at: number;
}

/** Files attached to a notice (db/migrations/2026-11-23T1905-notices-files.ts), at most 5 each. */
export interface NoticeFilesTable {
  id: string;
  notice_id: string;
  /** Relative to UPLOAD_DIR (shared uploads module). */
  path: string;
  /** Display name, with the extension of the real (detected) type. */
  name: string;
  /** The type detected from the content. */
  mime: string;
  size: number;
  /** For images: the author's short description (alt text). */
  alt: string | null;
  /** For images stored since this table exists: a small WebP preview, relative to UPLOAD_DIR. */
  thumb_path: string | null;
  position: number;
  created_at: number;
}

export type NoticeResponseKind = 'help' | 'interested' | 'attend';

export interface NoticeResponsesTable {
  notice_id: string;
  user_id: string;
  kind: NoticeResponseKind;
  created_at: number;
}

export interface NoticeCommentsTable {
  id: string;
  notice_id: string;
  author_id: string;
  parent_id: string | null;
  body: string;
  hidden: number;
  created_at: number;
}

export interface NoticeReportsTable {
  id: string;
  subject_type: 'notice' | 'comment';
  subject_id: string;
  notice_id: string;
  reporter_id: string;
  reason: string;
  created_at: number;
  resolved_at: number | null;
  resolved_by: string | null;
}

export interface NoticeVisitsTable {
  user_id: string;
  /** When the member last loaded the board. */
  last_seen_at: number;
  /** The end of their previous visit: notices newer than this are "new". */
  previous_visit_at: number;
}

export interface NoticeDigestSubscriptionsTable {
  user_id: string;
  /** JSON arrays; empty = any. */
  cities: string;
  themes: string;
  /** Secret used to sign this member's unsubscribe links; replaced on every (re)subscription. */
  unsubscribe_key: string;
  created_at: number;
}

export interface NoticeDigestSendsTable {
  user_id: string;
  /** The digest week (ms / 7 days since the epoch): one email per member per week. */
  period: number;
  notice_count: number;
  sent_at: number;
}

export interface NoticesTables {
  notices: NoticesTable;
  notice_files: NoticeFilesTable;
  notice_responses: NoticeResponsesTable;
  notice_comments: NoticeCommentsTable;
  notice_reports: NoticeReportsTable;
  notice_visits: NoticeVisitsTable;
  notice_digest_subscriptions: NoticeDigestSubscriptionsTable;
  notice_digest_sends: NoticeDigestSendsTable;
}

