import { sql, type Kysely } from 'kysely';

/**
 * Mentoring: mentorships between two members, their goals (with dated progress notes), logged
 * sessions, agreed actions and status changes. Everything but the report's totals is private to the pair.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mentorships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mentor_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('mentee_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('requested').check(sql`status in ('requested','active','paused','closed','declined')`),
    )
    .addColumn('requested_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('paired_by_steward', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('goals', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('start_on', 'integer', (c) => c.notNull())
    .addColumn('request_message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('response_message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('mentor_reflection', 'text')
    .addColumn('mentee_reflection', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('accepted_at', 'integer')
    .addColumn('closed_at', 'integer')
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addCheckConstraint('mentorships_two_people', sql`mentor_id <> mentee_id`)
    .execute();
  await db.schema.createIndex('mentorships_mentor').on('mentorships').columns(['mentor_id', 'status']).execute();
  await db.schema.createIndex('mentorships_mentee').on('mentorships').columns(['mentee_id', 'status']).execute();

  await db.schema
    .createTable('mentoring_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('mentorship_id', 'text', (c) => c.notNull().references('mentorships.id').onDelete('cascade'))
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mentoring_events_mentorship').on('mentoring_events').columns(['mentorship_id', 'created_at']).execute();

  await db.schema
    .createTable('mentoring_goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mentorship_id', 'text', (c) => c.notNull().references('mentorships.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('not_started').check(sql`status in ('not_started','in_progress','achieved','dropped')`),
    )
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addColumn('achieved_at', 'integer')
    .execute();
  await db.schema.createIndex('mentoring_goals_mentorship').on('mentoring_goals').column('mentorship_id').execute();

  await db.schema
    .createTable('mentoring_goal_notes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('goal_id', 'text', (c) => c.notNull().references('mentoring_goals.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mentoring_goal_notes_goal').on('mentoring_goal_notes').columns(['goal_id', 'created_at']).execute();

  await db.schema
    .createTable('mentoring_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mentorship_id', 'text', (c) => c.notNull().references('mentorships.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('held_on', 'integer', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().check(sql`duration_minutes between 1 and 720`))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('edited_at', 'integer')
    .addColumn('confirmed_at', 'integer')
    .addColumn('confirmed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reflection', 'text')
    .addColumn('rating', 'integer', (c) => c.check(sql`rating between 1 and 5`))
    .execute();
  await db.schema.createIndex('mentoring_sessions_mentorship').on('mentoring_sessions').columns(['mentorship_id', 'held_on']).execute();
  await db.schema.createIndex('mentoring_sessions_held').on('mentoring_sessions').column('held_on').execute();

  await db.schema
    .createTable('mentoring_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mentorship_id', 'text', (c) => c.notNull().references('mentorships.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.references('mentoring_sessions.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull().check(sql`owner in ('mentor','mentee','both')`))
    .addColumn('due_on', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('done_at', 'integer')
    .addColumn('done_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('mentoring_actions_mentorship').on('mentoring_actions').columns(['mentorship_id', 'done_at', 'due_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['mentoring_actions', 'mentoring_sessions', 'mentoring_goal_notes', 'mentoring_goals', 'mentoring_events', 'mentorships']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
