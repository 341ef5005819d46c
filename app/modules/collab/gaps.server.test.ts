import * as Y from 'yjs';
import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { EditorState } from '@tiptap/pm/state';
import { makeMember } from '../../../test/factories';
import { db } from '~db/connection';
import { createSessionCookie } from '~/modules/auth/session.server';
import { action as commentsAction } from '~/routes/documents.$id.comments';
import { registerDocumentAccess, registerDocumentOutline } from './access.server';
import { changeDocument, validateSyncMessage } from './collab.server';
import { createThread, deleteComment, editComment, listThreads, replyToThread } from './comments.server';
import { removeField } from './content.server';
import { createDocument, currentState, docFromState, fieldText } from './documents.server';
import { documentSchema } from './extensions';
import { listSnapshots, restoreSnapshot, snapshotFields } from './history.server';
import { highlightClass } from './comment-highlight';
import { awarenessDocument, awarenessThrottle } from './awareness-throttle';
import { localCopyName, parseLocalCopyName } from './local-copies';
import type { ProseMirrorJSON } from './word-count';
import * as encoding from 'lib0/encoding';

const rights = new Map<string, 'edit' | 'comment' | 'read'>();
const outlines = new Map<string, string[]>();
registerDocumentAccess('gaps', async (subjectId, userId) => rights.get(`${subjectId}:${userId}`) ?? null);
registerDocumentOutline('gaps', async (subjectId) => (outlines.get(subjectId) ?? ['section-a', 'section-b']).map((name) => ({ name, heading: name })));

function para(text: string): ProseMirrorJSON {
  return { type: 'paragraph', content: [{ type: 'text', text }] };
}

async function setContent(documentId: string, field: string, content: ProseMirrorJSON[]) {
  await changeDocument(documentId, (doc) => {
    const fragment = doc.getXmlFragment(field);
    fragment.delete(0, fragment.length);
    prosemirrorJSONToYXmlFragment(documentSchema(), { type: 'doc', content }, fragment);
  });
}

/** Relative positions (base64) around the first occurrence of `quote` in a field. */
async function anchor(documentId: string, field: string, quote: string) {
  const doc = docFromState(await currentState(documentId));
  const paragraph = doc.getXmlFragment(field).get(0) as Y.XmlElement;
  const text = paragraph.get(0) as Y.XmlText;
  const index = text.toString().indexOf(quote);
  const enc = (i: number) => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, i))).toString('base64');
  const out = { from: enc(index), to: enc(index + quote.length) };
  doc.destroy();
  return out;
}

/** Thread ids that have a comment mark anywhere in the stored/live document. */
async function markedThreads(documentId: string): Promise<string[]> {
  const doc = docFromState(await currentState(documentId));
  const ids: string[] = [];
  for (const name of doc.share.keys()) {
    const walk = (node: Y.XmlFragment | Y.XmlElement) => {
      for (const child of node.toArray()) {
        if (child instanceof Y.XmlElement) walk(child);
        else if (child instanceof Y.XmlText) {
          for (const part of child.toDelta() as Array<{ attributes?: Record<string, { threadId?: string }> }>) {
            for (const [key, value] of Object.entries(part.attributes ?? {})) if (key.startsWith('comment') && value?.threadId) ids.push(value.threadId);
          }
        }
      }
    };
    walk(doc.getXmlFragment(name));
  }
  doc.destroy();
  return ids;
}

async function fixture() {
  const author = await makeMember({ name: 'Amina Author' });
  const other = await makeMember({ name: 'Olu Other' });
  const outsider = await makeMember({ name: 'Oscar Outsider' });
  const subject = `g-${Math.random().toString(36).slice(2)}`;
  const documentId = await createDocument({ kind: 'gaps', subjectId: subject, title: 'Gaps bid' });
  rights.set(`${subject}:${author.id}`, 'edit');
  rights.set(`${subject}:${other.id}`, 'comment');
  await setContent(documentId, 'section-a', [para('Hot meals for newly arrived families')]);
  const { from, to } = await anchor(documentId, 'section-a', 'newly arrived');
  const threadId = await createThread({ documentId, userId: author.id, userName: author.name, field: 'section-a', from, to, quote: 'newly arrived', body: 'Say which cities?' });
  return { author, other, outsider, subject, documentId, threadId };
}

