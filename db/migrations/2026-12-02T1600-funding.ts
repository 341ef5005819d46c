import { sql, type Kysely } from 'kysely';

/**
 * Seed fund (issue 14): rounds, their panel, applications with written or recorded answers,
 * co-applicants who confirm, conflicts of interest and scores. Plus the member's own "lived
 * experience of migration" flag on the profile, which the panel composition counts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('profiles').addColumn('lived_experience', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('fund_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('pot', 'integer', (c) => c.notNull())
    .addColumn('min_grant', 'integer', (c) => c.notNull())
    .addColumn('max_grant', 'integer', (c) => c.notNull())
    .addColumn('themes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('cities', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('eligibility', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('questions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('criteria', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('decision_method', 'text', (c) => c.notNull())
    .addColumn('allow_partial', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('min_lived_experience', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('opens_at', 'integer', (c) => c.notNull())
    .addColumn('closes_at', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('notice_id', 'text', (c) => c.references('notices.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('fund_panel')
    .addColumn('round_id', 'text', (c) => c.notNull().references('fund_rounds.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('added_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('fund_panel_pk', ['round_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('fund_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('fund_rounds.id').onDelete('cascade'))
    .addColumn('lead_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('member'))
    .addColumn('org_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('host_org_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('host_status', 'text')
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('amount', 'integer')
    .addColumn('budget_lines', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('themes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('eligibility_answers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('submitted_at', 'integer')
    .addColumn('withdrawn_at', 'integer')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
  // One application per member per round: a second "start" finds the first (applying twice is refused).
  await db.schema.createIndex('fund_applications_one_each').unique().on('fund_applications').columns(['round_id', 'lead_id']).execute();

  await db.schema
    .createTable('fund_answers')
    .addColumn('application_id', 'text', (c) => c.notNull().references('fund_applications.id').onDelete('cascade'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('media_path', 'text')
    .addColumn('media_mime', 'text')
    .addColumn('media_size', 'integer')
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('fund_answers_pk', ['application_id', 'question_id'])
    .execute();

  await db.schema
    .createTable('fund_co_applicants')
    .addColumn('application_id', 'text', (c) => c.notNull().references('fund_applications.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('responded_at', 'integer')
    .addPrimaryKeyConstraint('fund_co_applicants_pk', ['application_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('fund_conflicts')
    .addColumn('application_id', 'text', (c) => c.notNull().references('fund_applications.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('detected', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('decision', 'text')
    .addColumn('explanation', 'text')
    .addColumn('decided_at', 'integer')
    .addPrimaryKeyConstraint('fund_conflicts_pk', ['application_id', 'reviewer_id'])
    .execute();

  await db.schema
    .createTable('fund_scores')
    .addColumn('application_id', 'text', (c) => c.notNull().references('fund_applications.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('criterion_id', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull().check(sql`score BETWEEN 1 AND 5`))
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('fund_scores_pk', ['application_id', 'reviewer_id', 'criterion_id'])
    .execute();
  await db.schema.createIndex('fund_applications_round').on('fund_applications').columns(['round_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['fund_scores', 'fund_conflicts', 'fund_co_applicants', 'fund_answers', 'fund_applications', 'fund_panel', 'fund_rounds']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable('profiles').dropColumn('lived_experience').execute();
}
