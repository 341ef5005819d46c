import * as Y from 'yjs';
import { sql } from 'kysely';
import { db } from '~db/connection';
import { newId } from '~/modules/auth/tokens.server';
import { notifyMany } from '~/modules/notifications/notifications.server';
import { resolveLink, resolveMembers } from './access.server';
import { changeDocument } from './collab.server';
import { getDocument } from './documents.server';

/**
 * Comment threads. A thread is anchored by a `comment` mark (attribute threadId) on the selected text
 * inside the Y.Doc, so it moves with the text through every edit; the thread and its replies live in
 * collab_threads / collab_comments. The mark is added on the server because commenters (reviewers)
 * have read-only sockets.
 */
export { MAX_COMMENT } from './limits';

export class AnchorError extends Error {}

export interface ThreadView {
  id: string;
  field: string;
  quote: string;
  status: 'open' | 'resolved';
  createdAt: number;
  resolvedAt: number | null;
  resolvedBy: string | null;
  comments: CommentView[];
}

export interface CommentView {
  id: string;
  author: string | null;
  /** Empty for a deleted comment (shown as "comment deleted"). */
  body: string;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
  /** Written by the member viewing: they may edit and delete it. */
  mine: boolean;
}

/** Threads of a document with their comments; `viewerId` marks the viewer's own comments. */
export async function listThreads(documentId: string, viewerId: string | null = null): Promise<ThreadView[]> {
  const threads = await db
    .selectFrom('collab_threads')
    .leftJoin('users as r', 'r.id', 'collab_threads.resolved_by')
    .select(['collab_threads.id', 'field', 'quote', 'collab_threads.status', 'collab_threads.created_at', 'resolved_at', 'r.name as resolver'])
    .where('document_id', '=', documentId)
    .orderBy('collab_threads.created_at', 'asc')
    .execute();
  if (!threads.length) return [];
  const comments = await db
    .selectFrom('collab_comments')
    .leftJoin('users', 'users.id', 'collab_comments.author_id')
    .select(['collab_comments.id', 'thread_id', 'body', 'collab_comments.created_at', 'edited_at', 'deleted_at', 'author_id', 'users.name as author'])
    .where(
      'thread_id',
      'in',
      threads.map((t) => t.id),
    )
    .orderBy('collab_comments.created_at', 'asc')
    .orderBy(sql`collab_comments.rowid`, 'asc')
    .execute();
  return threads.map((t) => ({
    id: t.id,
    field: t.field,
    quote: t.quote,
    status: t.status,
    createdAt: t.created_at,
    resolvedAt: t.resolved_at,
    resolvedBy: t.resolver ?? null,
    comments: comments
      .filter((c) => c.thread_id === t.id)
      .map((c) => ({
        id: c.id,
        author: c.author ?? null,
        body: c.deleted_at ? '' : c.body,
        createdAt: c.created_at,
        editedAt: c.edited_at,
        deleted: c.deleted_at !== null,
        mine: viewerId !== null && c.author_id === viewerId && c.deleted_at === null,
      })),
  }));
}

function decodePosition(value: string): Y.RelativePosition {
  try {
    return Y.decodeRelativePosition(new Uint8Array(Buffer.from(value, 'base64')));
  } catch {
    throw new AnchorError('bad anchor');
  }
}

/** Every Y.XmlText under a fragment, in document order. */
function texts(node: Y.XmlFragment | Y.XmlElement, out: Y.XmlText[] = []): Y.XmlText[] {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) out.push(child);
    else if (child instanceof Y.XmlElement) texts(child, out);
  }
  return out;
}

