import { sql, type Kysely } from 'kysely';

/**
 * An agreed action's "By when" is optional (issue 13.5): `mentoring_actions.due_on` becomes nullable.
 * SQLite cannot drop NOT NULL in place, so the table is rebuilt with the same columns and index.
 * Nothing references mentoring_actions, so the rebuild needs no foreign-key juggling.
 */
async function rebuild(db: Kysely<any>, dueNullable: boolean): Promise<void> {
  await db.schema
    .createTable('mentoring_actions_next')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mentorship_id', 'text', (c) => c.notNull().references('mentorships.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.references('mentoring_sessions.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull().check(sql`owner in ('mentor','mentee','both')`))
    .addColumn('due_on', 'integer', (c) => (dueNullable ? c : c.notNull()))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('done_at', 'integer')
    .addColumn('done_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  const due = dueNullable ? sql`due_on` : sql`coalesce(due_on, created_at - (created_at % 86400000))`;
  await sql`insert into mentoring_actions_next (id, mentorship_id, session_id, title, owner, due_on, created_by, created_at, done_at, done_by)
    select id, mentorship_id, session_id, title, owner, ${due}, created_by, created_at, done_at, done_by from mentoring_actions`.execute(db);
  await db.schema.dropTable('mentoring_actions').execute();
  await sql`alter table mentoring_actions_next rename to mentoring_actions`.execute(db);
  await db.schema.createIndex('mentoring_actions_mentorship').on('mentoring_actions').columns(['mentorship_id', 'done_at', 'due_on']).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await rebuild(db, true);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Actions without a date get the day they were agreed.
  await rebuild(db, false);
}
