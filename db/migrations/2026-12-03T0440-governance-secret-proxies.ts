import type { Kysely } from 'kysely';

/**
 * Proxies in secret ballots (issue 15.5). An appointment gets a key pair: the public key lets the
 * server seal, at the moment the proxy votes, a random tag that marks the proxy's ballot in the
 * ballot box; the private key is stored sealed under the proxy code the member is shown once, so only
 * the member can open the tag again (to replace the proxy's ballot by voting in person). The "has
 * voted" row carries the sealed tag while the member's vote is the proxy's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('governance_proxies').addColumn('ballot_public_key', 'text').execute();
  await db.schema.alterTable('governance_proxies').addColumn('ballot_key_sealed', 'text').execute();
  await db.schema.alterTable('governance_voters').addColumn('proxy_sealed_tag', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('governance_voters').dropColumn('proxy_sealed_tag').execute();
  await db.schema.alterTable('governance_proxies').dropColumn('ballot_key_sealed').execute();
  await db.schema.alterTable('governance_proxies').dropColumn('ballot_public_key').execute();
}
