import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember } from '../../../test/factories';
import { createSessionCookie } from '~/modules/auth/session.server';
import { registerDocumentAccess } from './access.server';
import { createDocument, fieldText } from './documents.server';
import { compareVersions, listSnapshots, nameCurrentVersion } from './history.server';
import { setFieldsContent } from './content.server';
import { nodeClient, waitFor } from './node-client';
import { handleUpgrade } from '../../../server/upgrade';
import { attachCollab } from '../../../server/collab';
import { runShutdownHooks } from '../../../server/shutdown';

/**
 * Issue 12.7, history says who: two members type into one document over real websockets; each saved
 * version lists the people whose edits it holds, and comparing two versions credits every added and
 * removed piece of text to the person who added or removed it — including removals, which a Yjs
 * state does not record, and server-side changes made on someone's behalf.
 */
const rights = new Map<string, 'edit'>();
registerDocumentAccess('attr', async (subjectId, userId) => rights.get(`${subjectId}:${userId}`) ?? null);

let server: http.Server;
let url: string;

beforeAll(async () => {
  attachCollab();
  server = http.createServer((_req, res) => res.end('ok'));
  server.on('upgrade', handleUpgrade);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/collab`;
});

afterAll(async () => {
  await runShutdownHooks();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const cookieFor = async (userId: string) => (await createSessionCookie(userId)).split(';')[0]!;

function paragraph(doc: Y.Doc, text: string) {
  const fragment = doc.getXmlFragment('section-a');
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [p]);
}
const firstText = (doc: Y.Doc) => (doc.getXmlFragment('section-a').get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe('history says who', () => {
  it('credits each version and each change to the member who made it', async () => {
    const alice = await makeMember({ name: 'Alice Amari' });
    const bilal = await makeMember({ name: 'Bilal Bashir' });
    const subject = `s-${Math.random().toString(36).slice(2)}`;
    const documentId = await createDocument({ kind: 'attr', subjectId: subject, title: 'Joint bid' });
    rights.set(`${subject}:${alice.id}`, 'edit');
    rights.set(`${subject}:${bilal.id}`, 'edit');

    const a = nodeClient({ url, documentId, cookie: await cookieFor(alice.id) });
    await waitFor(() => a.events.includes('synced'), 5000, 'alice synced');
    paragraph(a.doc, 'Alice wrote this first.');
    await expect.poll(() => fieldText(documentId, 'section-a'), { timeout: 5000 }).toBe('Alice wrote this first.');
    const v1 = await nameCurrentVersion(documentId, 'v1', alice.id);

    const b = nodeClient({ url, documentId, cookie: await cookieFor(bilal.id) });
    await waitFor(() => b.events.includes('synced') && b.doc.getXmlFragment('section-a').length === 1, 5000, 'bilal synced');
    // Bilal removes Alice's word "this " and adds a paragraph; Alice adds to her own sentence.
    const text = 'Alice wrote this first.';
    firstText(b.doc).delete(text.indexOf('this '), 'this '.length);
    paragraph(b.doc, 'Bilal adds budget.');
    firstText(a.doc).insert(firstText(a.doc).length, ' Alice again.');
    await expect.poll(() => fieldText(documentId, 'section-a'), { timeout: 5000 }).toBe('Alice wrote first. Alice again.\nBilal adds budget.');
    const v2 = await nameCurrentVersion(documentId, 'v2', bilal.id);
    a.destroy();
    b.destroy();

    const versions = await listSnapshots(documentId);
    const editors = (id: string) => versions.find((v) => v.id === id)!.editors.map((e) => e.name).sort();
    expect(editors(v1)).toEqual(['Alice Amari']);
    expect(editors(v2)).toEqual(['Alice Amari', 'Bilal Bashir']);

    const compared = (await compareVersions(documentId, v1, v2, ['section-a']))!;
    const who = new Map(compared.people.map((p) => [p.id, p.name]));
    const parts = compared.fields[0]!.parts.map((p) => [p.kind, p.text, p.by ? who.get(p.by) : null]);
    expect(parts).toContainEqual(['removed', 'this ', 'Bilal Bashir']);
    expect(parts).toContainEqual(['added', ' Alice again.', 'Alice Amari']);
    expect(parts.filter(([kind]) => kind === 'added').map(([, t]) => t).join('')).toContain('Bilal adds budget.');
    expect(parts.filter(([kind, , by]) => kind === 'added' && by === 'Bilal Bashir').map(([, t]) => t).join('')).toContain('Bilal adds budget.');
    expect(compared.people.map((p) => p.name).sort()).toEqual(['Alice Amari', 'Bilal Bashir']);
    // Given the other way round, the older version is still the base.
    expect((await compareVersions(documentId, v2, v1, ['section-a']))!.fields).toEqual(compared.fields);

    // Someone who only reconnects (their sync sends back the whole delete set they hold) is not
    // credited with anything: only what a transaction newly deletes is recorded.
    const carolReader = await makeMember({ name: 'Dana Reconnects' });
    rights.set(`${subject}:${carolReader.id}`, 'edit');
    const cookie = await cookieFor(carolReader.id);
    const c1 = nodeClient({ url, documentId, cookie });
    await waitFor(() => c1.events.includes('synced') && c1.doc.getXmlFragment('section-a').length === 2, 5000, 'dana synced');
    const kept = c1.doc;
    c1.destroy();
    const c2 = nodeClient({ url, documentId, cookie, doc: kept });
    await waitFor(() => c2.events.includes('synced'), 5000, 'dana resynced');
    c2.destroy();
    const v3 = await nameCurrentVersion(documentId, 'v3', alice.id);
    expect((await listSnapshots(documentId)).find((v) => v.id === v3)!.editors).toEqual([]);
    expect((await compareVersions(documentId, v1, v3, ['section-a']))!.fields).toEqual(compared.fields);

    // A server-side change on someone's behalf is theirs, not the first server-side author's.
    const carol = await makeMember({ name: 'Carol Chen' });
    await setFieldsContent(documentId, { 'section-a': 'Rewritten by Alice' }, alice.id);
    await setFieldsContent(documentId, { 'section-a': 'Rewritten by Carol' }, carol.id);
    const now = (await compareVersions(documentId, v2, null, ['section-a']))!;
    const names = new Map(now.people.map((p) => [p.id, p.name]));
    const added = now.fields[0]!.parts.filter((p) => p.kind === 'added');
    expect(added.map((p) => [p.text.trim(), names.get(p.by!)])).toEqual([['Rewritten by Carol', 'Carol Chen']]);
    const removedBy = new Set(now.fields[0]!.parts.filter((p) => p.kind === 'removed').map((p) => names.get(p.by!)));
    expect(removedBy).toEqual(new Set(['Alice Amari']));
  });
});
