import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { makeMember } from '../../../test/factories';
import { readZipEntry } from '../../../test/collab-unzip';
import { db } from '~db/connection';
import { registerDocumentAccess, registerDocumentMembers, registerDocumentOutline } from './access.server';
import { changeDocument, collabServer } from './collab.server';
import { createDocument, documentAccess, documentForSubject, fieldText, readFieldsAsJSON } from './documents.server';
import { documentSchema } from './extensions';
import { exportSections, toDocx, toPdf } from './export.server';
import { compareVersions, listSnapshots, nameCurrentVersion, restoreSnapshot, snapshotFields } from './history.server';
import { AnchorError, createThread, listThreads, markRange, replyToThread, setThreadStatus } from './comments.server';
import { loadDocumentFor } from './route-helpers.server';
import type { ProseMirrorJSON } from './word-count';

const rights = new Map<string, 'edit' | 'comment' | 'read'>();
const members = new Map<string, string[]>();
registerDocumentAccess('feature', async (subjectId, userId) => rights.get(`${subjectId}:${userId}`) ?? null);
registerDocumentOutline('feature', async () => [
  { name: 'section-a', heading: 'Project summary' },
  { name: 'section-b', heading: 'Budget' },
]);
registerDocumentMembers('feature', async (subjectId) => members.get(subjectId) ?? []);

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

async function fixture() {
  const editor = await makeMember({ name: 'Amina Editor' });
  const reviewer = await makeMember({ name: 'Radu Reviewer' });
  const outsider = await makeMember();
  const subject = `s-${Math.random().toString(36).slice(2)}`;
  const documentId = await createDocument({ kind: 'feature', subjectId: subject, title: 'Awards for All bid' });
  rights.set(`${subject}:${editor.id}`, 'edit');
  rights.set(`${subject}:${reviewer.id}`, 'comment');
  members.set(subject, [editor.id, reviewer.id]);
  return { editor, reviewer, outsider, subject, documentId };
}

describe('documents contract', () => {
  it('creates one document per subject and answers access through the kind resolver', async () => {
    const { subject, documentId, editor, reviewer, outsider } = await fixture();
    expect(await createDocument({ kind: 'feature', subjectId: subject, title: 'again' })).toBe(documentId);
    expect((await documentForSubject('feature', subject))?.id).toBe(documentId);
    expect(await documentAccess(documentId, editor.id)).toBe('edit');
    expect(await documentAccess(documentId, reviewer.id)).toBe('comment');
    expect(await documentAccess(documentId, outsider.id)).toBeNull();
    expect(await documentAccess('missing', editor.id)).toBeNull();
    await expect(loadDocumentFor(documentId, { id: outsider.id, role: 'member' })).rejects.toMatchObject({ status: 404 });
    await expect(loadDocumentFor('missing', { id: editor.id, role: 'member' })).rejects.toMatchObject({ status: 404 });
  });
});

describe('export', () => {
  it('puts every field of the outline, with headings, lists, tables and links, into the DOCX and a PDF', async () => {
    const { documentId } = await fixture();
    await setContent(documentId, 'section-a', [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Our need' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Migrant families in Wolverhampton ' }, { type: 'text', text: 'need support', marks: [{ type: 'link', attrs: { href: 'https://example.org/need' } }] }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [para('Weekly drop-in')] }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'bad link', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] },
    ]);
    await setContent(documentId, 'section-b', [
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [{ type: 'tableHeader', content: [para('Item')] }, { type: 'tableHeader', content: [para('Cost')] }] },
          { type: 'tableRow', content: [{ type: 'tableCell', content: [para('Venue hire')] }, { type: 'tableCell', content: [para('£1,200')] }] },
        ],
      },
    ]);
    const sections = await exportSections(documentId, [
      { name: 'section-a', heading: 'Project summary' },
      { name: 'section-b', heading: 'Budget' },
    ]);
    const docx = await toDocx('Awards for All bid', sections);
    const xml = readZipEntry(docx, 'word/document.xml')!;
    for (const text of ['Project summary', 'Budget', 'Our need', 'Migrant families in Wolverhampton', 'need support', 'Weekly drop-in', 'Venue hire', '£1,200']) {
      expect(xml).toContain(text);
    }
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain('w:hyperlink');
    const rels = readZipEntry(docx, 'word/_rels/document.xml.rels')!;
    expect(rels).toContain('https://example.org/need');
    expect(rels).not.toContain('javascript:');
    const pdf = await toPdf('Awards for All bid', sections);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
  });
});

describe('history', () => {
  it('restores a snapshot without losing anything: the state before the restore is kept too', async () => {
    const { documentId, editor } = await fixture();
    await setContent(documentId, 'section-a', [para('First draft of the summary')]);
    const named = await nameCurrentVersion(documentId, 'sent to partners 3 May', editor.id);
    await setContent(documentId, 'section-a', [para('Rewritten summary after feedback')]);
    await setContent(documentId, 'section-b', [para('New budget notes')]);

    const compare = (await compareVersions(documentId, named, null, ['section-a', 'section-b']))!.fields;
    const a = compare.find((f) => f.field === 'section-a')!;
    expect(a.changed).toBe(true);
    expect(a.parts.some((p) => p.kind === 'removed' && p.text.includes('First'))).toBe(true);
    expect(a.parts.some((p) => p.kind === 'added' && p.text.includes('Rewritten'))).toBe(true);

    const view = await snapshotFields(documentId, named, ['section-a']);
    expect(JSON.stringify(view!['section-a'])).toContain('First draft of the summary');

    expect(await restoreSnapshot(documentId, named, editor.id, ['section-a', 'section-b'])).toBe(true);
    expect(await fieldText(documentId, 'section-a')).toBe('First draft of the summary');
    expect(await fieldText(documentId, 'section-b')).toBe('');

    const list = await listSnapshots(documentId);
    expect(list.map((s) => s.reason)).toEqual(['restore', 'before_restore', 'named']);
    const before = list.find((s) => s.reason === 'before_restore')!;
    const kept = await snapshotFields(documentId, before.id, ['section-a', 'section-b']);
    expect(JSON.stringify(kept)).toContain('Rewritten summary after feedback');
    expect(JSON.stringify(kept)).toContain('New budget notes');
    // A snapshot of another document is refused.
    const other = await fixture();
    expect(await restoreSnapshot(other.documentId, named, other.editor.id, [])).toBe(false);
    expect(collabServer().documents.has(documentId)).toBe(false);
  });
});

