import type { Kysely } from 'kysely';

/**
 * Seed fund evidence and Q&A (issue 14 items 2 and 10):
 * - `fund_round_evidence`: what the stewards add to a round's report — where the pot came from when it is
 *   re-granted (the source funder and its 360Giving grant identifier) and the lessons they draw.
 * - `fund_round_questions`: questions members ask about a round, answered once by a steward or panel
 *   member; the answer (and the question as published, which the answerer may rephrase to remove
 *   anything identifying) is shown to every applicant. The asker is kept only so they can see their own
 *   pending question; it is never shown to anyone else.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fund_round_evidence')
    .addColumn('round_id', 'text', (c) => c.primaryKey().references('fund_rounds.id').onDelete('cascade'))
    .addColumn('source_funder_name', 'text')
    .addColumn('source_grant_id', 'text')
    .addColumn('lessons', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('fund_round_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('fund_rounds.id').onDelete('cascade'))
    // Erasing a member keeps an answered question (it belongs to every applicant) but forgets who asked.
    .addColumn('asker_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('published_question', 'text')
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('answered_at', 'integer')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fund_round_questions_round').on('fund_round_questions').columns(['round_id', 'answered_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fund_round_questions').execute();
  await db.schema.dropTable('fund_round_evidence').execute();
}
