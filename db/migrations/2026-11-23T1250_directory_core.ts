import { sql, type Kysely } from 'kysely';

/**
 * Profiles and organisations: read by mentoring (capacity), bids (partners, host organisations) and
 * governance (reports), so they exist before any of those areas' migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('profiles')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('headline', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('mentoring_open', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mentoring_at_capacity', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mentoring_areas', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('matching_opt_out', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('city', 'text')
    .addColumn('legal_form', 'text', (c) =>
      c.notNull().defaultTo('unincorporated').check(sql`legal_form in ('unincorporated','cic','charity','company','other')`),
    )
    .addColumn('registration_number', 'text')
    .addColumn('host_org_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('host_org_name', 'text')
    .addColumn('year_started', 'integer')
    .addColumn('website', 'text')
    .addColumn('public_listing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('organisation_members')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('member').check(sql`role in ('lead','member')`))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('organisation_members_pk', ['org_id', 'user_id'])
    .execute();
  await db.schema.createIndex('organisation_members_user').on('organisation_members').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('organisation_members').ifExists().execute();
  await db.schema.dropTable('organisations').ifExists().execute();
  await db.schema.dropTable('profiles').ifExists().execute();
}
