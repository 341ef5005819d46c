import type { Generated } from 'kysely';
import type { ColumnType } from 'kysely';
import type { MentoringTables } from './schema.mentoring';
import type { DirectoryTables, FieldVisibility } from './schema.directory';
import type { BidsTables } from './schema.bids';
import type { CollabTables } from './schema.collab';
import type { NoticesTables } from './schema.notices';
import type { GovernanceTables } from './schema.governance';
import type { FundingTables } from './schema.funding';
import type { FundVoteTables } from './schema.fundvote';
import type { FundslotsTables } from './schema.fundslots';
import type { FundEvidenceTables } from './schema.fundevidence';
import type { OnboardingTables } from './schema.onboarding';

/**
 * Typed view of the SQLite schema. Times are INTEGER milliseconds since the epoch (UTC);
 * booleans are INTEGER 0/1; lists are JSON text. Each area adds its tables here and a migration.
 */
export type Role = 'member' | 'steward';
export type MemberStatus = 'active' | 'suspended';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  is_mentor: number;
  status: MemberStatus;
  locale: string | null;
  city: string | null;
  /** JSON array of language names the member speaks. */
  languages: string;
  joined_at: number;
  ceased_at: number | null;
  created_at: number;
  updated_at: number;
  /** E.164 phone number for members who joined without email (2026-12-02T1300). */
  phone: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the session id: the table never holds a usable id. */
  id: string;
  user_id: string;
  expires_at: number;
  created_at: number;
}

export interface InvitationsTable {
  id: string;
  token_hash: string;
  email: string;
  invited_by: string | null;
  application_id: string | null;
  message: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_by: string | null;
  revoked_at: number | null;
  /** An invitation handed over by WhatsApp to someone without email (email is then ''). */
  phone: ColumnType<string | null, string | null | undefined, string | null>;
}

export type ApplicationStatus = 'pending' | 'approved' | 'declined';

export interface ApplicationsTable {
  id: string;
  name: string;
  email: string;
  city: string;
  languages: string;
  about: string;
  locale: string;
  note_path: string | null;
  note_mime: string | null;
  note_size: number | null;
  note_duration: number | null;
  status: ApplicationStatus;
  decision_message: string | null;
  reviewed_by: string | null;
  reviewed_at: number | null;
  created_at: number;
  /** E.164; an application gives an email, a phone number or both (email '' when none). */
  phone: ColumnType<string | null, string | null | undefined, string | null>;
  /** "Another language", typed freely. */
  other_language: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PasswordResetsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  /** The steward who made this link to hand over (members without email). */
  issued_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: string;
  kind: string;
  /** JSON object of interpolation values for the notification's i18n text. */
  params: string;
  link: string;
  created_at: number;
  read_at: number | null;
}

export interface NotificationPrefsTable {
  user_id: string;
  kind: string;
  email: number;
}

export type OutboxStatus = 'logged' | 'queued' | 'sent' | 'failed';

export interface OutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  kind: string;
  status: OutboxStatus;
  attempts: number;
  error: string | null;
  created_at: number;
  sent_at: number | null;
  /** Directory (2026-11-23T1842): where replies go, e.g. an introduction's sender when they show their email. */
  reply_to: string | null;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  /** Makes scheduling idempotent: the same key is only ever queued once. */
  unique_key: string;
  run_at: number;
  payload: string;
  status: JobStatus;
  attempts: number;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface NetworkSettingsTable {
  key: string;
  value: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  details: string;
  created_at: number;
}

/** Tables created by the foundation migration. */
export interface FoundationTables {
  users: UsersTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  applications: ApplicationsTable;
  password_resets: PasswordResetsTable;
  notifications: NotificationsTable;
  notification_prefs: NotificationPrefsTable;
  outbox: OutboxTable;
  jobs: JobsTable;
  network_settings: NetworkSettingsTable;
  audit_log: AuditLogTable;
}

/** Core directory tables (profiles, organisations) that several areas read. */
export interface ProfilesTable {
  user_id: string;
  headline: string;
  bio: string;
  /** Mentoring: open to mentees, at capacity, and the areas offered (JSON array of tag slugs). */
  mentoring_open: number;
  mentoring_at_capacity: number;
  mentoring_areas: string;
  /** 1 = never suggest me in partner matching. */
  matching_opt_out: number;
  updated_at: number;
  /** Directory (2026-11-23T1300): 1 = visitors may see the profile; contact details each have a visibility. */
  public_profile: Generated<number>;
  photo_path: string | null;
  photo_updated_at: number | null;
  email_visibility: Generated<FieldVisibility>;
  phone: string | null;
  phone_visibility: Generated<FieldVisibility>;
  whatsapp: string | null;
  whatsapp_visibility: Generated<FieldVisibility>;
  /** Seed fund (2026-12-02T1600): the member says they have lived experience of migration. */
  lived_experience: Generated<number>;
}

export type LegalForm = 'unincorporated' | 'cic' | 'charity' | 'company' | 'other';

export interface OrganisationsTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  city: string | null;
  legal_form: LegalForm;
  registration_number: string | null;
  /** For an unincorporated group: the organisation that holds funds for it (in the directory)... */
  host_org_id: string | null;
  /** ...or named in free text when it is not in the directory. */
  host_org_name: string | null;
  year_started: number | null;
  website: string | null;
  /** 1 = leads opted in to the public directory at /projects. */
  public_listing: number;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  /** Directory (2026-11-23T1300): JSON array of website/social URLs. */
  social_links: Generated<string>;
}

export interface OrganisationMembersTable {
  org_id: string;
  user_id: string;
  role: 'lead' | 'member';
  created_at: number;
}

export interface DirectoryCoreTables {
  profiles: ProfilesTable;
  organisations: OrganisationsTable;
  organisation_members: OrganisationMembersTable;
}

/**
 * The whole schema. Each area declares its tables in its own interface (here or in db/schema.<area>.ts)
 * and adds it to this list.
 */
export interface Database extends FoundationTables, DirectoryCoreTables, MentoringTables, DirectoryTables, BidsTables, CollabTables, NoticesTables, GovernanceTables, FundingTables, OnboardingTables, FundslotsTables {}

/** Seed fund members' vote tables, merged into Database (a separate declaration keeps merges mechanical). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database extends FundVoteTables {}

// Seed fund evidence and round Q&A, merged into Database the same way.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database extends FundEvidenceTables {}
