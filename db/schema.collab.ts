import type { Generated } from 'kysely';
/** Collaboration tables (db/migrations/2026-11-23T1500_collab.ts). */
export interface CollabDocumentsTable {
  id: string;
  /** Which area owns the document, e.g. 'bid'; its access resolver decides who may open it. */
  kind: string;
  subject_id: string;
  title: string;
  /** Y.encodeStateAsUpdate of the whole Y.Doc; null until the first store. */
  state: Uint8Array | null;
  updated_at: number;
  /** JSON array of the user ids who changed the document since the last store. */
  last_editors: string;
  created_at: number;
}

export type SnapshotReason = 'auto' | 'named' | 'before_restore' | 'restore';

export interface CollabSnapshotsTable {
  id: string;
  document_id: string;
  state: Uint8Array;
  name: string | null;
  reason: SnapshotReason;
  created_by: string | null;
  created_at: number;
  /** JSON array of the member ids whose edits this version holds since the previous one. */
  editors: Generated<string>;
}

export interface CollabThreadsTable {
  id: string;
  document_id: string;
  field: string;
  /** The text that was selected when the thread began (shown if the anchor text is deleted). */
  quote: string;
  status: 'open' | 'resolved';
  created_by: string | null;
  resolved_by: string | null;
  resolved_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface CollabCommentsTable {
  id: string;
  thread_id: string;
  author_id: string | null;
  /** Emptied when the comment is deleted. */
  body: string;
  created_at: number;
  /** When its author last changed it (db/migrations/2026-11-23T1815-collab-comment-edits.ts). */
  edited_at: number | null;
  /** Set when a first comment with replies is deleted: it stays as a "comment deleted" placeholder. */
  deleted_at: number | null;
}

/** Yjs updates accepted but not yet folded into collab_documents.state (update-log.server.ts). */
export interface CollabUpdatesTable {
  id: Generated<number>;
  document_id: string;
  data: Uint8Array;
  user_id: string | null;
  created_at: number;
}

/** Which member a document's Yjs client id belongs to (for "who wrote this" in history). */
export interface CollabClientsTable {
  document_id: string;
  client_id: number;
  user_id: string;
  created_at: number;
}

/** Who deleted which Yjs id ranges (2026-12-03T0450, issue 12.7: history says who). */
export interface CollabDeletionsTable {
  id: Generated<number>;
  document_id: string;
  client_id: number;
  clock: number;
  len: number;
  user_id: string;
  created_at: number;
}

export interface CollabTables {
  collab_deletions: CollabDeletionsTable;
  collab_updates: CollabUpdatesTable;
  collab_clients: CollabClientsTable;
  collab_documents: CollabDocumentsTable;
  collab_snapshots: CollabSnapshotsTable;
  collab_threads: CollabThreadsTable;
  collab_comments: CollabCommentsTable;
}
