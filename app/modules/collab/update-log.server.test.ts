import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember } from '../../../test/factories';
import { createSessionCookie } from '~/modules/auth/session.server';
import { db } from '~db/connection';
import { registerDocumentAccess } from './access.server';
import { collabServer, flushCollab } from './collab.server';
import { createDocument, fieldText } from './documents.server';
import { nodeClient, waitFor } from './node-client';
import { clientOwners, durableState } from './update-log.server';
import { handleUpgrade } from '../../../server/upgrade';
import { attachCollab } from '../../../server/collab';
import { runShutdownHooks } from '../../../server/shutdown';

/**
 * Issue 12.3: what the server acknowledged is in the database at once (the update log), not 2–10 s
 * later when the debounced store runs; the store compacts the log; loading reads state + log.
 */
const rights = new Map<string, 'edit'>();
registerDocumentAccess('logtest', async (subjectId, userId) => rights.get(`${subjectId}:${userId}`) ?? null);

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

async function setup() {
  const editor = await makeMember();
  const subject = `s-${Math.random().toString(36).slice(2)}`;
  const documentId = await createDocument({ kind: 'logtest', subjectId: subject, title: 'Log doc' });
  rights.set(`${subject}:${editor.id}`, 'edit');
  const cookie = (await createSessionCookie(editor.id)).split(';')[0]!;
  return { editor, documentId, cookie };
}

function textOf(state: Uint8Array | null, field: string): string {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc.getXmlFragment(field).toString();
}

function type(doc: Y.Doc, field: string, text: string) {
  const fragment = doc.getXmlFragment(field);
  if (fragment.length === 0) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('')]);
    fragment.insert(0, [p]);
  }
  const t = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  for (const ch of text) t.insert(t.length, ch);
}

describe('update log', () => {
  it('holds every acknowledged keystroke before the debounced store runs', async () => {
    const { editor, documentId, cookie } = await setup();
    const client = nodeClient({ url, documentId, cookie, origin });
    await waitFor(() => client.events.includes('synced'), 5000, 'sync');
    type(client.doc, 'body', 'acknowledged');
    await waitFor(() => client.provider.unsyncedChanges === 0, 5000, 'acknowledgement');

    // The debounced store (2 s) has not run: the state column is still empty…
    const row = await db.selectFrom('collab_documents').select('state').where('id', '=', documentId).executeTakeFirstOrThrow();
    expect(textOf(row.state ? new Uint8Array(row.state) : null, 'body')).not.toContain('acknowledged');
    // …but the log has it, attributed to the member, and state + log is the whole text.
    const logged = await db.selectFrom('collab_updates').select(['user_id']).where('document_id', '=', documentId).execute();
    expect(logged.length).toBeGreaterThanOrEqual('acknowledged'.length);
    expect(new Set(logged.map((l) => l.user_id))).toEqual(new Set([editor.id]));
    expect(textOf((await durableState(documentId)).state, 'body')).toContain('acknowledged');
    expect([...(await clientOwners(documentId)).entries()]).toEqual([[client.doc.clientID, editor.id]]);

    // The store compacts: the state holds the text and the covered log rows are gone.
    await flushCollab();
    client.destroy();
    const after = await db.selectFrom('collab_documents').select('state').where('id', '=', documentId).executeTakeFirstOrThrow();
    expect(textOf(new Uint8Array(after.state!), 'body')).toContain('acknowledged');
    expect(await db.selectFrom('collab_updates').select('id').where('document_id', '=', documentId).execute()).toEqual([]);
  });

  it('loads state plus the updates a crash left in the log, and folds them in', async () => {
    const { documentId, cookie } = await setup();
    // As after kill -9: a stored state and two logged updates that never reached it.
    const base = new Y.Doc();
    type(base, 'body', 'stored ');
    await db.updateTable('collab_documents').set({ state: Buffer.from(Y.encodeStateAsUpdate(base)) }).where('id', '=', documentId).execute();
    const sv = Y.encodeStateVector(base);
    type(base, 'body', 'logged');
    const tail = Y.encodeStateAsUpdate(base, sv);
    await db.insertInto('collab_updates').values({ document_id: documentId, data: Buffer.from(tail), user_id: null, created_at: Date.now() }).execute();
    // The same update twice (a retry) does no harm: Yjs updates are idempotent.
    await db.insertInto('collab_updates').values({ document_id: documentId, data: Buffer.from(tail), user_id: null, created_at: Date.now() }).execute();

    expect(await fieldText(documentId, 'body')).toBe('stored logged');
    const client = nodeClient({ url, documentId, cookie, origin });
    await waitFor(() => client.events.includes('synced'), 5000, 'sync');
    expect(client.doc.getXmlFragment('body').toString()).toContain('stored logged');
    expect(await db.selectFrom('collab_updates').select('id').where('document_id', '=', documentId).execute()).toEqual([]);
    client.destroy();
    expect(collabServer()).toBeTruthy();
  });
});
