import { db } from '~db/connection';
import type { SnapshotReason } from '~db/schema.collab';
import { newId } from '~/modules/auth/tokens.server';
import { MAX_SNAPSHOT_NAME } from './limits';
import { editorsBetween } from './attribution.server';

export { MAX_SNAPSHOT_NAME };

export async function takeSnapshot(
  documentId: string,
  state: Uint8Array,
  options: { reason: SnapshotReason; name?: string | null; userId?: string | null },
): Promise<string> {
  const id = newId();
  // Whose edits this version holds since the one before (issue 12.7); a failure here must not cost
  // the version itself.
  const previous = await db.selectFrom('collab_snapshots').select(['state', 'created_at']).where('document_id', '=', documentId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const editors = await editorsBetween(documentId, previous ? { state: new Uint8Array(previous.state), createdAt: previous.created_at } : null, state).catch(() => []);
  await db
    .insertInto('collab_snapshots')
    .values({
      id,
      document_id: documentId,
      state: Buffer.from(state),
      name: options.name?.trim() ? options.name.trim().slice(0, MAX_SNAPSHOT_NAME) : null,
      reason: options.reason,
      created_by: options.userId ?? null,
      created_at: Date.now(),
      editors: JSON.stringify(editors),
    })
    .execute();
  return id;
}

export async function latestSnapshotAt(documentId: string): Promise<number | null> {
  const row = await db
    .selectFrom('collab_snapshots')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('document_id', '=', documentId)
    .executeTakeFirst();
  return row?.at == null ? null : Number(row.at);
}
