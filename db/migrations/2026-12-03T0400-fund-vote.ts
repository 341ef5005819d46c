import { sql, type Kysely } from 'kysely';

/**
 * Seed fund members' vote (issue 14 item 6): a round decided by members puts its shortlist to an
 * approval vote. The electorate is frozen when the vote opens; who has voted and what was voted are
 * kept in separate tables, and a ballot row names no voter and carries no time, so the ballots can be
 * published (as a Pabulib .pb file) without saying who cast which. Ballots are a WITHOUT ROWID table
 * keyed by a random id: rows sit in id order on disk, not in the order they were cast.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fund_votes')
    .addColumn('round_id', 'text', (c) => c.primaryKey().references('fund_rounds.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('shortlist', 'text', (c) => c.notNull())
    .addColumn('electorate_size', 'integer', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('opened_at', 'integer', (c) => c.notNull())
    .addColumn('closes_at', 'integer', (c) => c.notNull())
    .addColumn('closed_at', 'integer')
    .addColumn('lot', 'text')
    .addColumn('result', 'text')
    .addColumn('decision_number', 'integer')
    .addColumn('confirmed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('confirmed_at', 'integer')
    .execute();
  await db.schema
    .createTable('fund_vote_electorate')
    .addColumn('round_id', 'text', (c) => c.notNull().references('fund_votes.round_id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('fund_vote_electorate_pk', ['round_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('fund_vote_voters')
    .addColumn('round_id', 'text', (c) => c.notNull().references('fund_votes.round_id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('submission_tag', 'text', (c) => c.notNull())
    .addColumn('sealed_receipt', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fund_vote_voters_pk', ['round_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('fund_vote_ballots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('fund_votes.round_id').onDelete('cascade'))
    .addColumn('approved', 'text', (c) => c.notNull())
    .addColumn('receipt_hash', 'text', (c) => c.notNull())
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema.createIndex('fund_vote_ballots_round').on('fund_vote_ballots').column('round_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fund_vote_ballots').execute();
  await db.schema.dropTable('fund_vote_voters').execute();
  await db.schema.dropTable('fund_vote_electorate').execute();
  await db.schema.dropTable('fund_votes').execute();
}
