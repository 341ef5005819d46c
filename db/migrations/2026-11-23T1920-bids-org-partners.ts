import { sql, type Kysely } from 'kysely';

/**
 * Bids: organisations as partners, and "who is bidding" on the funding call.
 *
 * bid_partners is rebuilt (SQLite cannot relax NOT NULL in place) so a partner is either a member
 * (kind 'member', user_id set, optionally on behalf of org_id) or an organisation from the directory
 * (kind 'org', org_id set, user_id empty). An organisation partner is 'invited' until one of the
 * organisation's leads accepts or declines; members are added directly ('accepted'). `show_name`
 * is the partner's own choice to appear on the funding call when the bid opted in
 * (bids.show_on_notice, off by default). It is opt-in (0) for everyone, existing partners included:
 * many members have an insecure immigration status and must never be named without choosing it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bid_partners_new')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bid_id', 'text', (c) => c.notNull().references('bids.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('member').check(sql`kind in ('member','org')`))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('org_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('lead','partner','reviewer')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('accepted').check(sql`status in ('invited','accepted','declined')`))
    .addColumn('budget_share', 'integer', (c) => c.notNull().defaultTo(0).check(sql`budget_share >= 0`))
    .addColumn('delivers', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('show_name', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('added_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('responded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('responded_at', 'integer')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addCheckConstraint('bid_partners_kind_shape', sql`(kind = 'member' and user_id is not null) or (kind = 'org' and user_id is null)`)
    .execute();
  await sql`insert into bid_partners_new (id, bid_id, kind, user_id, org_id, role, status, budget_share, delivers, show_name, added_by, responded_by, responded_at, created_at)
    select id, bid_id, 'member', user_id, org_id, role, 'accepted', budget_share, delivers, 0, added_by, null, null, created_at from bid_partners`.execute(db);
  await db.schema.dropTable('bid_partners').execute();
  await sql`alter table bid_partners_new rename to bid_partners`.execute(db);
  await db.schema.createIndex('bid_partners_one_per_member').unique().on('bid_partners').columns(['bid_id', 'user_id']).execute();
  await sql`create unique index bid_partners_one_per_org on bid_partners (bid_id, org_id) where kind = 'org'`.execute(db);
  await db.schema.createIndex('bid_partners_user').on('bid_partners').column('user_id').execute();
  await db.schema.createIndex('bid_partners_org').on('bid_partners').column('org_id').execute();

  await db.schema.alterTable('bids').addColumn('show_on_notice', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('bids_notice').on('bids').column('notice_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('bids_notice').ifExists().execute();
  await db.schema.alterTable('bids').dropColumn('show_on_notice').execute();
  await db.schema
    .createTable('bid_partners_old')
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
  await sql`insert into bid_partners_old (id, bid_id, user_id, org_id, role, budget_share, delivers, added_by, created_at)
    select id, bid_id, user_id, org_id, role, budget_share, delivers, added_by, created_at from bid_partners where kind = 'member'`.execute(db);
  await db.schema.dropTable('bid_partners').execute();
  await sql`alter table bid_partners_old rename to bid_partners`.execute(db);
  await db.schema.createIndex('bid_partners_user').on('bid_partners').column('user_id').execute();
}