/** Adds the comment mark between two relative positions of one field. Throws AnchorError (nothing changed) if they don't resolve. */
export function markRange(doc: Y.Doc, field: string, fromB64: string, toB64: string, threadId: string): void {
  const fragment = doc.getXmlFragment(field);
  let start: Y.AbsolutePosition | null;
  let end: Y.AbsolutePosition | null;
  try {
    start = Y.createAbsolutePositionFromRelativePosition(decodePosition(fromB64), doc);
    end = Y.createAbsolutePositionFromRelativePosition(decodePosition(toB64), doc);
  } catch {
    throw new AnchorError('anchor does not resolve');
  }
  if (!start || !end || !(start.type instanceof Y.XmlText) || !(end.type instanceof Y.XmlText)) throw new AnchorError('anchor not in text');
  const all = texts(fragment);
  const si = all.indexOf(start.type);
  const ei = all.indexOf(end.type);
  if (si < 0 || ei < 0 || ei < si || (si === ei && end.index <= start.index)) throw new AnchorError('anchor outside field');
  const attrs = { comment: { threadId } };
  for (let i = si; i <= ei; i++) {
    const text = all[i]!;
    const from = i === si ? start.index : 0;
    const to = i === ei ? end.index : text.length;
    if (to > from) text.format(from, to - from, attrs);
  }
}

export async function createThread(input: {
  documentId: string;
  userId: string;
  userName: string;
  field: string;
  from: string;
  to: string;
  quote: string;
  body: string;
}): Promise<string> {
  const threadId = newId();
  // Anchor first: if the selection no longer resolves, nothing is written anywhere.
  await changeDocument(input.documentId, (doc) => markRange(doc, input.field, input.from, input.to, threadId), { userId: input.userId });
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('collab_threads')
      .values({
        id: threadId,
        document_id: input.documentId,
        field: input.field.slice(0, 200),
        quote: input.quote.slice(0, 500),
        status: 'open',
        created_by: input.userId,
        resolved_by: null,
        resolved_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx.insertInto('collab_comments').values({ id: newId(), thread_id: threadId, author_id: input.userId, body: input.body, created_at: now }).execute();
  });
  await notifyCommented(input.documentId, input.userId, input.userName);
  return threadId;
}

export async function threadInDocument(threadId: string, documentId: string) {
  return db.selectFrom('collab_threads').select(['id', 'status']).where('id', '=', threadId).where('document_id', '=', documentId).executeTakeFirst();
}

export async function replyToThread(input: { documentId: string; threadId: string; userId: string; userName: string; body: string }): Promise<boolean> {
  const now = Date.now();
  const ok = await db.transaction().execute(async (trx) => {
    const thread = await trx.selectFrom('collab_threads').select('id').where('id', '=', input.threadId).where('document_id', '=', input.documentId).executeTakeFirst();
    if (!thread) return false;
    await trx.insertInto('collab_comments').values({ id: newId(), thread_id: input.threadId, author_id: input.userId, body: input.body, created_at: now }).execute();
    await trx.updateTable('collab_threads').set({ updated_at: now }).where('id', '=', input.threadId).execute();
    return true;
  });
  if (ok) await notifyCommented(input.documentId, input.userId, input.userName);
  return ok;
}

export async function setThreadStatus(input: { documentId: string; threadId: string; userId: string; status: 'open' | 'resolved' }): Promise<boolean> {
  const now = Date.now();
  const result = await db
    .updateTable('collab_threads')
    .set(
      input.status === 'resolved'
        ? { status: 'resolved', resolved_by: input.userId, resolved_at: now, updated_at: now }
        : { status: 'open', resolved_by: null, resolved_at: null, updated_at: now },
    )
    .where('id', '=', input.threadId)
    .where('document_id', '=', input.documentId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export type CommentChange = 'ok' | 'not_found' | 'forbidden';

/** The comment, if it belongs to a thread of this document. */
async function commentInDocument(documentId: string, commentId: string) {
  return db
    .selectFrom('collab_comments')
    .innerJoin('collab_threads', 'collab_threads.id', 'collab_comments.thread_id')
    .select(['collab_comments.id', 'collab_comments.thread_id', 'collab_comments.author_id', 'collab_comments.deleted_at', 'collab_comments.created_at'])
    .where('collab_comments.id', '=', commentId)
    .where('collab_threads.document_id', '=', documentId)
    .executeTakeFirst();
}

/** Only its author changes a comment; a deleted one cannot be edited. */
export async function editComment(input: { documentId: string; commentId: string; userId: string; body: string }): Promise<CommentChange> {
  const comment = await commentInDocument(input.documentId, input.commentId);
  if (!comment || comment.deleted_at !== null) return 'not_found';
  if (!comment.author_id || comment.author_id !== input.userId) return 'forbidden';
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('collab_comments').set({ body: input.body, edited_at: now }).where('id', '=', comment.id).execute();
    await trx.updateTable('collab_threads').set({ updated_at: now }).where('id', '=', comment.thread_id).execute();
  });
  return 'ok';
}

