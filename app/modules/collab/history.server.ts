import * as Y from 'yjs';
import { Node as PMNode } from '@tiptap/pm/model';
import { updateYFragment } from 'y-prosemirror';
import { db } from '~db/connection';
import type { SnapshotReason } from '~db/schema.collab';
import { changeDocument } from './collab.server';
import { currentState, docFromState, fieldJSON, parseIds } from './documents.server';
import { attributedDiff, peopleNamed, type AttributedPart } from './attribution.server';
import { documentSchema } from './extensions';
import { takeSnapshot } from './snapshots.server';
import { proseMirrorText, type ProseMirrorJSON } from './word-count';

/**
 * Version history: automatic snapshots (collab.server.ts), named ones, and restore. A restore first
 * saves the current state, then rewrites each field to the snapshot's content inside the live
 * document (so connected editors receive it as an ordinary change), then records the result: nothing
 * is ever lost.
 */
export interface SnapshotListItem {
  id: string;
  name: string | null;
  reason: SnapshotReason;
  createdAt: number;
  createdBy: string | null;
  /** The people whose edits this version holds (since the version before), names as they show them. */
  editors: Array<{ id: string; name: string }>;
}

export async function listSnapshots(documentId: string): Promise<SnapshotListItem[]> {
  const rows = await db
    .selectFrom('collab_snapshots')
    .leftJoin('users', 'users.id', 'collab_snapshots.created_by')
    .select(['collab_snapshots.id', 'collab_snapshots.name', 'reason', 'collab_snapshots.created_at', 'users.name as creator', 'collab_snapshots.editors'])
    .where('document_id', '=', documentId)
    .orderBy('collab_snapshots.created_at', 'desc')
    .orderBy('collab_snapshots.id', 'desc')
    .limit(500)
    .execute();
  const editorIds = rows.map((r) => parseIds(r.editors));
  const people = new Map((await peopleNamed([...new Set(editorIds.flat())])).map((p) => [p.id, p]));
  return rows.map((r, i) => ({
    id: r.id,
    name: r.name,
    reason: r.reason,
    createdAt: r.created_at,
    createdBy: r.creator ?? null,
    editors: editorIds[i]!.flatMap((id) => (people.has(id) ? [people.get(id)!] : [])).sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

export async function snapshotState(documentId: string, snapshotId: string): Promise<Uint8Array | null> {
  const row = await db.selectFrom('collab_snapshots').select('state').where('id', '=', snapshotId).where('document_id', '=', documentId).executeTakeFirst();
  return row ? new Uint8Array(row.state) : null;
}

/** Field names present in a document state (fragments with content), in the order given first. */
function fieldNames(doc: Y.Doc, preferred: string[]): string[] {
  const names = new Set(preferred);
  for (const [name, type] of doc.share) {
    if (type instanceof Y.XmlFragment || type._start) names.add(name);
  }
  return [...names];
}

export async function snapshotFields(documentId: string, snapshotId: string, outline: string[]): Promise<Record<string, ProseMirrorJSON> | null> {
  const state = await snapshotState(documentId, snapshotId);
  if (!state) return null;
  const doc = docFromState(state);
  try {
    const out: Record<string, ProseMirrorJSON> = {};
    for (const name of outline) out[name] = fieldJSON(doc, name);
    // Fields no longer in the outline (deleted sections) are shown when they had text.
    for (const name of fieldNames(doc, [])) {
      if (name in out) continue;
      const json = fieldJSON(doc, name);
      if (!outline.length || proseMirrorText(json).trim()) out[name] = json;
    }
    return out;
  } finally {
    doc.destroy();
  }
}

/**
 * Two versions compared, each change marked with the person who made it (issue 12.7). `toId` null
 * means the current text; the older of the two is always the base, whichever order they are given.
 */
export async function compareVersions(
  documentId: string,
  fromId: string,
  toId: string | null,
  outline: string[],
): Promise<{ fields: Array<{ field: string; parts: AttributedPart[]; changed: boolean }>; people: Array<{ id: string; name: string }>; from: string; to: string | null } | null> {
  const load = (id: string) => db.selectFrom('collab_snapshots').select(['id', 'state', 'created_at']).where('id', '=', id).where('document_id', '=', documentId).executeTakeFirst();
  const a = await load(fromId);
  const b = toId ? await load(toId) : null;
  if (!a || (toId && !b)) return null;
  const [older, newer] = b && b.created_at < a.created_at ? [b, a] : [a, b];
  const newerState = newer ? new Uint8Array(newer.state) : await currentState(documentId);
  const olderState = new Uint8Array(older.state);
  const before = docFromState(olderState);
  const after = docFromState(newerState);
  const names = outline.length ? outline : fieldNames(after, fieldNames(before, outline));
  before.destroy();
  after.destroy();
  const fields = await attributedDiff(documentId, olderState, newerState, names);
  const ids = [...new Set(fields.flatMap((f) => f.parts.map((p) => p.by)).filter((id): id is string => !!id))];
  return { fields, people: await peopleNamed(ids), from: older.id, to: newer?.id ?? null };
}

export async function nameCurrentVersion(documentId: string, name: string, userId: string): Promise<string> {
  const state = await currentState(documentId);
  return takeSnapshot(documentId, state ?? Y.encodeStateAsUpdate(new Y.Doc()), { reason: 'named', name, userId });
}

function toNode(json: ProseMirrorJSON): PMNode {
  const schema = documentSchema();
  try {
    const node = PMNode.fromJSON(schema, json);
    node.check();
    return node;
  } catch {
    return schema.topNodeType.createAndFill()!;
  }
}

/** Restores a snapshot. Returns false when the snapshot is not this document's. */
export async function restoreSnapshot(documentId: string, snapshotId: string, userId: string, outline: string[]): Promise<boolean> {
  const state = await snapshotState(documentId, snapshotId);
  if (!state) return false;
  const source = await db.selectFrom('collab_snapshots').select(['name', 'created_at']).where('id', '=', snapshotId).executeTakeFirstOrThrow();
  const current = await currentState(documentId);
  await takeSnapshot(documentId, current ?? Y.encodeStateAsUpdate(new Y.Doc()), { reason: 'before_restore', userId });
  const snapshot = docFromState(state);
  try {
    const targets = new Map<string, PMNode>();
    const currentDoc = docFromState(current);
    // Only the document's current fields: a deleted section's text is not put back, unseen, into the
    // document (it stays readable in the version itself).
    for (const field of outline.length ? outline : fieldNames(currentDoc, fieldNames(snapshot, outline))) targets.set(field, toNode(fieldJSON(snapshot, field)));
    currentDoc.destroy();
    await changeDocument(
      documentId,
      (doc) => {
        for (const [field, node] of targets) {
          updateYFragment(doc, doc.getXmlFragment(field), node, { mapping: new Map(), isOMark: new Map() });
        }
      },
      { userId },
    );
  } finally {
    snapshot.destroy();
  }
  const after = await currentState(documentId);
  await takeSnapshot(documentId, after ?? state, { reason: 'restore', userId, name: source.name });
  return true;
}

/**
 * Writes one field's text from a snapshot into the live document, through the same path as a full
 * restore (connected editors receive it as an ordinary change). Returns false when the snapshot is
 * not this document's or the field had no text in it.
 */
export async function restoreFieldFromSnapshot(documentId: string, snapshotId: string, field: string, userId: string): Promise<boolean> {
  const state = await snapshotState(documentId, snapshotId);
  if (!state) return false;
  const snapshot = docFromState(state);
  let node: PMNode;
  try {
    const json = fieldJSON(snapshot, field);
    if (!proseMirrorText(json).trim()) return false;
    node = toNode(json);
  } finally {
    snapshot.destroy();
  }
  await changeDocument(
    documentId,
    (doc) => {
      updateYFragment(doc, doc.getXmlFragment(field), node, { mapping: new Map(), isOMark: new Map() });
    },
    { userId },
  );
  return true;
}
