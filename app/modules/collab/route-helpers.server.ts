import './access-registry.server';
import { resolveLink, resolveOutline, type DocumentAccess } from './access.server';
import { documentAccess, getDocument, type DocumentRow } from './documents.server';

/**
 * The document a collab route works on, if this member may see it. Unknown documents and documents
 * the member has no right to look the same: 404, so their existence does not leak.
 */
export async function loadDocumentFor(
  documentId: string | undefined,
  userId: string,
): Promise<{ document: DocumentRow; access: DocumentAccess; outline: Array<{ name: string; heading: string }>; back: string }> {
  const document = documentId ? await getDocument(documentId.slice(0, 40)) : null;
  if (!document) throw new Response('Not found', { status: 404 });
  const access = await documentAccess(document.id, userId);
  if (!access) throw new Response('Not found', { status: 404 });
  const outline = await resolveOutline(document.kind, document.subjectId);
  const back = (await resolveLink(document.kind, document.subjectId)) ?? `/documents/${document.id}/history`;
  return { document, access, outline, back };
}
