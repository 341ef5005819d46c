import type { Kysely } from 'kysely';

/**
 * Bids: what a deleted section was (title, word limit), kept so the history page can bring it back
 * with its text from a saved version. The row goes when the section is restored or the bid deleted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bid_deleted_sections')
    .addColumn('section_id', 'text', (c) => c.primaryKey())
    .addColumn('bid_id', 'text', (c) => c.notNull().references('bids.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('word_limit', 'integer')
    .addColumn('deleted_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bid_deleted_sections_bid').on('bid_deleted_sections').column('bid_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bid_deleted_sections').execute();
}
