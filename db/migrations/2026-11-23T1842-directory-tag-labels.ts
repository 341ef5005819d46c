import { sql, type Kysely } from 'kysely';

/**
 * Directory: stewards give member-added tags a label per interface language (tag_labels), and
 * emails remember a Reply-To address (outbox.reply_to) so an introduction can be answered by email.
 * `tag_id` is the tag's key in directory_tags (its slug).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tag_labels')
    .addColumn('tag_id', 'text', (c) => c.notNull().references('directory_tags.slug').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('en','ar','fa','ur','pl','ro')`))
    .addColumn('label', 'text', (c) => c.notNull().check(sql`length(label) between 1 and 40`))
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('tag_labels_pk', ['tag_id', 'locale'])
    .execute();
  await db.schema.alterTable('outbox').addColumn('reply_to', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('reply_to').execute();
  await db.schema.dropTable('tag_labels').execute();
}
