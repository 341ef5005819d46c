import { sql, type Kysely } from 'kysely';

/**
 * Seed fund money and reporting (issue 14 items 8 and 9). Payments are records of money the network
 * paid outside the app (amount, date, bank reference, to the grantee or to their host organisation).
 * Each award has a mid-point and an end report with a due date; the end report of a project that
 * stopped early carries "what we learned". Photos (with the grantee's consent tick) and receipts are
 * stored by the uploads module; the rows here point at them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fund_payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('fund_awards.application_id').onDelete('cascade'))
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('paid_to', 'text', (c) => c.notNull().check(sql`paid_to IN ('grantee', 'host')`))
    .addColumn('host_org_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('recorded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fund_payments_award').on('fund_payments').columns(['application_id', 'paid_on']).execute();

  await db.schema
    .createTable('fund_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('fund_awards.application_id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('mid', 'end')`))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('due'))
    .addColumn('stopped_early', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('happened', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('media_path', 'text')
    .addColumn('media_mime', 'text')
    .addColumn('media_size', 'integer')
    .addColumn('people_reached', 'integer')
    .addColumn('breakdown', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('breakdown_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('change_made', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('quote', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('spend', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('did_not_work', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('learned', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('submitted_at', 'integer')
    .addColumn('submitted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fund_reports_one_each').unique().on('fund_reports').columns(['application_id', 'kind']).execute();

  await db.schema
    .createTable('fund_report_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('fund_reports.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('photo', 'receipt')`))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('thumb_path', 'text')
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('added_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fund_report_files_report').on('fund_report_files').columns(['report_id', 'kind']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['fund_report_files', 'fund_reports', 'fund_payments']) await db.schema.dropTable(t).execute();
}
