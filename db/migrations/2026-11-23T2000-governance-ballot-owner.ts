import type { Kysely } from 'kysely';

/**
 * owner_tag: HMAC-SHA256(GOVERNANCE_BALLOT_SECRET, proposal:voter:receipt code) next to each secret
 * ballot, so only the voter who holds the code can change it. The secret is not in the database, so
 * the tag does not link a ballot to its voter for anyone reading the file. Older ballots have none.
 *
 * supersedes: a consent proposal re-opened after its close gets a new register entry for the new
 * round; it names the earlier entry it supersedes (the register itself is never changed).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('governance_secret_ballots').addColumn('owner_tag', 'text').execute();
  await db.schema
    .alterTable('governance_decisions')
    .addColumn('supersedes', 'integer', (c) => c.references('governance_decisions.number'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('governance_decisions').dropColumn('supersedes').execute();
  await db.schema.alterTable('governance_secret_ballots').dropColumn('owner_tag').execute();
}
