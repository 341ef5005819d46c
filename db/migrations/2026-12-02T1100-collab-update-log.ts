import { sql, type Kysely } from 'kysely';

/**
 * Collab durability and attribution (issue 12 items 3 and 7).
 *  - collab_updates: every Yjs update the server accepts, appended before it is acknowledged; folded
 *    into collab_documents.state by the background store, which then deletes the rows it covered.
 *  - collab_clients: which member each Yjs client id belongs to, so history can say who wrote what.
 *  - collab_snapshots.editors: the members whose edits went into a version since the one before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('collab_updates')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('document_id', 'text', (c) => c.notNull().references('collab_documents.id').onDelete('cascade'))
    .addColumn('data', 'blob', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('collab_updates_document').on('collab_updates').columns(['document_id', 'id']).execute();
  await db.schema
    .createTable('collab_clients')
    .addColumn('document_id', 'text', (c) => c.notNull().references('collab_documents.id').onDelete('cascade'))
    .addColumn('client_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('collab_clients_pk', ['document_id', 'client_id'])
    .execute();
  await db.schema.alterTable('collab_snapshots').addColumn('editors', 'text', (c) => c.notNull().defaultTo(sql`'[]'`)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('collab_snapshots').dropColumn('editors').execute();
  await db.schema.dropTable('collab_clients').execute();
  await db.schema.dropTable('collab_updates').execute();
}
