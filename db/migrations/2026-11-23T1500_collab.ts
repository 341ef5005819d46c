import { sql, type Kysely } from 'kysely';

/**
 * The collaboration module: shared documents (one Y.Doc each), their snapshots (history) and comment
 * threads. A document belongs to a subject of some kind (a bid, later a governance paper); who may
 * open it is decided by that kind's access resolver, never stored here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('collab_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'blob')
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addColumn('last_editors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('collab_documents_subject').on('collab_documents').columns(['kind', 'subject_id']).unique().execute();

  await db.schema
    .createTable('collab_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('collab_documents.id').onDelete('cascade'))
    .addColumn('state', 'blob', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('auto','named','before_restore','restore')`))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('collab_snapshots_document').on('collab_snapshots').columns(['document_id', 'created_at']).execute();

  await db.schema
    .createTable('collab_threads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('collab_documents.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open','resolved')`))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolved_at', 'integer')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('collab_threads_document').on('collab_threads').columns(['document_id', 'created_at']).execute();

  await db.schema
    .createTable('collab_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('collab_threads.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('collab_comments_thread').on('collab_comments').columns(['thread_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('collab_comments').ifExists().execute();
  await db.schema.dropTable('collab_threads').ifExists().execute();
  await db.schema.dropTable('collab_snapshots').ifExists().execute();
  await db.schema.dropTable('collab_documents').ifExists().execute();
}
