import type { Kysely } from 'kysely';

/**
 * History says who (issue 12.7). A Yjs state records who inserted each piece of text (its client id,
 * mapped to a member in collab_clients) but not who deleted it: a delete set is only ranges of ids.
 * Each accepted update's delete ranges are recorded here with the member whose connection sent them,
 * so comparing two versions can say who removed what, and each version who edited it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('collab_deletions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('document_id', 'text', (c) => c.notNull().references('collab_documents.id').onDelete('cascade'))
    .addColumn('client_id', 'integer', (c) => c.notNull())
    .addColumn('clock', 'integer', (c) => c.notNull())
    .addColumn('len', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('collab_deletions_document').on('collab_deletions').columns(['document_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('collab_deletions').execute();
}
