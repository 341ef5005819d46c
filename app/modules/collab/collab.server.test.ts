import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeMember } from '../../../test/factories';
import { createSessionCookie } from '~/modules/auth/session.server';
import { db } from '~db/connection';
import { registerDocumentAccess } from './access.server';
import { collabServer, RECHECK_MS } from './collab.server';
import { createDocument, documentAccess, fieldText, readFieldsAsJSON } from './documents.server';
import { nodeClient, waitFor } from './node-client';
import { handleUpgrade } from '../../../server/upgrade';
import { attachCollab } from '../../../server/collab';
import { runShutdownHooks } from '../../../server/shutdown';

const rights = new Map<string, 'edit' | 'comment' | 'read'>();
registerDocumentAccess('test', async (subjectId, userId) => rights.get(`${subjectId}:${userId}`) ?? null);

let server: http.Server;
let url: string;
let origin: string;

beforeAll(async () => {
  attachCollab();
  server = http.createServer((_req, res) => res.end('ok'));
  server.on('upgrade', handleUpgrade);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  url = `ws://127.0.0.1:${port}/collab`;
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await runShutdownHooks();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

async function cookieFor(userId: string) {
  return (await createSessionCookie(userId)).split(';')[0]!;
}

async function setup() {
  const editor = await makeMember();
  const reviewer = await makeMember();
  const outsider = await makeMember();
  const subject = `s-${Math.random().toString(36).slice(2)}`;
  const documentId = await createDocument({ kind: 'test', subjectId: subject, title: 'Test doc' });
  rights.set(`${subject}:${editor.id}`, 'edit');
  rights.set(`${subject}:${reviewer.id}`, 'comment');
  return { editor, reviewer, outsider, subject, documentId };
}

function writeParagraph(doc: Y.Doc, field: string, text: string) {
  const fragment = doc.getXmlFragment(field);
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [p]);
}

async function stored(documentId: string) {
  const row = await db.selectFrom('collab_documents').selectAll().where('id', '=', documentId).executeTakeFirstOrThrow();
  return row;
}

describe('collab websocket', () => {
  it('syncs two editors, persists the state with last editors, and reads it back as JSON and text', async () => {
    const { editor, documentId } = await setup();
    const cookie = await cookieFor(editor.id);
    const a = nodeClient({ url, documentId, cookie, origin });
    const b = nodeClient({ url, documentId, cookie, origin });
    await waitFor(() => a.events.includes('synced') && b.events.includes('synced'), 5000, 'sync');
    writeParagraph(a.doc, 'section-1', 'Hello well-known world');
    await waitFor(() => b.doc.getXmlFragment('section-1').toString().includes('Hello'), 3000, 'peer update');
    a.destroy();
    b.destroy();
    await waitFor(() => !collabServer().documents.has(documentId), 5000, 'unload');
    const row = await stored(documentId);
    expect(row.state).not.toBeNull();
    expect(JSON.parse(row.last_editors)).toEqual([editor.id]);
    const json = await readFieldsAsJSON(documentId, ['section-1']);
    expect(JSON.stringify(json['section-1'])).toContain('Hello well-known world');
    expect(await fieldText(documentId, 'section-1')).toBe('Hello well-known world');
    // The last editor left: an automatic snapshot exists.
    const snaps = await db.selectFrom('collab_snapshots').select('reason').where('document_id', '=', documentId).execute();
    expect(snaps.map((s) => s.reason)).toEqual(['auto']);
  });

  it('refuses a socket without a session, with a bad cookie, from another origin, or without rights, before any content', async () => {
    const { editor, outsider, documentId } = await setup();
    const direct = await collabServer().openDirectConnection(documentId);
    await direct.transact((doc) => writeParagraph(doc, 'section-1', 'secret budget'));
    await direct.disconnect();
    const attempts = [
      nodeClient({ url, documentId, origin }),
      nodeClient({ url, documentId, origin, cookie: 'nomi_session=forged' }),
      nodeClient({ url, documentId, origin, cookie: await cookieFor(outsider.id) }),
      nodeClient({ url, documentId, origin: 'https://evil.example', cookie: await cookieFor(editor.id) }),
      nodeClient({ url, documentId: 'no-such-document', origin, cookie: await cookieFor(editor.id) }),
    ];
    await waitFor(() => attempts.every((c) => c.events.some((e) => e.startsWith('denied'))), 5000, 'denials');
    for (const c of attempts) {
      expect(c.events).not.toContain('synced');
      expect(c.doc.getXmlFragment('section-1').length).toBe(0);
      c.destroy();
    }
    expect(await documentAccess(documentId, outsider.id)).toBeNull();
  });

  it('gives reviewers a read-only connection: their edits never reach the stored document', async () => {
    const { editor, reviewer, documentId } = await setup();
    const e = nodeClient({ url, documentId, cookie: await cookieFor(editor.id), origin });
    const r = nodeClient({ url, documentId, cookie: await cookieFor(reviewer.id), origin });
    await waitFor(() => e.events.includes('synced') && r.events.includes('synced'), 5000, 'sync');
    writeParagraph(e.doc, 'section-1', 'from the editor');
    await waitFor(() => r.doc.getXmlFragment('section-1').toString().includes('from the editor'), 3000, 'reviewer sees');
    writeParagraph(r.doc, 'section-1', 'reviewer tampering');
    await new Promise((res) => setTimeout(res, 300));
    expect(e.doc.getXmlFragment('section-1').toString()).not.toContain('tampering');
    e.destroy();
    r.destroy();
    await waitFor(() => !collabServer().documents.has(documentId), 5000, 'unload');
    expect(await fieldText(documentId, 'section-1')).toBe('from the editor');
  });

  it('closes only the connection that sends an oversized or malformed message; the document survives', async () => {
    const { editor, documentId } = await setup();
    const cookie = await cookieFor(editor.id);
    const good = nodeClient({ url, documentId, cookie, origin });
    await waitFor(() => good.events.includes('synced'), 5000, 'sync');
    writeParagraph(good.doc, 'section-1', 'keep me');
    await new Promise((res) => setTimeout(res, 200));

    const send = async (payload: Uint8Array) => {
      const ws = new WebSocket(url, { headers: { cookie, origin } });
      await new Promise((res) => ws.once('open', res));
      // Authenticate first (Hocuspocus auth message), then send the payload.
      const auth = encoding.createEncoder();
      encoding.writeVarString(auth, documentId);
      encoding.writeVarUint(auth, 2); // MessageType.Auth
      encoding.writeVarUint(auth, 0); // AuthMessageType.Token
      encoding.writeVarString(auth, 'session-cookie');
      ws.send(encoding.toUint8Array(auth));
      await new Promise((res) => setTimeout(res, 200));
      ws.send(payload);
      const code = await new Promise<number>((res) => {
        ws.once('close', (c) => res(c));
        setTimeout(() => res(-1), 3000);
      });
      ws.terminate();
      return code;
    };

    const oversized = new Uint8Array(1024 * 1024 + 10);
    expect(await send(oversized)).toBe(1009);

    const malformed = encoding.createEncoder();
    encoding.writeVarString(malformed, documentId);
    encoding.writeVarUint(malformed, 0); // Sync
    encoding.writeVarUint(malformed, 2); // Update
    encoding.writeVarUint8Array(malformed, new Uint8Array([255, 255, 255, 1, 2, 3, 4, 5, 6, 7]));
    const code = await send(encoding.toUint8Array(malformed));
    expect(code).toBe(1007);

    // The good client is still connected and still edits.
    writeParagraph(good.doc, 'section-1', 'still here');
    const peer = nodeClient({ url, documentId, cookie, origin });
    await waitFor(() => peer.doc.getXmlFragment('section-1').toString().includes('still here'), 3000, 'still editing');
    good.destroy();
    peer.destroy();
    await waitFor(() => !collabServer().documents.has(documentId), 5000, 'unload');
    expect(await fieldText(documentId, 'section-1')).toBe('keep me\nstill here');
  });
  it('closes an open connection once its member is removed from the document', async () => {
    const { editor, subject, documentId } = await setup();
    const c = nodeClient({ url, documentId, cookie: await cookieFor(editor.id), origin });
    await waitFor(() => c.events.includes('synced'), 5000, 'sync');
    writeParagraph(c.doc, 'section-1', 'before removal');
    await new Promise((res) => setTimeout(res, 300));
    rights.delete(`${subject}:${editor.id}`);
    const realNow = Date.now;
    const spy = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + RECHECK_MS + 1000);
    try {
      writeParagraph(c.doc, 'section-1', 'after removal');
      await waitFor(() => c.events.includes('closed'), 5000, 'closed');
    } finally {
      spy.mockRestore();
    }
    c.destroy();
    await waitFor(() => !collabServer().documents.has(documentId), 5000, 'unload');
    expect(await fieldText(documentId, 'section-1')).toBe('before removal');
  });
});