describe('comments', () => {
  it('anchors a thread to text that survives edits around it, with replies, resolve/reopen and notifications', async () => {
    const { documentId, editor, reviewer } = await fixture();
    await setContent(documentId, 'section-a', [para('We will run weekly English classes')]);
    // Anchor "weekly English" as the editor's binding would send it.
    const state = Y.encodeStateAsUpdate(collabServer().documents.get(documentId) ?? new Y.Doc());
    const row = await db.selectFrom('collab_documents').select('state').where('id', '=', documentId).executeTakeFirstOrThrow();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state.byteLength > 2 ? state : new Uint8Array(row.state!));
    const text = (doc.getXmlFragment('section-a').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const start = text.toString().indexOf('weekly');
    const b64 = (pos: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(pos)).toString('base64');
    const from = b64(Y.createRelativePositionFromTypeIndex(text, start));
    const to = b64(Y.createRelativePositionFromTypeIndex(text, start + 'weekly English'.length));

    const threadId = await createThread({ documentId, userId: reviewer.id, userName: reviewer.name, field: 'section-a', from, to, quote: 'weekly English', body: 'Say how many weeks?' });
    // Someone edits before the anchor: the mark moves with the text.
    await changeDocument(documentId, (d) => {
      const t = (d.getXmlFragment('section-a').get(0) as Y.XmlElement).get(0) as Y.XmlText;
      t.insert(0, 'Together, ');
    });
    const fields = await readFieldsAsJSON(documentId, ['section-a']);
    const marked = JSON.stringify(fields['section-a']);
    expect(marked).toContain('Together, We will run ');
    expect(marked).toMatch(new RegExp(`"text":"weekly English","marks":\\[\\{"type":"comment","attrs":\\{"threadId":"${threadId}"\\}\\}\\]`));

    expect(await replyToThread({ documentId, threadId, userId: editor.id, userName: editor.name, body: '12 weeks' })).toBe(true);
    expect(await setThreadStatus({ documentId, threadId, userId: editor.id, status: 'resolved' })).toBe(true);
    let threads = await listThreads(documentId);
    expect(threads[0]).toMatchObject({ status: 'resolved', resolvedBy: editor.name, quote: 'weekly English' });
    expect(threads[0]!.comments.map((c) => c.body)).toEqual(['Say how many weeks?', '12 weeks']);
    expect(await setThreadStatus({ documentId, threadId, userId: editor.id, status: 'open' })).toBe(true);
    threads = await listThreads(documentId);
    expect(threads[0]!.status).toBe('open');

    // Notifications went to the other members only.
    const notes = await db.selectFrom('notifications').select(['user_id', 'kind']).where('kind', '=', 'collab.comment').execute();
    expect(notes.filter((n) => n.user_id === editor.id).length).toBe(1);
    expect(notes.filter((n) => n.user_id === reviewer.id).length).toBe(1);

    // A thread of another document cannot be touched through this one.
    const other = await fixture();
    expect(await replyToThread({ documentId: other.documentId, threadId, userId: other.editor.id, userName: 'x', body: 'hi' })).toBe(false);
    expect(await setThreadStatus({ documentId: other.documentId, threadId, userId: other.editor.id, status: 'resolved' })).toBe(false);
  });

  it('refuses anchors that do not resolve, writing nothing', async () => {
    const { documentId, reviewer } = await fixture();
    await setContent(documentId, 'section-a', [para('Text')]);
    await expect(
      createThread({ documentId, userId: reviewer.id, userName: reviewer.name, field: 'section-a', from: 'AAAA', to: 'AAAA', quote: '', body: 'x' }),
    ).rejects.toBeInstanceOf(AnchorError);
    expect(await listThreads(documentId)).toEqual([]);
    expect(() => markRange(new Y.Doc(), 'section-a', 'not base64 at all', 'x', 't')).toThrow(AnchorError);
  });
});

describe('server-side content (templates, demo data)', () => {
  it('writes fields and anchors a comment on given text', async () => {
    const { setFieldsContent, commentOnText } = await import('./content.server');
    const { documentId, editor, reviewer } = await fixture();
    await setFieldsContent(documentId, { 'section-a': 'Line one of the plan\nLine two' }, editor.id);
    expect(await fieldText(documentId, 'section-a')).toBe('Line one of the plan\nLine two');
    const threadId = await commentOnText({ documentId, field: 'section-a', quote: 'the plan', body: 'Which plan?', userId: reviewer.id, userName: reviewer.name });
    expect(threadId).not.toBeNull();
    expect(await commentOnText({ documentId, field: 'section-a', quote: 'missing words', body: 'x', userId: reviewer.id, userName: reviewer.name })).toBeNull();
    const fields = await readFieldsAsJSON(documentId, ['section-a']);
    expect(JSON.stringify(fields['section-a'])).toContain(`"threadId":"${threadId}"`);
  });
});
