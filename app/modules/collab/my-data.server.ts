import { db } from '~db/connection';
import '~/modules/collab/access-registry.server';
import { resolveAccess } from './access.server';

/**
 * "Your data", shared documents part: the comments the member wrote in collaborative documents
 * (bids, governance documents) they may still open. Access is decided by each document's own area,
 * so a comment left in a bid they are no longer a partner of is not exported with its context.
 */
export async function documentCommentsData(userId: string) {
  const rows = await db
    .selectFrom('collab_comments as c')
    .innerJoin('collab_threads as t', 't.id', 'c.thread_id')
    .innerJoin('collab_documents as d', 'd.id', 't.document_id')
    .select(['d.id as documentId', 'd.kind', 'd.subject_id', 'd.title', 't.quote', 'c.body', 'c.created_at'])
    .where('c.author_id', '=', userId)
    .orderBy('c.created_at')
    .execute();
  const allowed = new Map<string, boolean>();
  const out = [];
  for (const r of rows) {
    if (!allowed.has(r.documentId)) allowed.set(r.documentId, (await resolveAccess(r.kind, r.subject_id, userId)) !== null);
    if (!allowed.get(r.documentId)) continue;
    out.push({ document: r.title, about: r.quote, comment: r.body, created_at: r.created_at });
  }
  return out;
}
