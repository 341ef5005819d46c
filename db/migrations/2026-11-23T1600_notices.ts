import { sql, type Kysely } from 'kysely';

/** The shared-resource noticeboard: notices, responses, comments, reports, visits, digest. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('offer','request','opportunity','funding','event','resource')`),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('themes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('key_date', 'integer')
    .addColumn('starts_at', 'integer')
    .addColumn('ends_at', 'integer')
    .addColumn('expires_at', 'integer', (c) => c.notNull())
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open','closed')`))
    .addColumn('closed_at', 'integer')
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hidden_note', 'text')
    .addColumn('hidden_at', 'integer')
    .addColumn('file_path', 'text')
    .addColumn('file_name', 'text')
    .addColumn('file_mime', 'text')
    .addColumn('file_size', 'integer')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notices_board').on('notices').columns(['hidden', 'status', 'expires_at']).execute();
  await db.schema.createIndex('notices_created').on('notices').columns(['pinned', 'created_at']).execute();
  await db.schema.createIndex('notices_author').on('notices').column('author_id').execute();

  // Full-text index over title and description text, kept in sync by triggers.
  await sql`create virtual table notices_fts using fts5(notice_id unindexed, title, body, prefix = '2 3', tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await sql`create trigger notices_fts_insert after insert on notices begin
    insert into notices_fts (notice_id, title, body) values (new.id, new.title, new.body);
  end`.execute(db);
  await sql`create trigger notices_fts_update after update of title, body on notices begin
    delete from notices_fts where notice_id = old.id;
    insert into notices_fts (notice_id, title, body) values (new.id, new.title, new.body);
  end`.execute(db);
  await sql`create trigger notices_fts_delete after delete on notices begin
    delete from notices_fts where notice_id = old.id;
  end`.execute(db);

  await db.schema
    .createTable('notice_responses')
    .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('help','interested','attend')`))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('notice_responses_pk', ['notice_id', 'user_id', 'kind'])
    .execute();

  await db.schema
    .createTable('notice_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.references('notice_comments.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_comments_notice').on('notice_comments').columns(['notice_id', 'created_at']).execute();

  await db.schema
    .createTable('notice_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) => c.notNull().check(sql`subject_type in ('notice','comment')`))
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id').onDelete('cascade'))
    .addColumn('reporter_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('resolved_at', 'integer')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('notice_reports_once')
    .on('notice_reports')
    .columns(['subject_type', 'subject_id', 'reporter_id'])
    .unique()
    .execute();
  await db.schema.createIndex('notice_reports_open').on('notice_reports').columns(['resolved_at', 'created_at']).execute();

  await db.schema
    .createTable('notice_visits')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('last_seen_at', 'integer', (c) => c.notNull())
    .addColumn('previous_visit_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notice_digest_subscriptions')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('cities', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('themes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('unsubscribe_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notice_digest_sends')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('period', 'integer', (c) => c.notNull())
    .addColumn('notice_count', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('notice_digest_sends_pk', ['user_id', 'period'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['notice_digest_sends', 'notice_digest_subscriptions', 'notice_visits', 'notice_reports', 'notice_comments', 'notice_responses']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await sql`drop trigger if exists notices_fts_insert`.execute(db);
  await sql`drop trigger if exists notices_fts_update`.execute(db);
  await sql`drop trigger if exists notices_fts_delete`.execute(db);
  await sql`drop table if exists notices_fts`.execute(db);
  await db.schema.dropTable('notices').ifExists().execute();
}
