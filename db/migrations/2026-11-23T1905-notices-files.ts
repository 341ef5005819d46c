import { sql, type Kysely } from 'kysely';

/**
 * Several files per notice (up to 5: images shown with a description and a small preview
 * (thumb_path), other files as downloads).
 * The single attachment a notice could have so far moves into notice_files; the old notices.file_*
 * columns are emptied (kept only so older code and exports keep compiling; nothing writes them).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notice_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('alt', 'text')
    .addColumn('thumb_path', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_files_notice').on('notice_files').columns(['notice_id', 'position']).execute();
  // Ids like newId(): 12 random bytes, base64url (here from hex: still random and unguessable).
  await sql`insert into notice_files (id, notice_id, path, name, mime, size, alt, position, created_at)
    select lower(hex(randomblob(12))), id, file_path, coalesce(file_name, 'file'), file_mime, coalesce(file_size, 0), null, 0, updated_at
    from notices where file_path is not null and file_mime is not null`.execute(db);
  await sql`update notices set file_path = null, file_name = null, file_mime = null, file_size = null where file_path is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Back to one attachment per notice: the first file of each.
  await sql`update notices set
      file_path = (select path from notice_files f where f.notice_id = notices.id order by position, created_at limit 1),
      file_name = (select name from notice_files f where f.notice_id = notices.id order by position, created_at limit 1),
      file_mime = (select mime from notice_files f where f.notice_id = notices.id order by position, created_at limit 1),
      file_size = (select size from notice_files f where f.notice_id = notices.id order by position, created_at limit 1)`.execute(db);
  await db.schema.dropTable('notice_files').ifExists().execute();
}
