import { Hocuspocus, type Extension, type onAuthenticatePayload, type beforeHandleMessagePayload, type onChangePayload, type onStoreDocumentPayload } from '@hocuspocus/server';
import { Database } from '@hocuspocus/extension-database';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { env } from '~/env.server';
import { can } from '~/policies';
import { userFromCookieHeader } from '~/modules/auth/session.server';
import { documentAccess, storeState } from './documents.server';
import { takeSnapshot, latestSnapshotAt } from './snapshots.server';
import { appendUpdate, durableState, forgetDocument, loggedUpTo } from './update-log.server';
import './access-registry.server';

/**
 * The collaboration server: the bare Hocuspocus class (no HTTP server of its own) shared by the
 * websocket endpoint (server/collab.ts) and the collab routes (restore, comments), one per process.
 * Each concern is a small extension, like Outline's.
 */
export interface CollabContext {
  userId?: string;
  access?: 'edit' | 'comment' | 'read';
  /** When the session and the right to the document were last confirmed. */
  checkedAt?: number;
  /** Access was withdrawn (revocation.server.ts): nothing more from this connection is accepted. */
  revoked?: boolean;
}

/** Open connections re-check their session and right this often, so removed partners lose access. */
export const RECHECK_MS = 30_000;

export const MAX_MESSAGE_BYTES = 1024 * 1024;
export const SNAPSHOT_EVERY_MS = 10 * 60 * 1000;
/**
 * A connection's caret/presence updates reach the document at most this often (server/collab.ts,
 * awareness-throttle.ts). Document changes are never delayed: Hocuspocus already merges the changes
 * that arrive in one event-loop turn into one broadcast (its default `flushDelay: 0`), which batches
 * more exactly when the server is busy. A fixed 25 ms window was tried: half the messages, but 20 ms
 * more latency for everyone when the server is quiet.
 */
export const AWARENESS_WINDOW_MS = 100;

/** Refuses before any content is sent: no session, a foreign origin, or no right to this document. */
class Authentication implements Extension {
  async onAuthenticate({ requestHeaders, documentName, connectionConfig, context }: onAuthenticatePayload<CollabContext>) {
    const origin = requestHeaders.get('origin');
    const host = requestHeaders.get('host');
    const allowed = new Set([new URL(env.publicUrl).origin]);
    if (host) {
      allowed.add(`http://${host}`);
      allowed.add(`https://${host}`);
    }
    if (!origin || !allowed.has(origin)) throw new Error('origin refused');
    const user = await userFromCookieHeader(requestHeaders.get('cookie'));
    if (!user) throw new Error('not signed in');
    // The same rules as the document pages (~/policies/documents), over the owning area's answer.
    const access = await documentAccess(documentName, user.id);
    if (!can(user, 'document.read', { access }) || !access) throw new Error('no access');
    context.userId = user.id;
    context.access = access;
    context.checkedAt = Date.now();
    connectionConfig.readOnly = !can(user, 'document.write', { access });
  }

  /** A session ended or a partner removed since connecting: close, or downgrade to read-only. */
  async beforeHandleMessage({ context, connection, documentName, requestHeaders }: beforeHandleMessagePayload<CollabContext>) {
    if (context.revoked) throw Object.assign(new Error('access revoked'), { code: 4403, reason: 'access-revoked' });
    // A safety net only: access changes are pushed at once by revocation.server.ts.
    if (!context.checkedAt || Date.now() - context.checkedAt < RECHECK_MS) return;
    context.checkedAt = Date.now();
    const user = await userFromCookieHeader(requestHeaders.get('cookie'));
    const access = user && user.id === context.userId ? await documentAccess(documentName, user.id) : null;
    if (!user || !access || !can(user, 'document.read', { access })) {
      setTimeout(() => connection.webSocket.close(4401, 'Unauthorized'), 0);
      throw Object.assign(new Error('access ended'), { code: 4401, reason: 'Unauthorized' });
    }
    context.access = access;
    connection.readOnly = !can(user, 'document.write', { access });
  }
}

