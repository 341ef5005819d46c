import type { Kysely } from 'kysely';

/**
 * "Your data" and account deletion look up a member's rows in the editor's attribution tables
 * (collab_clients, collab_deletions), which grow with every editing session and every deletion;
 * without these indexes each export scanned them whole on the one database connection.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('collab_clients_user').on('collab_clients').columns(['user_id', 'document_id']).execute();
  await db.schema.createIndex('collab_deletions_user').on('collab_deletions').columns(['user_id', 'document_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('collab_deletions_user').execute();
  await db.schema.dropIndex('collab_clients_user').execute();
}
