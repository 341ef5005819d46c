import { sql, type Kysely } from 'kysely';

/**
 * The directory index's own word list (FTS5's fts5vocab over directory_fts), for "did you mean"
 * suggestions when a search finds nothing ("budjet" → budget). Read-only and always in step with the
 * index: it stores nothing itself.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE directory_vocab USING fts5vocab(directory_fts, row)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS directory_vocab`.execute(db);
}
