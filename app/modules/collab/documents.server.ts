import * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import { db } from '~db/connection';
import { newId } from '~/modules/auth/tokens.server';
import { resolveAccess, type DocumentAccess } from './access.server';
import { proseMirrorText, type ProseMirrorJSON } from './word-count';
import { durableState } from './update-log.server';

/**
 * Collaborative documents: one Y.Doc per document, one Y.XmlFragment per named field (bids use
 * `section-<sectionId>`). The state is stored by the websocket server (collab.server.ts); while a
 * document is open there, readers here see the live in-memory state, not a copy up to 10 s old.
 */
export interface DocumentRow {
  id: string;
  kind: string;
  subjectId: string;
  title: string;
  updatedAt: number;
  lastEditors: string[];
}

/** The live Hocuspocus documents of this process (set by collab.server.ts; shared across module graphs). */
const live = globalThis as unknown as { __nomiCollabLiveDocs?: Map<string, Y.Doc> };

export const MAX_TITLE = 300;

export async function createDocument(input: { kind: string; subjectId: string; title: string }): Promise<string> {
  const existing = await documentForSubject(input.kind, input.subjectId);
  if (existing) return existing.id;
  const id = newId();
  const now = Date.now();
  await db
    .insertInto('collab_documents')
    .values({
      id,
      kind: input.kind,
      subject_id: input.subjectId,
      title: input.title.slice(0, MAX_TITLE),
      state: null,
      updated_at: now,
      last_editors: '[]',
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['kind', 'subject_id']).doNothing())
    .execute();
  const row = await documentForSubject(input.kind, input.subjectId);
  return row!.id;
}

export async function documentForSubject(kind: string, subjectId: string): Promise<{ id: string; title: string; updatedAt: number } | null> {
  const row = await db
    .selectFrom('collab_documents')
    .select(['id', 'title', 'updated_at'])
    .where('kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  return row ? { id: row.id, title: row.title, updatedAt: row.updated_at } : null;
}

export async function getDocument(documentId: string): Promise<DocumentRow | null> {
  const row = await db
    .selectFrom('collab_documents')
    .select(['id', 'kind', 'subject_id', 'title', 'updated_at', 'last_editors'])
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    subjectId: row.subject_id,
    title: row.title,
    updatedAt: row.updated_at,
    lastEditors: parseIds(row.last_editors),
  };
}

export async function renameDocument(documentId: string, title: string): Promise<void> {
  await db.updateTable('collab_documents').set({ title: title.slice(0, MAX_TITLE) }).where('id', '=', documentId).execute();
}

/** What this member may do with the document, as its kind's resolver says; null when unknown or none. */
export async function documentAccess(documentId: string, userId: string): Promise<DocumentAccess | null> {
  if (!documentId || !userId) return null;
  const row = await db.selectFrom('collab_documents').select(['kind', 'subject_id']).where('id', '=', documentId).executeTakeFirst();
  if (!row) return null;
  return resolveAccess(row.kind, row.subject_id, userId);
}

/** The current state: live in memory when the document is open on the websocket, else the stored blob. */
export async function currentState(documentId: string): Promise<Uint8Array | null> {
  const doc = live.__nomiCollabLiveDocs?.get(documentId);
  if (doc) return Y.encodeStateAsUpdate(doc);
  // Stored state plus the updates logged since (acknowledged, not yet compacted).
  return (await durableState(documentId)).state;
}

export function docFromState(state: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc();
  if (state && state.byteLength > 0) Y.applyUpdate(doc, state);
  return doc;
}

export function fieldJSON(doc: Y.Doc, field: string): ProseMirrorJSON {
  const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(field)) as ProseMirrorJSON;
  return { type: 'doc', content: json.content ?? [] };
}

export async function readFieldsAsJSON(documentId: string, fields: string[]): Promise<Record<string, unknown>> {
  const doc = docFromState(await currentState(documentId));
  try {
    const out: Record<string, unknown> = {};
    for (const field of fields) out[field] = fieldJSON(doc, field);
    return out;
  } finally {
    doc.destroy();
  }
}

/** Plain text of one field (blocks on their own lines), the same text the editor counts words in. */
export async function fieldText(documentId: string, field: string): Promise<string> {
  const doc = docFromState(await currentState(documentId));
  try {
    return proseMirrorText(fieldJSON(doc, field));
  } finally {
    doc.destroy();
  }
}

export function parseIds(json: string | null | undefined): string[] {
  try {
    const value: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Persist a state (from the websocket server's store hook or a server-side change). `logUpTo`: the
 * update-log rows this state already contains, deleted in the same transaction (compaction).
 */
export async function storeState(documentId: string, state: Uint8Array, editors: string[], logUpTo = 0): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('collab_documents').select('last_editors').where('id', '=', documentId).executeTakeFirst();
    if (!row) return;
    const merged = [...editors, ...parseIds(row.last_editors).filter((id) => !editors.includes(id))].slice(0, 20);
    await trx
      .updateTable('collab_documents')
      .set({ state: Buffer.from(state), updated_at: Date.now(), last_editors: JSON.stringify(merged) })
      .where('id', '=', documentId)
      .execute();
    if (logUpTo > 0) await trx.deleteFrom('collab_updates').where('document_id', '=', documentId).where('id', '<=', logUpTo).execute();
  });
}
