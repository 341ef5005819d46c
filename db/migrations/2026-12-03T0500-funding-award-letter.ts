import type { Kysely } from 'kysely';

/**
 * Award letters (issue 14 item 7): the conditions a round's grants come with (written by the stewards,
 * printed in every award letter), and the funded applicant's acceptance of the letter — when, and by whom.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('fund_rounds').addColumn('conditions', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('fund_awards').addColumn('accepted_at', 'integer').execute();
  await db.schema.alterTable('fund_awards').addColumn('accepted_by', 'text', (c) => c.references('users.id').onDelete('set null')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('fund_awards').dropColumn('accepted_by').execute();
  await db.schema.alterTable('fund_awards').dropColumn('accepted_at').execute();
  await db.schema.alterTable('fund_rounds').dropColumn('conditions').execute();
}