/**
 * Only its author deletes a comment. A first comment that has replies stays as an empty "comment
 * deleted" placeholder; any other is removed. A thread left with no comment that was not deleted
 * is removed altogether, with its highlight in the text.
 */
export async function deleteComment(input: { documentId: string; commentId: string; userId: string }): Promise<CommentChange> {
  const comment = await commentInDocument(input.documentId, input.commentId);
  if (!comment || comment.deleted_at !== null) return 'not_found';
  if (!comment.author_id || comment.author_id !== input.userId) return 'forbidden';
  const threadRemoved = await db.transaction().execute(async (trx) => {
    const all = await trx
      .selectFrom('collab_comments')
      .select(['id', 'deleted_at'])
      .where('thread_id', '=', comment.thread_id)
      .orderBy('created_at', 'asc')
      .orderBy(sql`rowid`, 'asc') // insertion order when two share a millisecond
      .execute();
    const isFirst = all[0]?.id === comment.id;
    const othersLeft = all.filter((c) => c.id !== comment.id && c.deleted_at === null);
    if (!othersLeft.length) {
      await trx.deleteFrom('collab_threads').where('id', '=', comment.thread_id).execute();
      return true;
    }
    if (isFirst) await trx.updateTable('collab_comments').set({ body: '', deleted_at: Date.now() }).where('id', '=', comment.id).execute();
    else await trx.deleteFrom('collab_comments').where('id', '=', comment.id).execute();
    await trx.updateTable('collab_threads').set({ updated_at: Date.now() }).where('id', '=', comment.thread_id).execute();
    return false;
  });
  if (threadRemoved) await changeDocument(input.documentId, (doc) => unmarkThread(doc, comment.thread_id), { userId: input.userId });
  return 'ok';
}

/** Removes a thread's comment mark from every field of the document. */
export function unmarkThread(doc: Y.Doc, threadId: string): void {
  for (const name of [...doc.share.keys()]) {
    let fragment: Y.XmlFragment;
    try {
      fragment = doc.getXmlFragment(name);
    } catch {
      continue; // a map or other type, not a field
    }
    for (const text of texts(fragment)) {
      let index = 0;
      for (const part of text.toDelta() as Array<{ insert?: unknown; attributes?: Record<string, unknown> }>) {
        const length = typeof part.insert === 'string' ? part.insert.length : 1;
        for (const [key, value] of Object.entries(part.attributes ?? {})) {
          if ((key === 'comment' || key.startsWith('comment--')) && (value as { threadId?: unknown } | null)?.threadId === threadId) text.format(index, length, { [key]: null });
        }
        index += length;
      }
    }
  }
}

async function notifyCommented(documentId: string, authorId: string, authorName: string) {
  const document = await getDocument(documentId);
  if (!document) return;
  const members = (await resolveMembers(document.kind, document.subjectId)).filter((id) => id !== authorId);
  if (!members.length) return;
  const link = (await resolveLink(document.kind, document.subjectId)) ?? `/documents/${documentId}/comments`;
  await notifyMany(members, { kind: 'collab.comment', params: { name: authorName, title: document.title }, link });
}