async function post(documentId: string, userId: string, fields: Record<string, string>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  body.set('_fetcher', '1');
  const request = new Request(`http://localhost/documents/${documentId}/comments`, { method: 'POST', body, headers: { cookie: (await createSessionCookie(userId)).split(';')[0]! } });
  try {
    return await commentsAction({ request, params: { id: documentId }, context: { cspNonce: '' } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function comments(threadId: string) {
  return db
    .selectFrom('collab_comments')
    .select(['id', 'body', 'author_id', 'edited_at', 'deleted_at'])
    .where('thread_id', '=', threadId)
    .orderBy('created_at')
    .orderBy(sql`rowid`)
    .execute();
}

describe('editing and deleting own comments', () => {
  it('lets the author edit their comment, marked as edited, and only them', async () => {
    const { author, other, documentId, threadId } = await fixture();
    const [first] = await comments(threadId);
    expect(await editComment({ documentId, commentId: first!.id, userId: other.id, body: 'hijacked' })).toBe('forbidden');
    expect(await editComment({ documentId, commentId: 'missing', userId: author.id, body: 'x' })).toBe('not_found');
    expect(await editComment({ documentId, commentId: first!.id, userId: author.id, body: 'Say which three cities?' })).toBe('ok');
    const threads = await listThreads(documentId, author.id);
    expect(threads[0]!.comments[0]).toMatchObject({ body: 'Say which three cities?', mine: true });
    expect(threads[0]!.comments[0]!.editedAt).toEqual(expect.any(Number));
    expect((await listThreads(documentId, other.id))[0]!.comments[0]!.mine).toBe(false);
  });

  it('refuses edits and deletes over HTTP from another member (403), an outsider (404) and a read-only member (403); nothing changes', async () => {
    const { author, other, outsider, subject, documentId, threadId } = await fixture();
    const [first] = await comments(threadId);
    const reader = await makeMember();
    rights.set(`${subject}:${reader.id}`, 'read');
    expect((await post(documentId, other.id, { intent: 'edit', commentId: first!.id, body: 'changed by someone else' })).status).toBe(403);
    expect((await post(documentId, other.id, { intent: 'delete', commentId: first!.id })).status).toBe(403);
    expect((await post(documentId, outsider.id, { intent: 'delete', commentId: first!.id })).status).toBe(404);
    expect((await post(documentId, reader.id, { intent: 'delete', commentId: first!.id })).status).toBe(403);
    // A comment of another document cannot be reached through this one.
    const elsewhere = await fixture();
    const [foreign] = await comments(elsewhere.threadId);
    rights.set(`${elsewhere.subject}:${author.id}`, 'edit');
    expect((await post(documentId, elsewhere.author.id, { intent: 'delete', commentId: foreign!.id })).status).toBe(404);
    expect(await comments(threadId)).toEqual([first]);
    expect(await comments(elsewhere.threadId)).toEqual([foreign]);
    // Empty and oversized bodies get a message, not a 500.
    const empty = await post(documentId, author.id, { intent: 'edit', commentId: first!.id, body: '  ' });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ ok: false, intent: 'edit', commentId: first!.id, error: 'collab.comments.bodyRequired' });
    expect((await post(documentId, author.id, { intent: 'edit', commentId: first!.id, body: 'x'.repeat(10_000) })).status).toBe(400);
    expect((await post(documentId, author.id, { intent: 'edit', commentId: first!.id, body: 'Which cities exactly?' })).status).toBe(200);
    expect((await comments(threadId))[0]!.body).toBe('Which cities exactly?');
  });

  it('keeps a deleted first comment as a placeholder when it has replies; removes replies; removes a thread left empty with its highlight', async () => {
    const { author, other, documentId, threadId } = await fixture();
    await replyToThread({ documentId, threadId, userId: other.id, userName: other.name, body: 'Birmingham and Coventry' });
    const [first, reply] = await comments(threadId);
    expect(await deleteComment({ documentId, commentId: first!.id, userId: author.id })).toBe('ok');
    let view = (await listThreads(documentId, author.id))[0]!;
    expect(view.comments[0]).toMatchObject({ deleted: true, body: '', mine: false });
    expect((await comments(threadId))[0]!.body).toBe(''); // the text itself is gone
    expect(await editComment({ documentId, commentId: first!.id, userId: author.id, body: 'back' })).toBe('not_found');
    expect(await markedThreads(documentId)).toContain(threadId);

    // The last live comment goes: the thread and its mark in the text go too.
    expect(await deleteComment({ documentId, commentId: reply!.id, userId: other.id })).toBe('ok');
    expect(await listThreads(documentId, author.id)).toEqual([]);
    expect(await markedThreads(documentId)).not.toContain(threadId);
    expect(await fieldText(documentId, 'section-a')).toBe('Hot meals for newly arrived families');

    // A reply is removed outright; the thread stays.
    const again = await fixture();
    await replyToThread({ documentId: again.documentId, threadId: again.threadId, userId: again.other.id, userName: again.other.name, body: 'ok' });
    const [, r] = await comments(again.threadId);
    expect(await deleteComment({ documentId: again.documentId, commentId: r!.id, userId: again.other.id })).toBe('ok');
    view = (await listThreads(again.documentId, again.author.id))[0]!;
    expect(view.comments.map((c) => c.body)).toEqual(['Say which cities?']);
  });
});

describe('removing a field (deleted section)', () => {
  it('deletes the text from the stored document, keeps a named version with it, and shows it there', async () => {
    const { author, subject, documentId } = await fixture();
    await setContent(documentId, 'section-b', [para('Confidential budget line for the host organisation')]);
    const { snapshotId } = await removeField(documentId, 'section-b', { userId: author.id, locale: 'en', label: 'Budget' });
    expect(snapshotId).toEqual(expect.any(String));
    outlines.set(subject, ['section-a']);

    expect(await fieldText(documentId, 'section-b')).toBe('');
    const stored = await db.selectFrom('collab_documents').select('state').where('id', '=', documentId).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.state!).toString('utf8')).not.toContain('Confidential budget');
    expect(Buffer.from((await currentState(documentId))!).toString('utf8')).not.toContain('Confidential budget');
    // The other section is untouched.
    expect(await fieldText(documentId, 'section-a')).toBe('Hot meals for newly arrived families');

    const versions = await listSnapshots(documentId);
    expect(versions[0]).toMatchObject({ id: snapshotId, reason: 'named', name: 'Before deleting the section “Budget”' });
    const view = await snapshotFields(documentId, snapshotId!, ['section-a']);
    expect(Object.keys(view!)).toEqual(['section-a', 'section-b']);

    // Restoring a version does not put the deleted section's text back, unseen, into the document.
    expect(await restoreSnapshot(documentId, snapshotId!, author.id, ['section-a'])).toBe(true);
    expect(Buffer.from((await currentState(documentId))!).toString('utf8')).not.toContain('Confidential budget');

    // An empty section leaves no version behind.
    const before = (await listSnapshots(documentId)).length;
    expect((await removeField(documentId, 'section-never-written', { userId: author.id, label: 'Empty' })).snapshotId).toBeNull();
    expect((await listSnapshots(documentId)).length).toBe(before);
  });
});

