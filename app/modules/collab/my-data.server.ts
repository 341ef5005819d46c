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

/**
 * "Your data", editing part: what the live editor recorded about the member's editing, which lets a
 * document's history say who wrote and who deleted what (issue 12.7): their editor sessions (Yjs client
 * ids, collab_clients) and the text they deleted (collab_deletions). Per document they may still open;
 * for the others only how many there are, since a bid's title is its partners' to share. (The updates
 * their connections sent are folded into the document and not kept per member: nothing to export.)
 */
export async function documentEditingData(userId: string) {
  const [sessions, deletions] = await Promise.all([
    db.selectFrom('collab_clients').select(['document_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min<number>('created_at').as('first'), (eb) => eb.fn.max<number>('created_at').as('last')]).where('user_id', '=', userId).groupBy('document_id').execute(),
    db.selectFrom('collab_deletions').select(['document_id', (eb) => eb.fn.sum<number>('len').as('chars'), (eb) => eb.fn.min<number>('created_at').as('first'), (eb) => eb.fn.max<number>('created_at').as('last')]).where('user_id', '=', userId).groupBy('document_id').execute(),
  ]);
  const ids = [...new Set([...sessions, ...deletions].map((r) => r.document_id))];
  if (!ids.length) return { documents: [], inDocumentsYouCanNoLongerOpen: 0 };
  const docs = await db.selectFrom('collab_documents').select(['id', 'kind', 'subject_id', 'title', 'created_at']).where('id', 'in', ids).orderBy('created_at').orderBy('id').execute();
  const s = new Map(sessions.map((r) => [r.document_id, r]));
  const d = new Map(deletions.map((r) => [r.document_id, r]));
  const documents = [];
  let hidden = 0;
  for (const doc of docs) {
    if ((await resolveAccess(doc.kind, doc.subject_id, userId)) === null) {
      hidden += 1;
      continue;
    }
    const times = [s.get(doc.id)?.first, s.get(doc.id)?.last, d.get(doc.id)?.first, d.get(doc.id)?.last].filter((t): t is number => t != null).map(Number);
    documents.push({
      document: doc.title,
      editorSessions: Number(s.get(doc.id)?.n ?? 0),
      charactersDeleted: Number(d.get(doc.id)?.chars ?? 0),
      firstSeen: new Date(Math.min(...times)).toISOString(),
      lastSeen: new Date(Math.max(...times)).toISOString(),
    });
  }
  return { documents, inDocumentsYouCanNoLongerOpen: hidden };
}
