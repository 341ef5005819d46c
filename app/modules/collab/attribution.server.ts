import * as Y from 'yjs';
import { db } from '~db/connection';
import { clientOwners } from './update-log.server';

/**
 * History says who (issue 12.7).
 *
 * Who inserted a piece of text is in the Yjs state itself: every item carries the id of the client
 * that created it, and collab_clients maps each client id to the member whose connection first sent
 * it (server-side changes get a client id of their own, see changeDocument). Who deleted it is not:
 * a delete set is only ranges of ids, so each accepted update's delete ranges are kept with their
 * sender in collab_deletions (update-log.server.ts).
 *
 * Comparing two versions replays both states into one document that keeps deleted content
 * (gc: false): the older state first, its snapshot taken, then the newer one. Each piece of text is
 * then in the older version, the newer, or both — added by its inserter, removed by its deleter.
 */

export type AttributedKind = 'same' | 'added' | 'removed';
export interface AttributedPart {
  kind: AttributedKind;
  text: string;
  /** The member who made the change (null for unchanged text, or a change made before this was recorded). */
  by: string | null;
}

interface DeletionRange {
  clock: number;
  len: number;
  userId: string;
}

async function deletionsOf(documentId: string): Promise<Map<number, DeletionRange[]>> {
  const rows = await db.selectFrom('collab_deletions').select(['client_id', 'clock', 'len', 'user_id']).where('document_id', '=', documentId).orderBy('id').execute();
  const out = new Map<number, DeletionRange[]>();
  for (const r of rows) {
    let list = out.get(r.client_id);
    if (!list) out.set(r.client_id, (list = []));
    list.push({ clock: r.clock, len: r.len, userId: r.user_id });
  }
  return out;
}

/** The member ids whose edits `state` holds beyond `previous` (null: everything in `state`). */
export async function editorsBetween(documentId: string, previous: { state: Uint8Array; createdAt: number } | null, state: Uint8Array): Promise<string[]> {
  const before = previous ? Y.decodeStateVector(Y.encodeStateVectorFromUpdate(previous.state)) : new Map<number, number>();
  const after = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state));
  const owners = await clientOwners(documentId);
  const ids = new Set<string>();
  for (const [client, clock] of after) {
    const owner = owners.get(client);
    if (owner && clock > (before.get(client) ?? 0)) ids.add(owner);
  }
  // Deleting adds no new ids to a state, so those who only deleted come from the deletion log.
  let q = db.selectFrom('collab_deletions').select('user_id').distinct().where('document_id', '=', documentId);
  if (previous) q = q.where('created_at', '>', previous.createdAt);
  for (const r of await q.execute()) ids.add(r.user_id);
  return [...ids];
}

const visibleIn = (item: Y.Item, snap: Y.Snapshot) => item.id.clock < (snap.sv.get(item.id.client) ?? 0) && !Y.isDeleted(snap.ds, item.id);

/**
 * Per field, the text of `older` and `newer` merged, each piece marked same / added (by whom) /
 * removed (by whom). Blocks (paragraphs, list items, cells) end with a line break.
 */
export async function attributedDiff(documentId: string, older: Uint8Array | null, newer: Uint8Array | null, fields: string[]): Promise<Array<{ field: string; parts: AttributedPart[]; changed: boolean }>> {
  const owners = await clientOwners(documentId);
  const deletions = await deletionsOf(documentId);
  // Only newly deleted ranges are recorded, so a client's ranges never overlap: sorted, they can be
  // binary-searched (a long document can have many thousand single-character deletions).
  for (const list of deletions.values()) list.sort((x, y) => x.clock - y.clock);
  const deleter = (client: number, clock: number) => {
    const list = deletions.get(client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = list[mid]!;
      if (clock < d.clock) hi = mid - 1;
      else if (clock >= d.clock + d.len) lo = mid + 1;
      else return d.userId;
    }
    return null;
  };

  const doc = new Y.Doc({ gc: false });
  try {
    if (older?.byteLength) Y.applyUpdate(doc, older);
    const snapOld = Y.snapshot(doc);
    if (newer?.byteLength) Y.applyUpdate(doc, newer);
    const snapNew = Y.snapshot(doc);

    return fields.map((field) => {
      const parts: AttributedPart[] = [];
      const push = (kind: AttributedKind, text: string, by: string | null) => {
        if (!text) return;
        const last = parts[parts.length - 1];
        if (last && last.kind === kind && last.by === by) last.text += text;
        else parts.push({ kind, text, by: kind === 'same' ? null : by });
      };
      const walk = (type: Y.AbstractType<unknown>) => {
        for (let item = type._start; item; item = item.right) {
          const { content } = item;
          if (content instanceof Y.ContentString) {
            // Character by character: Yjs merges neighbouring items of one client, so an item may
            // hold text from before and after a version, or parts deleted at different times.
            const { client, clock } = item.id;
            Array.from(content.str).forEach((ch, i) => {
              const id = Y.createID(client, clock + i);
              const inOld = clock + i < (snapOld.sv.get(client) ?? 0) && !Y.isDeleted(snapOld.ds, id);
              const inNew = clock + i < (snapNew.sv.get(client) ?? 0) && !Y.isDeleted(snapNew.ds, id);
              if (inOld && inNew) push('same', ch, null);
              else if (inNew) push('added', ch, owners.get(client) ?? null);
              else if (inOld) push('removed', ch, deleter(client, clock + i));
            });
            continue;
          }
          const inOld = visibleIn(item, snapOld);
          const inNew = visibleIn(item, snapNew);
          if (!inOld && !inNew) continue;
          const kind: AttributedKind = inOld && inNew ? 'same' : inNew ? 'added' : 'removed';
          if (content instanceof Y.ContentType) {
            walk(content.type as Y.AbstractType<unknown>);
            if (content.type instanceof Y.XmlElement) {
              const last = parts[parts.length - 1];
              if (!last || !last.text.endsWith('\n')) push(kind, '\n', kind === 'added' ? (owners.get(item.id.client) ?? null) : kind === 'removed' ? deleter(item.id.client, item.id.clock) : null);
            }
          }
        }
      };
      walk(doc.getXmlFragment(field) as unknown as Y.AbstractType<unknown>);
      const last = parts[parts.length - 1];
      if (last?.text.endsWith('\n')) {
        last.text = last.text.slice(0, -1);
        if (!last.text) parts.pop();
      }
      return { field, parts, changed: parts.some((p) => p.kind !== 'same') };
    });
  } finally {
    doc.destroy();
  }
}

/** Names as members chose to show them (their account name); people whose account is gone are left out. */
export async function peopleNamed(ids: string[]): Promise<Array<{ id: string; name: string }>> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return ids.flatMap((id) => (names.has(id) ? [{ id, name: names.get(id)! }] : []));
}
