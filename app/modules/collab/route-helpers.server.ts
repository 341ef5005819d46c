import './access-registry.server';
import { abilitiesFor, authorize, type Actor } from '~/policies';
import { DOCUMENT_PAGE_ABILITIES, type documentPolicy } from '~/policies/documents';
import { resolveLink, resolveOutline, type DocumentAccess } from './access.server';
import { documentAccess, getDocument, type DocumentRow } from './documents.server';

export type DocumentAbility = keyof typeof documentPolicy;
export type DocumentAbilities = Record<(typeof DOCUMENT_PAGE_ABILITIES)[number], boolean>;

/**
 * The document a collab route works on, if this member may see it — and may do `need` with it
 * (~/policies/documents). Unknown documents and documents the member has no right to look the same:
 * 404, so their existence does not leak; a known document they may not change is 403.
 */
export async function loadDocumentFor(
  documentId: string | undefined,
  actor: Actor,
  need: DocumentAbility = 'document.read',
): Promise<{ document: DocumentRow; access: DocumentAccess; outline: Array<{ name: string; heading: string }>; back: string; abilities: DocumentAbilities }> {
  const document = documentId ? await getDocument(documentId.slice(0, 40)) : null;
  if (!document) throw new Response('Not found', { status: 404 });
  const access = await documentAccess(document.id, actor.id);
  authorize(actor, 'document.read', { access });
  authorize(actor, need, { access });
  const outline = await resolveOutline(document.kind, document.subjectId);
  const back = (await resolveLink(document.kind, document.subjectId)) ?? `/documents/${document.id}/history`;
  return { document, access: access!, outline, back, abilities: abilitiesFor(actor, { access }, DOCUMENT_PAGE_ABILITIES) };
}
