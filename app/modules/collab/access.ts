/** What a member may do with a document; safe to use in components (no server code). */
export type DocumentAccess = 'edit' | 'comment' | 'read';

export function canEdit(access: DocumentAccess | null | undefined): boolean {
  return access === 'edit';
}

export function canComment(access: DocumentAccess | null | undefined): boolean {
  return access === 'edit' || access === 'comment';
}
