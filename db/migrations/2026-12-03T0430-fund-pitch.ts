import { sql, type Kysely } from 'kysely';

/**
 * Pitch day (issue 14.5, optional per round): the running order of the applications that count, which
 * one is being pitched now, and the panel's scores of each pitch (same criteria 1–5 with a comment as the
 * written review, kept apart from it so a pitch never overwrites a considered review).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fund_pitches')
    .addColumn('application_id', 'text', (c) => c.primaryKey().references('fund_applications.id').onDelete('cascade'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('fund_rounds.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('waiting'))
    .addColumn('started_at', 'integer')
    .execute();
  await db.schema.createIndex('fund_pitches_order').on('fund_pitches').columns(['round_id', 'position']).execute();
  await db.schema
    .createTable('fund_pitch_scores')
    .addColumn('application_id', 'text', (c) => c.notNull().references('fund_applications.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('criterion_id', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull().check(sql`score BETWEEN 1 AND 5`))
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('fund_pitch_scores_pk', ['application_id', 'reviewer_id', 'criterion_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fund_pitch_scores').execute();
  await db.schema.dropTable('fund_pitches').execute();
}
