import type { Kysely } from 'kysely';

/**
 * Comment authors may edit and delete their own comments. `edited_at` marks an edited comment;
 * `deleted_at` marks a deleted first comment kept as a "comment deleted" placeholder because the
 * thread has replies (its body is emptied at once).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('collab_comments').addColumn('edited_at', 'integer').execute();
  await db.schema.alterTable('collab_comments').addColumn('deleted_at', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('collab_comments').dropColumn('deleted_at').execute();
  await db.schema.alterTable('collab_comments').dropColumn('edited_at').execute();
}
