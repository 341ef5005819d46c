import type { Kysely } from 'kysely';

/**
 * Issue 15 and issue 12.8.
 * - governance_voters.submission_tag: HMAC(ballot secret, proposal:voter:form token) of the form that
 *   cast the member's current secret ballot, so the same form sent again (its answer was lost) is
 *   answered the same way. It names no ballot: secret ballots now wait in the encrypted ballot box
 *   outside the database until close (app/modules/governance/ballot-box.server.ts).
 * - governance_ballots.submission_tag: the same for open ballots (which name their voter anyway).
 * - governance_proposals.quorum_min: a quorum as a number of voters, copied from the network default
 *   (Admin → Settings, initially two as in Companies Act 2006 s318) when a proposal sets none.
 *   0 on proposals made before, so their results do not change.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('governance_voters').addColumn('submission_tag', 'text').execute();
  await db.schema.alterTable('governance_ballots').addColumn('submission_tag', 'text').execute();
  await db.schema.alterTable('governance_proposals').addColumn('quorum_min', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('governance_proposals').dropColumn('quorum_min').execute();
  await db.schema.alterTable('governance_ballots').dropColumn('submission_tag').execute();
  await db.schema.alterTable('governance_voters').dropColumn('submission_tag').execute();
}
