import type { Transaction } from 'kysely';
import { db } from '~db/connection';
import type { Database } from '~db/schema';

/**
 * "Your data", governance part: proposals the member made, their comments, their open-ballot votes
 * (and those cast for them or by them as a proxy), the proxies they gave or hold, their entry in the
 * register of members and any directorships. For a secret ballot only the fact that they voted is
 * exported: the choice was stored apart from any name by design and cannot be linked back.
 */
export async function governanceData(userId: string) {
  const [proposals, comments, ballots, history, proxyVotes, secretVotes, proxies, register, directorships] = await Promise.all([
    db
      .selectFrom('governance_proposals')
      .select(['title', 'body', 'kind', 'status', 'secret', 'opens_at', 'closes_at', 'outcome', 'created_at'])
      .where('proposer_id', '=', userId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('governance_comments as c')
      .innerJoin('governance_proposals as p', 'p.id', 'c.proposal_id')
      .select(['p.title as proposal', 'c.body', 'c.created_at'])
      .where('c.author_id', '=', userId)
      .orderBy('c.created_at')
      .execute(),
    db
      .selectFrom('governance_ballots as b')
      .innerJoin('governance_proposals as p', 'p.id', 'b.proposal_id')
      .leftJoin('users as h', 'h.id', 'b.proxy_id')
      .select(['p.title as proposal', 'b.choice', 'b.reason', 'h.name as castByProxy', 'b.created_at', 'b.updated_at'])
      .where('b.voter_id', '=', userId)
      .where('p.secret', '=', 0)
      .orderBy('b.created_at')
      .execute(),
    db
      .selectFrom('governance_ballot_history as b')
      .innerJoin('governance_proposals as p', 'p.id', 'b.proposal_id')
      .select(['p.title as proposal', 'b.choice', 'b.reason', 'b.cast_at', 'b.replaced_at'])
      .where('b.voter_id', '=', userId)
      .where('p.secret', '=', 0)
      .orderBy('b.cast_at')
      .execute(),
    db
      .selectFrom('governance_ballots as b')
      .innerJoin('governance_proposals as p', 'p.id', 'b.proposal_id')
      .innerJoin('users as g', 'g.id', 'b.voter_id')
      .select(['p.title as proposal', 'g.name as onBehalfOf', 'b.choice', 'b.updated_at'])
      .where('b.proxy_id', '=', userId)
      .where('p.secret', '=', 0)
      .orderBy('b.updated_at')
      .execute(),
    db
      .selectFrom('governance_voters as v')
      .innerJoin('governance_proposals as p', 'p.id', 'v.proposal_id')
      .select(['p.title as proposal', 'p.closes_at'])
      .where('v.user_id', '=', userId)
      .where('p.secret', '=', 1)
      .orderBy('p.closes_at')
      .execute(),
    db
      .selectFrom('governance_proxies as x')
      .innerJoin('users as g', 'g.id', 'x.grantor_id')
      .innerJoin('users as h', 'h.id', 'x.holder_id')
      .leftJoin('governance_proposals as p', 'p.id', 'x.proposal_id')
      .select(['x.grantor_id', 'g.name as grantor', 'h.name as holder', 'p.title as proposal', 'x.created_at', 'x.revoked_at'])
      .where((eb) => eb.or([eb('x.grantor_id', '=', userId), eb('x.holder_id', '=', userId)]))
      .orderBy('x.created_at')
      .execute(),
    db.selectFrom('users').select(['joined_at', 'ceased_at']).where('id', '=', userId).executeTakeFirst(),
    db.selectFrom('governance_directors').select(['term_start', 'term_end', 'ceased_at']).where('user_id', '=', userId).orderBy('term_start').execute(),
  ]);
  const groups = await db
    .selectFrom('governance_group_members as m')
    .innerJoin('governance_groups as g', 'g.id', 'm.group_id')
    .select(['g.name as group', 'm.added_at'])
    .where('m.user_id', '=', userId)
    .orderBy('m.added_at')
    .execute();
  const parse = (s: string) => JSON.parse(s) as unknown;
  return {
    proposalsYouMade: proposals.map((p) => ({ ...p, secret: p.secret === 1 })),
    yourComments: comments,
    yourVotes: ballots.map((b) => ({ ...b, choice: parse(b.choice) })),
    yourEarlierVotes: history.map((b) => ({ ...b, choice: parse(b.choice) })),
    votesYouCastAsProxy: proxyVotes.map((b) => ({ ...b, choice: parse(b.choice) })),
    // Secret ballots: that you voted is recorded; what you chose is not linked to you anywhere.
    secretBallotsYouVotedIn: secretVotes.map((v) => ({ proposal: v.proposal, voted: true })),
    proxiesYouGave: proxies.filter((x) => x.grantor_id === userId).map((x) => ({ to: x.holder, forProposal: x.proposal, created_at: x.created_at, revoked_at: x.revoked_at })),
    proxiesYouHold: proxies.filter((x) => x.grantor_id !== userId).map((x) => ({ from: x.grantor, forProposal: x.proposal, created_at: x.created_at, revoked_at: x.revoked_at })),
    registerOfMembers: register ? { joined: register.joined_at, ceased: register.ceased_at } : null,
    directorships,
    groupsYouBelongTo: groups,
  };
}

/** Account deletion: every proxy the member gave or holds that is still in force is revoked, and the member leaves every group. */
export async function revokeProxiesOf(trx: Transaction<Database>, userId: string, now: number) {
  await trx
    .updateTable('governance_proxies')
    .set({ revoked_at: now })
    .where((eb) => eb.or([eb('grantor_id', '=', userId), eb('holder_id', '=', userId)]))
    .where('revoked_at', 'is', null)
    .execute();
  // Named voting groups: the member leaves them (electorates already frozen are not changed).
  await trx.deleteFrom('governance_group_members').where('user_id', '=', userId).execute();
}
