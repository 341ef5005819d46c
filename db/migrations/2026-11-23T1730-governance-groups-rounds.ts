import { sql, type Kysely } from 'kysely';

/**
 * Governance, second part:
 * - named groups (e.g. "Directors", "Birmingham hub") that can be a proposal's electorate. The
 *   built-in "directors" group has no stored members: it follows the directors register. Groups are
 *   never deleted, so a proposal's `electorate_group_id` always finds its group.
 * - consent rounds: a proposal re-opened after an objection starts a new round; earlier ballots stay
 *   in history with their round and no longer count.
 * - changeable secret ballots: a replaced secret ballot moves to `governance_secret_ballots_past`,
 *   which like the live table has no voter and no time column and no rowid.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('governance_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('builtin', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
  await sql`create unique index governance_groups_name on governance_groups (name collate nocase)`.execute(db);

  await db.schema
    .createTable('governance_group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('governance_groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('added_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('governance_group_members_pk', ['group_id', 'user_id'])
    .execute();

  const now = Date.now();
  await db
    .insertInto('governance_groups')
    .values({
      id: 'directors',
      name: 'Directors',
      builtin: 'directors',
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();

  await db.schema.alterTable('governance_proposals').addColumn('electorate_group_id', 'text').execute();
  await db.schema
    .alterTable('governance_proposals')
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('governance_ballot_history')
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('governance_secret_ballots_past')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('governance_proposals.id').onDelete('cascade'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('choice', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    // 1: the ballot as it stood when its round ended; 0: replaced by its voter during the round.
    .addColumn('counted', 'integer', (c) => c.notNull())
    .modifyEnd(sql` without rowid`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('governance_secret_ballots_past').ifExists().execute();
  await db.schema.alterTable('governance_ballot_history').dropColumn('round').execute();
  await db.schema.alterTable('governance_proposals').dropColumn('round').execute();
  await db.schema.alterTable('governance_proposals').dropColumn('electorate_group_id').execute();
  await db.schema.dropTable('governance_group_members').ifExists().execute();
  await db.schema.dropTable('governance_groups').ifExists().execute();
}
