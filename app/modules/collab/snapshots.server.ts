import { db } from '~db/connection';
import type { SnapshotReason } from '~db/schema.collab';
import { newId } from '~/modules/auth/tokens.server';
import { MAX_SNAPSHOT_NAME } from './limits';

export { MAX_SNAPSHOT_NAME };

export async function takeSnapshot(
  documentId: string,
  state: Uint8Array,
  options: { reason: SnapshotReason; name?: string | null; userId?: string | null },
): Promise<string> {
  const id = newId();
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
