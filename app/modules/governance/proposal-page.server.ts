/**
 * What the proposal page shows a member (the route's loader data): the proposal, the abilities the
 * policy gives this member, their own ballot, results as `proposal.seeResults` allows, comments,
 * versions and the members they may vote for as proxy. The route checks sign-in and existence first.
 */
import type { SessionUser } from '~/modules/auth/session.server';
import { env } from '~/env.server';
import { canReopen } from './proposal-lifecycle.server';
import { currentTally, verifyCount } from './proposal-count.server';
import { earlierObjections, hasVoted, listVersions, myBallot, openBallots, parseOptions, votedByProxy, whoVoted, type Proposal } from './proposal-read.server';
import { listComments, proxyVotersFor } from './participation.server';
import { newFormToken } from './ballot-box.server';
import { proposalAccess, turnoutOf } from './access.server';
import { quorumRequired, type TallyResult } from './tally';
import { getGroup } from './groups.server';
import { listAttachments } from './attachments.server';

export async function loadProposalPage(user: SessionUser, p: Proposal, url: URL) {
  const now = Date.now();
  const { subject, abilities } = await proposalAccess(user, p, now);
  const eligible = subject.inElectorate;
  const voted = await hasVoted(p.id, user.id);
  const ballot = p.secret ? null : await myBallot(p.id, user.id);
  const comments = await listComments(p.id);
  const versions = await listVersions(p.id);
  // s324: nobody signs a written resolution by proxy. Secret ballots too (secret-proxy.server.ts).
  const proxyFor = p.kind === 'written' || p.status !== 'open' ? [] : await proxyVotersFor(user.id, p.id);
  // Only the member's own row: whether their current secret ballot is the one their proxy cast.
  const myVoteByProxy = p.secret && voted && p.status === 'open' ? await votedByProxy(p.id, user.id) : false;
  const closed = p.status === 'closed';
  // Results: as `proposal.seeResults` says — the stored tally after close; a live count only for
  // open ballots that do not hide results. Secret ballots show turnout only until close.
  let result: TallyResult | null = null;
  if (abilities['proposal.seeResults']) result = closed ? (JSON.parse(p.result!) as TallyResult) : await currentTally(p);
  const turnout = abilities['proposal.seeTurnout'] ? await turnoutOf(p.id) : null;
  const verify = closed && url.searchParams.get('verify') === '1' ? await verifyCount(p) : null;
  const group = p.electorate_group_id ? await getGroup(p.electorate_group_id) : null;
  return {
    proposal: {
      id: p.id,
      title: p.title,
      body: p.body,
      kind: p.kind,
      status: p.status,
      secret: p.secret === 1,
      hideResults: p.hide_results === 1,
      allowCloseEarly: p.allow_close_early === 1,
      quorumPercent: p.quorum_percent,
      writtenMajority: p.written_majority,
      pollMode: p.poll_mode,
      maxScore: p.max_score,
      seats: p.seats,
      version: p.version,
      opensAt: p.opens_at,
      closesAt: p.closes_at,
      closedAt: p.closed_at,
      electorateSize: p.electorate_size,
      outcomeStatement: p.outcome_statement,
      reviewAt: p.review_at,
      round: p.round,
      group: group ? { id: group.id, name: group.name, builtin: group.builtin } : null,
    },
    canReopen: await canReopen(p, user),
    attachments: await listAttachments(p.id),
    earlierObjections: await earlierObjections(p),
    options: parseOptions(p),
    abilities,
    turnout,
    quorumRequired: p.quorum_min > 0 || p.quorum_percent > 0 ? Math.min(p.electorate_size, Math.max(p.quorum_min, quorumRequired(p.electorate_size, p.quorum_percent))) : 0,
    canVote: abilities['proposal.vote'],
    eligible,
    voted,
    myVoteByProxy,
    ballot,
    votedOnOlderVersion: !!ballot && ballot.version < p.version,
    facilitator: abilities['proposal.facilitate'],
    proposer: p.proposer_id === user.id,
    result,
    verify: verify ? { matches: verify.matches } : null,
    ballots: closed && !p.secret ? await openBallots(p.id) : [],
    voters: closed ? await whoVoted(p.id) : [],
    comments,
    versions,
    proxyFor,
    shareUrl: `${env.publicUrl}/governance/proposals/${p.id}`,
    // One per rendering of the vote form: the same form sent again is answered the same way (issue 12.8).
    formToken: newFormToken(),
    // Each proxy form its own token: a resent form must find the ballot it cast, not another's.
    proxyFormTokens: Object.fromEntries(proxyFor.map((m) => [m.id, newFormToken()])),
   };
}