describe('comment highlights', () => {
  it('highlights open threads; resolved ones only on request', () => {
    const config = { open: new Set(['a']), resolved: new Set(['b']), showResolved: false };
    expect(highlightClass('a', config)).toBe('collab-comment-open');
    expect(highlightClass('b', config)).toBeNull();
    expect(highlightClass('b', { ...config, showResolved: true })).toBe('collab-comment-resolved');
    expect(highlightClass('unknown', { ...config, showResolved: true })).toBeNull();
    // The editor state accepts the schema's comment mark (the highlight works on it).
    const state = EditorState.create({ schema: documentSchema() });
    expect(state.schema.marks.comment).toBeDefined();
  });
});

describe('offline copies', () => {
  it('names each copy by member and document, and reads the name back', () => {
    expect(localCopyName('u1', 'd1')).toBe('nomi-collab:u1:d1');
    expect(parseLocalCopyName('nomi-collab:u1:d1')).toEqual({ userId: 'u1', documentId: 'd1' });
    expect(parseLocalCopyName('other-db')).toBeNull();
    expect(parseLocalCopyName('nomi-collab:u1')).toBeNull();
  });
});

describe('message validation', () => {
  it('still accepts ordinary updates and refuses malformed ones', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'hello');
    const ok = encoding.createEncoder();
    encoding.writeVarString(ok, 'doc');
    encoding.writeVarUint(ok, 0);
    encoding.writeVarUint(ok, 2);
    encoding.writeVarUint8Array(ok, Y.encodeStateAsUpdate(doc));
    expect(() => validateSyncMessage(encoding.toUint8Array(ok))).not.toThrow();
    const bad = encoding.createEncoder();
    encoding.writeVarString(bad, 'doc');
    encoding.writeVarUint(bad, 0);
    encoding.writeVarUint(bad, 2);
    encoding.writeVarUint8Array(bad, new Uint8Array([255, 255, 255, 1, 2, 3]));
    expect(() => validateSyncMessage(encoding.toUint8Array(bad))).toThrow();
  });
});

describe('awareness throttle', () => {
  function message(doc: string, type: number, payload: number) {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, doc);
    encoding.writeVarUint(e, type);
    encoding.writeVarUint(e, payload);
    return encoding.toUint8Array(e);
  }

  it('passes the first caret move at once, collapses the rest of the window to the latest, and never holds back edits', () => {
    vi.useFakeTimers();
    try {
      const delivered: Uint8Array[] = [];
      const throttle = awarenessThrottle((m) => delivered.push(m), 250);
      const caret = (n: number) => message('doc', 1, n);
      throttle.handle(caret(1));
      throttle.handle(caret(2));
      throttle.handle(message('doc', 0, 9)); // an edit: straight through
      throttle.handle(caret(3));
      throttle.handle(message('other', 1, 7)); // another document on the same socket: its own window
      expect(delivered).toEqual([caret(1), message('doc', 0, 9), message('other', 1, 7)]);
      vi.advanceTimersByTime(250);
      expect(delivered.at(-1)).toEqual(caret(3)); // the latest state, not the one in between
      expect(delivered).not.toContainEqual(caret(2));
      vi.advanceTimersByTime(1000);
      expect(delivered).toHaveLength(4);
      throttle.handle(caret(4));
      expect(delivered.at(-1)).toEqual(caret(4));
      throttle.handle(caret(5));
      throttle.stop();
      vi.advanceTimersByTime(1000);
      expect(delivered).toHaveLength(5);
      expect(awarenessDocument(new Uint8Array([255]))).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
