/**
 * Who may do what with a collaborative document (a bid's draft, a governance paper). The area that
 * owns the document decides the actor's access to it ('edit' | 'comment' | 'read' | null) through its
 * resolver in the collab registry (`~/modules/collab/access.server`); these rules turn that access
 * into abilities, asked by the document routes (history, comments, exports) and by the /collab
 * websocket alike. No access at all is a 404: a document's existence is private to those who may see it.
 */
import type { DocumentAccess } from '~/modules/collab/access';
import { member, type Rule } from './core';

export interface DocumentSubject {
  access: DocumentAccess | null;
}

const any = (s: DocumentSubject) => s.access !== null;
const comments = (s: DocumentSubject) => s.access === 'edit' || s.access === 'comment';
const edits = (s: DocumentSubject) => s.access === 'edit';

export const documentPolicy = {
  'document.read': member<DocumentSubject>('not-found', (_a, s) => any(s)),
  'document.readHistory': member<DocumentSubject>('not-found', (_a, s) => any(s)),
  'document.export': member<DocumentSubject>('not-found', (_a, s) => any(s)),
  'document.comment': member<DocumentSubject>('forbidden', (_a, s) => any(s) && comments(s)),
  'document.write': member<DocumentSubject>('forbidden', (_a, s) => any(s) && edits(s)),
  'document.nameVersion': member<DocumentSubject>('forbidden', (_a, s) => any(s) && edits(s)),
  'document.restore': member<DocumentSubject>('forbidden', (_a, s) => any(s) && edits(s)),
} satisfies Record<string, Rule<never>>;

export const DOCUMENT_PAGE_ABILITIES = ['document.read', 'document.readHistory', 'document.export', 'document.comment', 'document.write', 'document.nameVersion', 'document.restore'] as const;
