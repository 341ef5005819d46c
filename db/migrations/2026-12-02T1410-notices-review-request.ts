import type { Kysely } from 'kysely';

/** Issue 16.10: the author of a hidden notice can ask a steward to review it; the queue shows when. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notices').addColumn('review_requested_at', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notices').dropColumn('review_requested_at').execute();
}
