import { sql, type Kysely } from 'kysely';

/**
 * Directory: profile contact details with per-field visibility, skills/needs tags, themes,
 * organisation details (themes, tags, track record, invitations), introductions and conversations,
 * blocks, and one FTS5 index over members and organisations kept in sync by triggers.
 *
 * Only fields every member may see are indexed (name, headline, bio, skills, needs; org name and
 * description). Contact details are never indexed. Visitors' searches are restricted to public rows.
 */
const vis = (col: string) => sql.raw(`${col} in ('me','members','public')`);

function reindexMember(x: string): string {
  return `
    INSERT INTO directory_search_map(kind, ref) SELECT 'member', ${x}
      WHERE NOT EXISTS (SELECT 1 FROM directory_search_map WHERE kind = 'member' AND ref = ${x});
    DELETE FROM directory_fts WHERE rowid = (SELECT n FROM directory_search_map WHERE kind = 'member' AND ref = ${x});
    INSERT INTO directory_fts(rowid, name, headline, body, skills, needs)
      SELECT m.n, u.name, coalesce(p.headline, ''), coalesce(p.bio, ''),
        coalesce((SELECT group_concat(replace(tag, '-', ' '), ' ') FROM member_tags WHERE user_id = u.id AND kind = 'offer'), ''),
        coalesce((SELECT group_concat(replace(tag, '-', ' '), ' ') FROM member_tags WHERE user_id = u.id AND kind = 'need'), '')
      FROM users u
      JOIN directory_search_map m ON m.kind = 'member' AND m.ref = u.id
      LEFT JOIN profiles p ON p.user_id = u.id
      WHERE u.id = ${x} AND u.status = 'active';`;
}

function reindexOrg(x: string): string {
  return `
    INSERT INTO directory_search_map(kind, ref) SELECT 'org', ${x}
      WHERE NOT EXISTS (SELECT 1 FROM directory_search_map WHERE kind = 'org' AND ref = ${x});
    DELETE FROM directory_fts WHERE rowid = (SELECT n FROM directory_search_map WHERE kind = 'org' AND ref = ${x});
    INSERT INTO directory_fts(rowid, name, headline, body, skills, needs)
      SELECT m.n, o.name, '', o.description,
        coalesce((SELECT group_concat(replace(tag, '-', ' '), ' ') FROM org_tags WHERE org_id = o.id AND kind = 'offer'), ''),
        coalesce((SELECT group_concat(replace(tag, '-', ' '), ' ') FROM org_tags WHERE org_id = o.id AND kind = 'need'), '')
      FROM organisations o
      JOIN directory_search_map m ON m.kind = 'org' AND m.ref = o.id
      WHERE o.id = ${x};`;
}

function dropFromIndex(kind: string, x: string): string {
  return `
    DELETE FROM directory_fts WHERE rowid = (SELECT n FROM directory_search_map WHERE kind = '${kind}' AND ref = ${x});
    DELETE FROM directory_search_map WHERE kind = '${kind}' AND ref = ${x};`;
}

const TRIGGERS: Array<[name: string, event: string, body: string]> = [
  ['dir_users_ai', 'AFTER INSERT ON users', reindexMember('new.id')],
  ['dir_users_au', 'AFTER UPDATE OF name, status ON users', reindexMember('new.id')],
  ['dir_users_ad', 'AFTER DELETE ON users', dropFromIndex('member', 'old.id')],
  ['dir_profiles_ai', 'AFTER INSERT ON profiles', reindexMember('new.user_id')],
  ['dir_profiles_au', 'AFTER UPDATE OF headline, bio ON profiles', reindexMember('new.user_id')],
  ['dir_profiles_ad', 'AFTER DELETE ON profiles', reindexMember('old.user_id')],
  ['dir_member_tags_ai', 'AFTER INSERT ON member_tags', reindexMember('new.user_id')],
  ['dir_member_tags_ad', 'AFTER DELETE ON member_tags', reindexMember('old.user_id')],
  ['dir_member_tags_au', 'AFTER UPDATE ON member_tags', reindexMember('new.user_id')],
  ['dir_orgs_ai', 'AFTER INSERT ON organisations', reindexOrg('new.id')],
  ['dir_orgs_au', 'AFTER UPDATE OF name, description ON organisations', reindexOrg('new.id')],
  ['dir_orgs_ad', 'AFTER DELETE ON organisations', dropFromIndex('org', 'old.id')],
  ['dir_org_tags_ai', 'AFTER INSERT ON org_tags', reindexOrg('new.org_id')],
  ['dir_org_tags_ad', 'AFTER DELETE ON org_tags', reindexOrg('old.org_id')],
  ['dir_org_tags_au', 'AFTER UPDATE ON org_tags', reindexOrg('new.org_id')],
];

