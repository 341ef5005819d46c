/** Tables added by the directory area (db/migrations/2026-11-23T1300_directory.ts). */
export type TagKind = 'offer' | 'need';
export type FieldVisibility = 'me' | 'members' | 'public';

export interface DirectoryTagsTable {
  slug: string;
  label: string;
  created_by: string | null;
  created_at: number;
  /** Set when a steward merged this tag into another; merged tags are not offered any more. */
  merged_into: string | null;
}

export interface MemberTagsTable {
  user_id: string;
  kind: TagKind;
  tag: string;
}

export interface MemberThemesTable {
  user_id: string;
  theme: string;
}

export interface OrgTagsTable {
  org_id: string;
  kind: TagKind;
  tag: string;
}

export interface OrgThemesTable {
  org_id: string;
  theme: string;
}

export interface OrgGrantsTable {
  id: string;
  org_id: string;
  funder: string;
  /** Whole pounds. */
  amount: number | null;
  year: number | null;
  purpose: string;
  created_at: number;
}

export interface OrgInvitesTable {
  org_id: string;
  user_id: string;
  invited_by: string | null;
  created_at: number;
}

export interface DirectoryConversationsTable {
  id: string;
  a_id: string;
  b_id: string;
  created_at: number;
  updated_at: number;
}

export interface DirectoryMessagesTable {
  id: string;
  conversation_id: string;
  sender_id: string;
  body: string;
  introduction: number;
  created_at: number;
}

export interface DirectoryBlocksTable {
  user_id: string;
  blocked_id: string;
  created_at: number;
}

export interface DirectorySearchMapTable {
  n: number;
  kind: 'member' | 'org';
  ref: string;
}

/** A steward's label for a member-added tag in one interface language (2026-11-23T1842). */
export interface TagLabelsTable {
  /** The tag's key in directory_tags (its slug). */
  tag_id: string;
  locale: string;
  label: string;
  updated_at: number;
}

export interface DirectoryTables {
  directory_tags: DirectoryTagsTable;
  member_tags: MemberTagsTable;
  member_themes: MemberThemesTable;
  org_tags: OrgTagsTable;
  org_themes: OrgThemesTable;
  org_grants: OrgGrantsTable;
  org_invites: OrgInvitesTable;
  directory_conversations: DirectoryConversationsTable;
  directory_messages: DirectoryMessagesTable;
  directory_blocks: DirectoryBlocksTable;
  directory_search_map: DirectorySearchMapTable;
  tag_labels: TagLabelsTable;
}
