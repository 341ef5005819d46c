import type { Kysely } from 'kysely';

/**
 * Conversations before applying (issue 14.2): panel members and stewards offer short slots for a round
 * (in person, phone, video, WhatsApp) and an applicant books one. At most one booking per member per
 * round is a unique index (SQLite lets many unbooked NULLs through), and a slot is taken by a single
 * conditional UPDATE, so two requests at once can never both get it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fund_slots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('fund_rounds.id').onDelete('cascade'))
    .addColumn('host_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('starts_at', 'integer', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('booked_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('booked_at', 'integer')
    .addColumn('booker_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fund_slots_round').on('fund_slots').columns(['round_id', 'starts_at']).execute();
  await db.schema.createIndex('fund_slots_one_booking').unique().on('fund_slots').columns(['round_id', 'booked_by']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fund_slots').execute();
}
