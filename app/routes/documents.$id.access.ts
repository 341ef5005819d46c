import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/session.server';
import { loadDocumentFor } from '~/modules/collab/route-helpers.server';

/**
 * 204 when the signed-in member may still open the document, else 404 (like every collab route). The
 * editor asks this about the local offline copies it finds, and deletes those of documents it lost.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await loadDocumentFor(params.id, user);
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'private, no-store' } });
}