/** Oversized or malformed messages close only the sending connection; nothing reaches the document. */
class Limits implements Extension {
  async beforeHandleMessage({ update, connection }: beforeHandleMessagePayload<CollabContext>) {
    try {
      if (update.byteLength > MAX_MESSAGE_BYTES) throw Object.assign(new Error('message too large'), { code: 1009, reason: 'Message Too Big' });
      validateSyncMessage(update);
    } catch (error) {
      // Hocuspocus only detaches the connection from the document; close the socket itself too.
      const e = error as { code: number; reason: string };
      setTimeout(() => connection.webSocket.close(e.code, e.reason), 0);
      throw error;
    }
  }
}

/**
 * Checks a Hocuspocus message: [documentName][type]…; for sync updates (type 0, steps 1/2) the Yjs
 * update must decode in full and apply to a scratch document. Throws on anything malformed.
 */
export function validateSyncMessage(message: Uint8Array): void {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type !== 0) return; // awareness, auth, stateless… are parsed defensively by Hocuspocus itself
    const step = decoding.readVarUint(decoder);
    if (step === 0) {
      decoding.readVarUint8Array(decoder);
      return;
    }
    if (step !== 1 && step !== 2) throw new Error('unknown sync step');
    const update = decoding.readVarUint8Array(decoder);
    Y.decodeUpdate(update);
    // Applying to a scratch document catches updates that decode but cannot integrate. Its guid is
    // fixed: a random one draws 32 numbers from the system's random source, which made this check
    // several times dearer (measured 230-370 µs per keystroke update; 40-110 µs now).
    const scratch = new Y.Doc({ guid: 'nomi-validate' });
    try {
      Y.applyUpdate(scratch, update);
    } finally {
      scratch.destroy();
    }
  } catch (error) {
    throw Object.assign(new Error(`malformed message: ${error instanceof Error ? error.message : 'unknown'}`), { code: 1007, reason: 'Invalid frame payload data' });
  }
}

/** Remembers who changed each open document since it was last stored, for `last_editors`. */
const editorsSince = new Map<string, Set<string>>();
const dirtySinceSnapshot = new Set<string>();

/**
 * Storage: every accepted update is appended to the update log before Hocuspocus acknowledges it
 * (update-log.server.ts); the debounced store (2 s quiet, at most every 10 s) compacts the log into
 * the document's state in the background. Loading reads state + log, so a `kill -9` loses nothing
 * the server acknowledged.
 */
class Persistence extends Database {
  constructor() {
    super({
      fetch: async ({ documentName }) => {
        const { state, upTo } = await durableState(documentName);
        // What a crash left in the log is folded in at once, so the log stays short.
        if (state && upTo > 0) await storeState(documentName, state, [], upTo);
        return state;
      },
      store: async ({ documentName, state }) => {
        // Read first, synchronously: `state` was encoded in this same turn, so it holds exactly the
        // updates logged so far.
        const upTo = loggedUpTo(documentName);
        const editors = [...(editorsSince.get(documentName) ?? [])];
        editorsSince.delete(documentName);
        await storeState(documentName, state, editors, upTo);
      },
    });
  }

  async onLoadDocument(data: Parameters<Database['onLoadDocument']>[0]) {
    const loaded = await super.onLoadDocument(data);
    const { document, documentName } = data;
    // Fires inside Y.applyUpdate, i.e. before Hocuspocus sends the acknowledgement. The stored state
    // itself is applied while `isLoading` is still true and is not logged again.
    document.on('update', (update: Uint8Array, origin: unknown) => {
      if (document.isLoading) return;
      appendUpdate(documentName, update, originUserId(origin));
    });
    return loaded;
  }

  async afterUnloadDocument({ documentName }: { documentName: string }) {
    forgetDocument(documentName);
  }

