import * as Y from 'yjs';
import { db, rawSqlite } from '~db/connection';

/**
 * Durable on acknowledgement (issue 12.3). Hocuspocus acknowledges an update (its SyncStatus message)
 * in the same synchronous call that applies it to the document. We append the update to
 * `collab_updates` from the document's own 'update' event, which fires inside that call and before the
 * acknowledgement is written, with better-sqlite3's synchronous API — so nothing the server has
 * acknowledged can be lost to `kill -9` (WAL with synchronous=NORMAL survives a process crash; only a
 * power cut can lose the last transactions). One small insert per update costs tens of microseconds.
 *
 * The debounced store (collab.server.ts) folds the log into `collab_documents.state` in the
 * background and deletes the rows its state covers; loading reads state + whatever is still logged.
 */

/** The highest log id appended for each open document, read synchronously by the store. */
const holder = globalThis as unknown as { __nomiCollabLogged?: Map<string, number>; __nomiCollabClients?: Set<string> };
const lastLogged = (holder.__nomiCollabLogged ??= new Map());
const knownClients = (holder.__nomiCollabClients ??= new Set());

const waiting: Array<{ documentId: string; update: Uint8Array; userId: string | null }> = [];
let flushTimer: NodeJS.Immediate | null = null;

/**
 * Appends one update now (synchronously), in its own autocommit transaction. The process shares one
 * SQLite connection: if another module's transaction is open on it at this instant (only possible
 * when that transaction awaits real I/O), an insert now would commit or roll back with it, so the
 * update waits for the next turn of the event loop instead.
 */
export function appendUpdate(documentId: string, update: Uint8Array, userId: string | null): void {
  if (waiting.length || rawSqlite().inTransaction) {
    waiting.push({ documentId, update, userId });
    flushTimer ??= setImmediate(flushWaiting);
    return;
  }
  insertUpdate(documentId, update, userId);
}

function flushWaiting(): void {
  flushTimer = null;
  if (rawSqlite().inTransaction) {
    flushTimer = setImmediate(flushWaiting);
    return;
  }
  const batch = waiting.splice(0);
  rawSqlite().transaction(() => {
    for (const w of batch) insertUpdate(w.documentId, w.update, w.userId);
  })();
}

function insertUpdate(documentId: string, update: Uint8Array, userId: string | null): number {
  const sqlite = rawSqlite();
  const now = Date.now();
  const info = sqlite
    .prepare('insert into collab_updates (document_id, data, user_id, created_at) values (?, ?, ?, ?)')
    .run(documentId, Buffer.from(update), userId, now);
  const id = Number(info.lastInsertRowid);
  lastLogged.set(documentId, id);
  if (userId) {
    rememberClients(documentId, update, userId, now);
    rememberDeletions(documentId, update, userId, now);
  }
  return id;
}

/**
 * Records the id ranges the update deletes, with the member who sent it (history: who removed what).
 * The update here is the one Yjs emits per transaction, whose delete set holds only what that
 * transaction newly deleted — not the whole delete set a reconnecting client sends in its sync — so a
 * member who merely reconnects is never credited with others' deletions.
 */
function rememberDeletions(documentId: string, update: Uint8Array, userId: string, now: number): void {
  let ds: ReturnType<typeof Y.decodeUpdate>['ds'];
  try {
    ds = Y.decodeUpdate(update).ds;
  } catch {
    return;
  }
  if (!ds.clients.size) return;
  const insert = rawSqlite().prepare('insert into collab_deletions (document_id, client_id, clock, len, user_id, created_at) values (?, ?, ?, ?, ?, ?)');
  for (const [client, items] of ds.clients) for (const item of items) insert.run(documentId, client, item.clock, item.len, userId, now);
}

/** Records which member each new Yjs client id in the update belongs to (once per client). */
function rememberClients(documentId: string, update: Uint8Array, userId: string, now: number): void {
  let clients: number[];
  try {
    clients = [...Y.parseUpdateMeta(update).to.keys()];
  } catch {
    return;
  }
  const insert = rawSqlite().prepare('insert or ignore into collab_clients (document_id, client_id, user_id, created_at) values (?, ?, ?, ?)');
  for (const client of clients) {
    const key = `${documentId}:${client}`;
    if (knownClients.has(key)) continue;
    knownClients.add(key);
    insert.run(documentId, client, userId, now);
  }
}

/** The newest log id appended for the document in this process (0 when none), for compaction. */
export function loggedUpTo(documentId: string): number {
  return lastLogged.get(documentId) ?? 0;
}

/** Updates still in the log for a document, oldest first. */
export async function pendingUpdates(documentId: string): Promise<Array<{ id: number; data: Uint8Array }>> {
  const rows = await db.selectFrom('collab_updates').select(['id', 'data']).where('document_id', '=', documentId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, data: new Uint8Array(r.data) }));
}

/** The stored state merged with the logged updates: what the server has acknowledged. */
export async function durableState(documentId: string): Promise<{ state: Uint8Array | null; upTo: number }> {
  const row = await db.selectFrom('collab_documents').select('state').where('id', '=', documentId).executeTakeFirst();
  const base = row?.state ? new Uint8Array(row.state) : null;
  const pending = await pendingUpdates(documentId);
  if (!pending.length) return { state: base, upTo: 0 };
  const parts = base ? [base, ...pending.map((p) => p.data)] : pending.map((p) => p.data);
  return { state: Y.mergeUpdates(parts), upTo: pending.at(-1)!.id };
}

/** Deletes the log rows a stored state now covers (ids up to and including `upTo`). */
export async function dropCovered(documentId: string, upTo: number): Promise<void> {
  if (upTo <= 0) return;
  await db.deleteFrom('collab_updates').where('document_id', '=', documentId).where('id', '<=', upTo).execute();
}

/** Member ids per Yjs client id of a document. */
export async function clientOwners(documentId: string): Promise<Map<number, string>> {
  const rows = await db.selectFrom('collab_clients').select(['client_id', 'user_id']).where('document_id', '=', documentId).execute();
  return new Map(rows.map((r) => [r.client_id, r.user_id]));
}

/** Forget in-memory bookkeeping when a document is unloaded. */
export function forgetDocument(documentId: string): void {
  lastLogged.delete(documentId);
  for (const key of knownClients) if (key.startsWith(`${documentId}:`)) knownClients.delete(key);
}
