import { sql, type Kysely } from 'kysely';

/**
 * Joint funding bids: the bid itself (with its outcome), dated status changes, partners (always a
 * member, optionally on behalf of an organisation) with budget shares, the sections of the draft
 * (content lives in the collab document), tasks and attachments. Money is stored in minor units
 * (pence / cents) as INTEGER so shares add up exactly.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bids')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('funder', 'text', (c) => c.notNull())
    .addColumn('call_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('link', 'text')
    .addColumn('deadline', 'integer', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('GBP').check(sql`currency in ('GBP','EUR')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('idea')
        .check(sql`status in ('idea','drafting','in_review','submitted','awarded','not_awarded','withdrawn')`),
    )
    .addColumn('themes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('skills_needed', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('template', 'text', (c) => c.notNull().defaultTo('blank'))
    .addColumn('lead_org_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('host_org_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('host_org_name', 'text')
    .addColumn('notice_id', 'text')
    .addColumn('document_id', 'text')
    .addColumn('awarded_amount', 'integer')
    .addColumn('outcome_on', 'integer')
    .addColumn('outcome_feedback', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('bid_status_changes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('bid_id', 'text', (c) => c.notNull().references('bids.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('changed_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bid_status_changes_bid').on('bid_status_changes').columns(['bid_id', 'changed_at']).execute();

  await db.schema
    .createTable('bid_partners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bid_id', 'text', (c) => c.notNull().references('bids.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('org_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('lead','partner','reviewer')`))
    .addColumn('budget_share', 'integer', (c) => c.notNull().defaultTo(0).check(sql`budget_share >= 0`))
    .addColumn('delivers', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('added_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('bid_partners_one_per_member', ['bid_id', 'user_id'])
    .execute();
  await db.schema.createIndex('bid_partners_user').on('bid_partners').column('user_id').execute();

  await db.schema
    .createTable('bid_sections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bid_id', 'text', (c) => c.notNull().references('bids.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('word_limit', 'integer', (c) => c.check(sql`word_limit is null or word_limit > 0`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bid_sections_bid').on('bid_sections').columns(['bid_id', 'position']).execute();

  await db.schema
    .createTable('bid_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bid_id', 'text', (c) => c.notNull().references('bids.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('due_on', 'integer')
    .addColumn('done_at', 'integer')
    .addColumn('done_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bid_tasks_bid').on('bid_tasks').column('bid_id').execute();

  await db.schema
    .createTable('bid_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bid_id', 'text', (c) => c.notNull().references('bids.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bid_attachments_bid').on('bid_attachments').column('bid_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['bid_attachments', 'bid_tasks', 'bid_sections', 'bid_partners', 'bid_status_changes', 'bids']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