  async onChange({ documentName, context, connection }: onChangePayload<CollabContext>) {
    // Only people's edits call for automatic snapshots; server changes (restore) make their own.
    if (connection) dirtySinceSnapshot.add(documentName);
    if (context?.userId) {
      let set = editorsSince.get(documentName);
      if (!set) editorsSince.set(documentName, (set = new Set()));
      set.delete(context.userId);
      set.add(context.userId);
    }
  }
}

/** The member behind a Hocuspocus transaction origin (a connection, or a direct connection's context). */
function originUserId(origin: unknown): string | null {
  const o = origin as { source?: string; connection?: { context?: CollabContext }; context?: CollabContext } | null;
  return o?.connection?.context?.userId ?? o?.context?.userId ?? null;
}

/** Automatic snapshots: when the last editor leaves, and at most every 10 minutes while editing. */
class Snapshots implements Extension {
  async afterStoreDocument({ documentName, document, clientsCount }: onStoreDocumentPayload<CollabContext>) {
    if (!dirtySinceSnapshot.has(documentName)) return;
    const last = await latestSnapshotAt(documentName);
    if (clientsCount > 0 && last !== null && Date.now() - last < SNAPSHOT_EVERY_MS) return;
    dirtySinceSnapshot.delete(documentName);
    await takeSnapshot(documentName, Y.encodeStateAsUpdate(document), { reason: 'auto' });
  }
}

/** Exposes open documents to documents.server.ts so readers see live content. */
class LiveRegistry implements Extension {
  async afterLoadDocument({ documentName, document }: { documentName: string; document: Y.Doc }) {
    liveDocs().set(documentName, document);
  }
  async afterUnloadDocument({ documentName }: { documentName: string }) {
    liveDocs().delete(documentName);
  }
}

function liveDocs(): Map<string, Y.Doc> {
  const g = globalThis as unknown as { __nomiCollabLiveDocs?: Map<string, Y.Doc> };
  return (g.__nomiCollabLiveDocs ??= new Map());
}

const holder = globalThis as unknown as { __nomiCollab?: Hocuspocus<CollabContext> };

/** The process's one Hocuspocus instance. */
export function collabServer(): Hocuspocus<CollabContext> {
  holder.__nomiCollab ??= new Hocuspocus<CollabContext>({
    name: 'nomi-collab',
    quiet: true,
    debounce: 2_000,
    maxDebounce: 10_000,
    extensions: [new Authentication(), new Limits(), new Persistence(), new Snapshots(), new LiveRegistry()],
  });
  return holder.__nomiCollab;
}

/** Store everything pending and close every connection (SIGTERM/SIGINT). */
export async function flushCollab(): Promise<void> {
  const instance = holder.__nomiCollab;
  if (!instance) return;
  instance.flushPendingStores();
  // Wait for the stores that were just started to finish.
  await Promise.all([...instance.documents.values()].map((d) => d.saveMutex.waitForUnlock()));
  for (let i = 0; i < 50 && [...instance.documents.values()].some((d) => instance.debouncer.isCurrentlyExecuting(`onStoreDocument-${d.name}`)); i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  instance.closeConnections();
}

/**
 * A change made by the server (restore, comment anchors): applied to the live document when it is
 * open (so every editor receives it), else loaded, changed and stored.
 */
export async function changeDocument(documentId: string, change: (doc: Y.Doc) => void, context: CollabContext = {}): Promise<void> {
  const connection = await collabServer().openDirectConnection(documentId, context);
  try {
    await connection.transact((doc) => {
      // A fresh Yjs client id for each server-side change (restore, template, demo data), as Yjs itself
      // does on a clash: the server's document would otherwise write every such change under one id,
      // and history (collab_clients) would credit them all to whoever made the first.
      doc.clientID = Math.floor(Math.random() * 0xffffffff) >>> 0;
      change(doc);
    });
  } finally {
    await connection.disconnect();
  }
}
