import type { Kysely } from 'kysely';

/**
 * First steps a member has taken that leave no other trace (a directory search), for the dashboard's
 * "get started" list. Other steps are read from their own tables (profile, notices, mentorships).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('member_milestones')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('milestone', 'text', (c) => c.notNull())
    .addColumn('reached_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_milestones_pk', ['user_id', 'milestone'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('member_milestones').execute();
}
