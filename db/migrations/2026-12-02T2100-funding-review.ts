import type { Kysely } from 'kysely';

/**
 * Seed fund review and panel decisions (issue 14 items 4 and 6): when the steward opened review (only
 * with enough panel members with lived experience), when the round was decided, and the awards the
 * stewards confirmed (amount, and whether it is a partial grant of what was asked).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('fund_rounds').addColumn('review_opened_at', 'integer').execute();
  await db.schema.alterTable('fund_rounds').addColumn('decided_at', 'integer').execute();
  await db.schema
    .createTable('fund_awards')
    .addColumn('application_id', 'text', (c) => c.primaryKey().references('fund_applications.id').onDelete('cascade'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('fund_rounds.id').onDelete('cascade'))
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('partial', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirmed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('confirmed_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fund_awards_round').on('fund_awards').column('round_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fund_awards').execute();
  await db.schema.alterTable('fund_rounds').dropColumn('decided_at').execute();
  await db.schema.alterTable('fund_rounds').dropColumn('review_opened_at').execute();
}
