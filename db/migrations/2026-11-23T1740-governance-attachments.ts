import type { Kysely } from 'kysely';

/** Background documents attached to a proposal's discussion (files under UPLOAD_DIR/governance). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('governance_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('governance_proposals.id').onDelete('cascade'))
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('governance_attachments_proposal').on('governance_attachments').columns(['proposal_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('governance_attachments').ifExists().execute();
}
