import type { Kysely } from 'kysely';

/**
 * Joining without email (issue 13, item 4): many people use WhatsApp and a phone number, not email.
 *   users.phone, applications.phone, invitations.phone — E.164 (`+447700900123`), unique per account.
 *   An account without email keeps a placeholder address on the reserved `.invalid` domain in
 *   users.email (NOT NULL UNIQUE since the foundation): mail is never attempted for it.
 *   applications.other_language — "another language", typed freely.
 *   password_resets.issued_by — the steward who made a reset link to hand over (also in the audit log).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('phone', 'text').execute();
  await db.schema.createIndex('users_phone_unique').unique().on('users').column('phone').execute();
  await db.schema.alterTable('applications').addColumn('phone', 'text').execute();
  await db.schema.alterTable('applications').addColumn('other_language', 'text').execute();
  await db.schema.alterTable('invitations').addColumn('phone', 'text').execute();
  await db.schema.alterTable('password_resets').addColumn('issued_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('password_resets').dropColumn('issued_by').execute();
  await db.schema.alterTable('invitations').dropColumn('phone').execute();
  await db.schema.alterTable('applications').dropColumn('other_language').execute();
  await db.schema.alterTable('applications').dropColumn('phone').execute();
  await db.schema.dropIndex('users_phone_unique').execute();
  await db.schema.alterTable('users').dropColumn('phone').execute();
}