export async function up(db: Kysely<any>): Promise<void> {
  const profileColumns: Array<[string, (c: any) => any]> = [
    ['public_profile', (c) => c.notNull().defaultTo(0)],
    ['photo_path', (c) => c],
    ['photo_updated_at', (c) => c],
    ['email_visibility', (c) => c.notNull().defaultTo('me').check(vis('email_visibility'))],
    ['phone', (c) => c],
    ['phone_visibility', (c) => c.notNull().defaultTo('me').check(vis('phone_visibility'))],
    ['whatsapp', (c) => c],
    ['whatsapp_visibility', (c) => c.notNull().defaultTo('me').check(vis('whatsapp_visibility'))],
  ];
  for (const [name, build] of profileColumns) {
    const type = name === 'public_profile' || name === 'photo_updated_at' ? 'integer' : 'text';
    await db.schema.alterTable('profiles').addColumn(name, type, build).execute();
  }
  await db.schema.alterTable('organisations').addColumn('social_links', 'text', (c) => c.notNull().defaultTo('[]')).execute();

  await db.schema
    .createTable('directory_tags')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('merged_into', 'text')
    .execute();

  await db.schema
    .createTable('member_tags')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('offer','need')`))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_tags_pk', ['user_id', 'kind', 'tag'])
    .execute();
  await db.schema.createIndex('member_tags_tag').on('member_tags').columns(['kind', 'tag', 'user_id']).execute();

  await db.schema
    .createTable('member_themes')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('theme', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_themes_pk', ['user_id', 'theme'])
    .execute();
  await db.schema.createIndex('member_themes_theme').on('member_themes').columns(['theme', 'user_id']).execute();

  await db.schema
    .createTable('org_tags')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('offer','need')`))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('org_tags_pk', ['org_id', 'kind', 'tag'])
    .execute();
  await db.schema.createIndex('org_tags_tag').on('org_tags').columns(['kind', 'tag', 'org_id']).execute();

  await db.schema
    .createTable('org_themes')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('theme', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('org_themes_pk', ['org_id', 'theme'])
    .execute();
  await db.schema.createIndex('org_themes_theme').on('org_themes').columns(['theme', 'org_id']).execute();

  await db.schema
    .createTable('org_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('funder', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer')
    .addColumn('year', 'integer')
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('org_grants_org').on('org_grants').column('org_id').execute();

  await db.schema
    .createTable('org_invites')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('invited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('org_invites_pk', ['org_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('directory_conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The pair is stored ordered (a_id < b_id) so there is one thread per pair.
    .addColumn('a_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('b_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('directory_conversations_pair', ['a_id', 'b_id'])
    .execute();
  await db.schema.createIndex('directory_conversations_b').on('directory_conversations').column('b_id').execute();

  await db.schema
    .createTable('directory_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('directory_conversations.id').onDelete('cascade'))
    .addColumn('sender_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('introduction', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('directory_messages_conversation').on('directory_messages').columns(['conversation_id', 'created_at']).execute();

  await db.schema
    .createTable('directory_blocks')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('blocked_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('directory_blocks_pk', ['user_id', 'blocked_id'])
    .execute();
  await db.schema.createIndex('directory_blocks_blocked').on('directory_blocks').column('blocked_id').execute();

  await db.schema
    .createTable('directory_search_map')
    .addColumn('n', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addUniqueConstraint('directory_search_map_ref', ['kind', 'ref'])
    .execute();
  // The unfiltered directory lists active members by name: keep that an index walk, not a sort.
  await sql`CREATE INDEX IF NOT EXISTS directory_users_status_name ON users (status, name COLLATE NOCASE)`.execute(db);
  await sql`CREATE VIRTUAL TABLE directory_fts USING fts5(name, headline, body, skills, needs, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  for (const [name, event, body] of TRIGGERS) {
    await sql.raw(`CREATE TRIGGER ${name} ${event} BEGIN ${body} END`).execute(db);
  }
  // Index what is already there (members and organisations created before this migration).
  await sql.raw(`INSERT OR IGNORE INTO directory_search_map(kind, ref) SELECT 'member', id FROM users`).execute(db);
  await sql.raw(`INSERT OR IGNORE INTO directory_search_map(kind, ref) SELECT 'org', id FROM organisations`).execute(db);
  await sql
    .raw(
      `INSERT INTO directory_fts(rowid, name, headline, body, skills, needs)
       SELECT m.n, u.name, coalesce(p.headline, ''), coalesce(p.bio, ''), '', '' FROM users u
       JOIN directory_search_map m ON m.kind = 'member' AND m.ref = u.id LEFT JOIN profiles p ON p.user_id = u.id WHERE u.status = 'active'`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO directory_fts(rowid, name, headline, body, skills, needs)
       SELECT m.n, o.name, '', o.description, '', '' FROM organisations o JOIN directory_search_map m ON m.kind = 'org' AND m.ref = o.id`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of TRIGGERS) await sql.raw(`DROP TRIGGER IF EXISTS ${name}`).execute(db);
  await sql`DROP TABLE IF EXISTS directory_fts`.execute(db);
  await sql`DROP INDEX IF EXISTS directory_users_status_name`.execute(db);
  for (const t of [
    'directory_search_map',
    'directory_blocks',
    'directory_messages',
    'directory_conversations',
    'org_invites',
    'org_grants',
    'org_themes',
    'org_tags',
    'member_themes',
    'member_tags',
    'directory_tags',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await db.schema.alterTable('organisations').dropColumn('social_links').execute();
  for (const c of ['whatsapp_visibility', 'whatsapp', 'phone_visibility', 'phone', 'email_visibility', 'photo_updated_at', 'photo_path', 'public_profile']) {
    await db.schema.alterTable('profiles').dropColumn(c).execute();
  }
}
