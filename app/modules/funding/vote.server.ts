/**
 * The members' vote of a seed-fund round (issue 14 item 6, "members decide" and "panel shortlists,
 * members decide"). Stewards open it with the shortlist; the electorate (governance's voting members)
 * is frozen at that moment; members approve any number of projects except their own; each voter gets
 * a receipt; at its closing time the scheduler (or a steward, if it has not yet) closes it and counts it
 * by the Method of Equal Shares (./vote-count.ts); stewards confirm the awards, which decides the round
 * and writes one entry in the governance decision register.
 *
 * Who voted and what was voted live in separate tables (see the migration): the ballots can be
 * published as a .pb file without naming anyone. Every function takes the actor and asks the policy.
 *
 * The vote is a governance proposal of kind 'fund_vote' (docs/decisions/0008-fund-vote-as-proposal.md):
 * the proposal row holds its title, dates, open/closed status and electorate size, governance_electorate
 * its frozen electorate and governance_voters who has voted — so it is listed, reminded and closed by the
 * scheduler like any proposal. The shortlist, ballots, count, lot and confirmation stay here.
 */
import { createHmac, randomInt } from 'node:crypto';
import { env } from '~/env.server';
import { db } from '~db/connection';
import { authorize, can, type Actor } from '~/policies';
import type { FundVoteSubject } from '~/policies/funding';
import { audit } from '~/modules/network/settings.server';
import { allVoters } from '~/modules/governance/groups.server';
import { newReceipt, receiptHash } from '~/modules/governance/proposal-voting.server';
import { isFormToken, openReceipt, sealReceipt, submissionTag } from '~/modules/governance/ballot-box.server';
import { recordDecision } from '~/modules/governance/register.server';
import { cancel, schedule } from '~/modules/jobs/scheduler.server';
import { scheduleTimers } from '~/modules/governance/proposal-lifecycle.server';
import { ownProjects } from './rules';
import { availablePot } from './money.server';
import { ensureReports } from './reports.server';
import { notifyDecision } from './award-letter.server';
import { getRound, isReviewOpen, type Round } from './rounds.server';
import { ballotPublicId, countVote, votePb, type StoredResult } from './vote-count';
import { getVote, getVoteByProposal, insertVoteProposal, type Vote } from './vote-proposal.server';
import { inBox, moveBallotsIn, putBallot, sealFundBox, withFundBox } from './vote-box.server';

export { fundVoteAddress, getVote, getVoteByProposal, type Vote } from './vote-proposal.server';

/** Receipts and form tokens of fund votes live in their own namespace, apart from proposals' ids. */
const ns = (roundId: string) => `fund-vote:${roundId}`;

export async function voteSubject(actor: Actor, round: Round, vote: Vote | undefined, now = Date.now()): Promise<FundVoteSubject> {
  const inElectorate = vote
    ? !!(await db.selectFrom('governance_electorate').select('user_id').where('proposal_id', '=', vote.proposal_id).where('user_id', '=', actor.id).executeTakeFirst())
    : false;
  const applied = await db
    .selectFrom('fund_applications as a')
    .leftJoin('fund_co_applicants as c', (j) => j.onRef('c.application_id', '=', 'a.id').on('c.user_id', '=', actor.id).on('c.status', '!=', 'declined'))
    .select('a.id')
    .where('a.round_id', '=', round.id)
    .where('a.status', '!=', 'withdrawn')
    .where((eb) => eb.or([eb('a.lead_id', '=', actor.id), eb('c.user_id', '=', actor.id)]))
    .executeTakeFirst();
  return {
    method: round.decisionMethod,
    roundStatus: round.status,
    reviewOpen: isReviewOpen(round),
    applicationsClosed: now >= round.closesAt,
    vote: vote?.status ?? 'none',
    votingOpen: vote?.status === 'open' && now < vote.closes_at,
    inElectorate,
    appliedInRound: !!applied,
  };
}

/** The round, its vote and the policy subject — or a 404 for a round the actor may not see. */
export async function loadVote(actor: Actor, roundId: string, now = Date.now()) {
  const round = await getRound(actor, roundId, now);
  if (!round) throw new Response('Not found', { status: 404 });
  const vote = await getVote(roundId);
  return { round, vote, subject: await voteSubject(actor, round, vote, now) };
}

export const VOTE_ABILITIES = ['fundVote.open', 'fundVote.vote', 'fundVote.close', 'fundVote.seeResult', 'fundVote.confirm'] as const;

// ---------------------------------------------------------------------------------------------- shortlist

export interface Candidate {
  id: string;
  title: string;
  summary: string;
  amount: number;
  /** The applicants (lead and co-applicants who have not declined): none of them may approve it. */
  applicants: string[];
}

/**
 * Applications that count (submitted, host accepted, co-applicants confirmed): every one of them for
 * "members decide"; the stewards record which of them the panel passes for "panel shortlists".
 */
export async function eligibleApplications(roundId: string): Promise<Candidate[]> {
  const apps = await db
    .selectFrom('fund_applications')
    .select(['id', 'title', 'summary', 'amount', 'lead_id', 'kind', 'host_status', 'submitted_at'])
    .where('round_id', '=', roundId)
    .where('status', '=', 'submitted')
    .orderBy('submitted_at')
    .orderBy('id')
    .execute();
  const co = apps.length ? await db.selectFrom('fund_co_applicants').select(['application_id', 'user_id', 'status']).where('application_id', 'in', apps.map((a) => a.id)).execute() : [];
  return apps
    .filter((a) => (a.kind !== 'group' || a.host_status === 'accepted') && co.every((c) => c.application_id !== a.id || c.status === 'accepted') && (a.amount ?? 0) > 0)
    .map((a) => ({
      id: a.id,
      title: a.title,
      summary: a.summary,
      amount: a.amount ?? 0,
      applicants: [a.lead_id, ...co.filter((c) => c.application_id === a.id && c.status !== 'declined').map((c) => c.user_id)],
    }));
}

/** The shortlist as put to the vote, in its order, with who may not approve what. */
async function shortlistOf(vote: Vote): Promise<Candidate[]> {
  const ids: string[] = JSON.parse(vote.shortlist);
  if (!ids.length) return [];
  const [apps, co] = await Promise.all([
    db.selectFrom('fund_applications').select(['id', 'title', 'summary', 'amount', 'lead_id', 'status']).where('id', 'in', ids).execute(),
    db.selectFrom('fund_co_applicants').select(['application_id', 'user_id', 'status']).where('application_id', 'in', ids).execute(),
  ]);
  return ids.flatMap((id) => {
    const a = apps.find((x) => x.id === id);
    if (!a || a.status === 'withdrawn') return [];
    return [{ id, title: a.title, summary: a.summary, amount: a.amount ?? 0, applicants: [a.lead_id, ...co.filter((c) => c.application_id === id && c.status !== 'declined').map((c) => c.user_id)] }];
  });
}

// ---------------------------------------------------------------------------------------------- opening

export type OpenVoteProblem = 'closes-too-soon' | 'empty-shortlist' | 'not-eligible';

/**
 * Opens the vote: the shortlist is fixed and the electorate — every voting member, as governance
 * counts them — is frozen now; members who join later do not vote in it.
 */
export async function openVote(actor: Actor, roundId: string, input: { closesAt: number; shortlist?: string[] }, now = Date.now()): Promise<'ok' | { problems: OpenVoteProblem[] }> {
  const { round, subject } = await loadVote(actor, roundId, now);
  authorize(actor, 'fundVote.open', subject);
  const eligible = await eligibleApplications(roundId);
  const problems: OpenVoteProblem[] = [];
  if (input.closesAt <= now + 60 * 60_000) problems.push('closes-too-soon');
  let shortlist = eligible.map((e) => e.id);
  if (round.decisionMethod === 'panel-then-members') {
    const chosen = new Set(input.shortlist ?? []);
    if ([...chosen].some((id) => !shortlist.includes(id))) problems.push('not-eligible');
    shortlist = shortlist.filter((id) => chosen.has(id));
  }
  if (!shortlist.length) problems.push('empty-shortlist');
  if (problems.length) return { problems };
  const opened = await db.transaction().execute(async (trx) => {
    // The transaction holds the one connection: nobody opens the same round's vote in between.
    if (await trx.selectFrom('fund_votes').select('round_id').where('round_id', '=', roundId).executeTakeFirst()) return false;
    const electorate = await allVoters(trx, now);
    // The vote as a governance proposal (listed, reminded, closed by the scheduler: ./vote-proposal.server).
    const proposalId = await insertVoteProposal(trx, { round, openedBy: actor.id, closesAt: input.closesAt, electorate }, now);
    await trx
      .insertInto('fund_votes')
      .values({ round_id: roundId, proposal_id: proposalId, shortlist: JSON.stringify(shortlist), lot: null, result: null, decision_number: null, confirmed_by: null, confirmed_at: null })
      .execute();
    // "Members decide" may skip the panel: applications close for good when the vote opens.
    await trx.updateTable('fund_rounds').set({ status: 'closed', updated_at: now }).where('id', '=', roundId).where('status', '=', 'open').execute();
    return { electorate: electorate.length, proposalId };
  });
  if (opened === false) return 'ok';
  await audit({ actorId: actor.id, action: 'fund_vote.opened', subjectType: 'fund_round', subjectId: roundId, details: { electorate: opened.electorate, shortlist: shortlist.length, proposal: opened.proposalId } });
  // The scheduler closes and counts it at its closing time, and reminds who has not voted a day before.
  await scheduleTimers(opened.proposalId, input.closesAt, now);
  // Everyone who may vote is told, in their own language and by email unless they turned it off.
  const voters = await db.selectFrom('governance_electorate').select('user_id').where('proposal_id', '=', opened.proposalId).execute();
  const { notifyMany } = await import('~/modules/notifications/notifications.server');
  await notifyMany(
    voters.map((v) => v.user_id),
    { kind: 'funding.vote_open', params: { round: round.name, date: new Date(input.closesAt).toISOString().slice(0, 10) }, link: `/funds/${roundId}/vote` },
  );
  return 'ok';
}

// ---------------------------------------------------------------------------------------------- voting

export type CastResult =
  | { ok: true; receipt: string; repeated: boolean }
  | { ok: false; error: 'own-project'; projects: string[] }
  | { ok: false; error: 'empty' | 'unknown-project' | 'already-voted' | 'bad-token' };

/**
 * One ballot per member. The same form sent again (a retry after a lost answer) is answered with the
 * same receipt and stores nothing; a second, different ballot is refused. A ballot approving the
 * voter's own project (as lead or co-applicant) is refused whole, and nothing is stored.
 */
export async function castFundVote(actor: Actor, roundId: string, input: { approved: string[]; token: string }, now = Date.now()): Promise<CastResult> {
  const { vote, subject } = await loadVote(actor, roundId, now);
  authorize(actor, 'fundVote.vote', subject);
  if (!isFormToken(input.token)) return { ok: false, error: 'bad-token' };
  const shortlist = await shortlistOf(vote!);
  const approved = [...new Set(input.approved)];
  if (approved.some((id) => !shortlist.some((c) => c.id === id))) return { ok: false, error: 'unknown-project' };
  const tag = submissionTag(ns(roundId), actor.id, input.token);
  const own = ownProjects(actor.id, approved, new Map(shortlist.map((c) => [c.id, c.applicants])));
  const proposalId = vote!.proposal_id;
  // In shortlist order, so the order of the ticks says nothing either.
  const ordered = shortlist.map((c) => c.id).filter((id) => approved.includes(id));
  // The ballot goes into the encrypted box, not the database, until the count (./vote-box.server.ts):
  // with the box to ourselves, so a close cannot empty it between our check and our write.
  return withFundBox(roundId, async () => {
    const cast = await db.transaction().execute(async (trx): Promise<CastResult & { fresh?: boolean }> => {
      // The vote is a governance proposal (fundgov): open means its proposal is open.
      const open = await trx.selectFrom('governance_proposals').select('id').where('id', '=', proposalId).where('status', '=', 'open').executeTakeFirst();
      if (!open) throw new Response('Forbidden', { status: 403 });
      const voted = await trx.selectFrom('governance_voters').select(['submission_tag', 'sealed_receipt']).where('proposal_id', '=', proposalId).where('user_id', '=', actor.id).executeTakeFirst();
      if (voted) {
        if (voted.submission_tag === tag && voted.sealed_receipt) return { ok: true, receipt: openReceipt(ns(roundId), input.token, voted.sealed_receipt), repeated: true };
        return { ok: false, error: 'already-voted' };
      }
      if (own.length) return { ok: false, error: 'own-project', projects: own.map((id) => shortlist.find((c) => c.id === id)!.title) };
      if (!approved.length) return { ok: false, error: 'empty' };
      const receipt = newReceipt();
      await trx.insertInto('governance_voters').values({ proposal_id: proposalId, user_id: actor.id, submission_tag: tag, proxy_sealed_tag: null, sealed_receipt: sealReceipt(ns(roundId), input.token, receipt) }).execute();
      return { ok: true, receipt, repeated: false, fresh: true };
    });
    if (!cast.ok) return cast;
    // A retried form finishes a vote whose ballot did not reach the box (the box skips one it has).
    if (cast.repeated && (own.length || !approved.length)) return { ok: true, receipt: cast.receipt, repeated: true };
    const hash = receiptHash(ns(roundId), cast.receipt);
    // A vote opened before ballots waited in the box (fund-audit) kept them in the table: not twice.
    if (cast.repeated && (await db.selectFrom('fund_vote_ballots').select('id').where('round_id', '=', roundId).where('receipt_hash', '=', hash).executeTakeFirst())) {
      return { ok: true, receipt: cast.receipt, repeated: true };
    }
    try {
      putBallot(roundId, input.token, ordered, hash);
    } catch (error) {
      if (cast.fresh) await db.deleteFrom('governance_voters').where('proposal_id', '=', proposalId).where('user_id', '=', actor.id).execute();
      throw error;
    }
    return { ok: true, receipt: cast.receipt, repeated: cast.repeated };
  });
}

export async function hasVoted(vote: Pick<Vote, 'proposal_id'>, userId: string): Promise<boolean> {
  return !!(await db.selectFrom('governance_voters').select('user_id').where('proposal_id', '=', vote.proposal_id).where('user_id', '=', userId).executeTakeFirst());
}

/** Is there a ballot with this receipt? Answers its public id in the .pb file too. */
export async function checkFundReceipt(roundId: string, code: string): Promise<{ found: boolean; publicId: string | null }> {
  const hash = receiptHash(ns(roundId), code);
  const row = await db.selectFrom('fund_vote_ballots').select('receipt_hash').where('round_id', '=', roundId).where('receipt_hash', '=', hash).executeTakeFirst();
  if (!row && inBox(roundId, hash)) return { found: true, publicId: ballotPublicId(hash) };
  return { found: !!row, publicId: row ? ballotPublicId(row.receipt_hash) : null };
}

/** What a member sees on the ballot: each project by its public summary only, and which are theirs. */
export async function ballotPage(actor: Actor, roundId: string, now = Date.now()) {
  const { round, vote, subject } = await loadVote(actor, roundId, now);
  const shortlist = vote ? await shortlistOf(vote) : [];
  const [voted, turnout] = vote ? await Promise.all([hasVoted(vote, actor.id), countBallots(vote)]) : [false, 0];
  return {
    round,
    vote: vote ? { status: vote.status, closesAt: vote.closes_at, electorate: vote.electorate_size, turnout } : null,
    subject,
    voted,
    projects: inVoterOrder(shortlist, vote?.proposal_id ?? roundId, actor.id).map((c) => ({ id: c.id, title: c.title, summary: c.summary, amount: c.amount, own: c.applicants.includes(actor.id) })),
  };
}

/**
 * Each voter sees the projects in an order of their own, the same on every visit: listed first gains
 * votes (ballot-position effects), so no project is always first. A ballot is stored in shortlist
 * order, so the display order marks nothing kept. It is keyed with the server's ballot secret: from
 * public ids alone, a screenshot of someone's ballot would narrow down whose it is.
 */
function inVoterOrder<T extends { id: string }>(projects: T[], voteId: string, voterId: string): T[] {
  const key = (id: string) => createHmac('sha256', env.governanceBallotSecret).update(`fund-ballot-order\0${voteId}\0${voterId}\0${id}`).digest('hex');
  const keys = new Map(projects.map((p) => [p.id, key(p.id)]));
  return [...projects].sort((a, b) => (keys.get(a.id)! < keys.get(b.id)! ? -1 : 1));
}

async function countBallots(vote: Vote): Promise<number> {
  // One "has voted" row (governance's, the vote being a proposal) per ballot: the ballots themselves
  // wait in the box until the count.
  const r = await db.selectFrom('governance_voters').select((eb) => eb.fn.countAll<number>().as('n')).where('proposal_id', '=', vote.proposal_id).executeTakeFirst();
  return Number(r?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------- closing

/** A uniformly random order of the ids (Fisher–Yates with crypto randomness): the recorded lot. */
function drawLot(ids: string[]): string[] {
  const out = [...ids];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function ballotsOf(roundId: string) {
  return db.selectFrom('fund_vote_ballots').select(['approved', 'receipt_hash']).where('round_id', '=', roundId).orderBy('id').execute();
}

/**
 * A steward counts the vote once its closing time has passed, if the scheduler has not already done
 * so (no early close: a vote runs to its advertised time). A second close changes nothing.
 */
export async function closeFundVote(actor: Actor, roundId: string, now = Date.now()): Promise<'ok' | 'already-closed'> {
  const { vote, subject } = await loadVote(actor, roundId, now);
  authorize(actor, 'fundVote.close', subject);
  return closeAndCount(vote!, actor.id, now);
}

/**
 * The scheduler's close (governance.close job for a 'fund_vote' proposal): counted as the system, at
 * or after the closing time, exactly once even when a steward's close runs at the same moment.
 */
export async function closeFundVoteOnSchedule(proposalId: string, now = Date.now()): Promise<'ok' | 'already-closed' | 'not-due'> {
  const vote = await getVoteByProposal(proposalId);
  if (!vote || vote.status !== 'open') return 'already-closed';
  if (now < vote.closes_at) return 'not-due';
  return closeAndCount(vote, null, now);
}

async function closeAndCount(vote: Vote, actorId: string | null, now: number): Promise<'ok' | 'already-closed'> {
  const roundId = vote.round_id;
  const shortlist = await shortlistOf(vote);
  // What earlier rounds left rolls into this one (money.server), as in a panel decision.
  const pot = await availablePot(roundId);
  const done = await withFundBox(roundId, () =>
    db.transaction().execute(async (trx) => {
      // Whoever moves the proposal from open to closed counts; the other finds it closed.
      const res = await trx
        .updateTable('governance_proposals')
        .set({ status: 'closed', closed_at: now, updated_at: now })
        .where('id', '=', vote.proposal_id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) return null;
      // The ballots leave the encrypted box for the table in one shuffled batch (./vote-box.server.ts).
      await moveBallotsIn(trx, roundId);
      const ballots = await trx.selectFrom('fund_vote_ballots').select('approved').where('round_id', '=', roundId).execute();
      const lot = drawLot(shortlist.map((c) => c.id));
      const result: StoredResult = { pot, ...countVote({ pot, projects: shortlist.map((c) => ({ id: c.id, cost: c.amount })), ballots: ballots.map((b) => JSON.parse(b.approved) as string[]), lot }) };
      await trx.updateTable('fund_votes').set({ lot: JSON.stringify(lot), result: JSON.stringify(result) }).where('round_id', '=', roundId).execute();
      return result;
    }),
  );
  if (!done) return 'already-closed';
  await sealFundBox(roundId);
  await cancel(`governance.close:${vote.proposal_id}:${vote.closes_at}`);
  await cancel(`governance.remind:${vote.proposal_id}:${vote.closes_at}`);
  // Like any proposal's: the electorate is told the result is out (governance.notify, by the scheduler).
  await schedule(`governance.notify`, now, { id: vote.proposal_id, what: 'outcome' }, `governance.notify:${vote.proposal_id}:outcome`);
  await audit({ actorId, action: 'fund_vote.closed', subjectType: 'fund_round', subjectId: roundId, details: { voters: done.voters, funded: done.selected.length, by: actorId ? 'steward' : 'schedule' } });
  return 'ok';
}

export interface ResultRow {
  id: string;
  title: string;
  summary: string;
  amount: number;
  outcome: StoredResult['outcomes'][number];
  /** Titles of the projects its supporters' shares went to (not funded only). */
  spentOn: { title: string; supporters: number }[];
}

/** The counted result with everything the page needs to explain each outcome (every member may see it). */
export async function voteResult(actor: Actor, roundId: string, now = Date.now()) {
  const { round, vote, subject } = await loadVote(actor, roundId, now);
  authorize(actor, 'fundVote.seeResult', subject);
  const result = JSON.parse(vote!.result!) as StoredResult;
  const shortlist = await shortlistOf(vote!);
  const titleOf = (id: string) => shortlist.find((c) => c.id === id)?.title ?? '';
  const rows: ResultRow[] = result.outcomes
    .map((o) => {
      const c = shortlist.find((x) => x.id === o.id);
      return { id: o.id, title: c?.title ?? '', summary: c?.summary ?? '', amount: o.cost, outcome: o, spentOn: o.spentOn.map((s) => ({ title: titleOf(s.id), supporters: s.supporters })) };
    })
    .sort((a, b) => Number(b.outcome.funded) - Number(a.outcome.funded) || (a.outcome.step ?? 0) - (b.outcome.step ?? 0) || b.outcome.approvals - a.outcome.approvals);
  return { round, vote: { status: vote!.status, electorate: vote!.electorate_size, closedAt: vote!.closed_at!, decisionNumber: vote!.decision_number }, subject, result, rows };
}

/** The ballots as a Pabulib .pb file (anonymous: ballot ids come from receipt hashes, in that order). */
export async function ballotsFile(actor: Actor, roundId: string, now = Date.now()): Promise<{ name: string; body: string }> {
  const { round, vote, subject } = await loadVote(actor, roundId, now);
  authorize(actor, 'fundVote.seeResult', subject);
  const [shortlist, ballots] = await Promise.all([shortlistOf(vote!), ballotsOf(roundId)]);
  const result = JSON.parse(vote!.result!) as StoredResult;
  const body = votePb({
    roundName: round.name,
    pot: result.pot ?? round.pot,
    openedAt: vote!.opened_at,
    closedAt: vote!.closed_at!,
    projects: shortlist.map((c) => ({ id: c.id, cost: c.amount, title: c.title })),
    ballots: ballots.map((b) => ({ voterId: ballotPublicId(b.receipt_hash), approved: JSON.parse(b.approved) as string[] })),
    selected: result.selected,
    lot: result.lot,
  });
  const slug = round.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'round';
  return { name: `nomi-seed-fund-${slug}.pb`, body };
}

// ---------------------------------------------------------------------------------------------- confirming

/**
 * The stewards confirm the count: awards recorded, applications marked funded or not funded, the
 * round decided and one entry written in the governance decision register — in one transaction,
 * and only once.
 */
export async function confirmVoteAwards(actor: Actor, roundId: string, now = Date.now()): Promise<'ok' | 'already-confirmed'> {
  const { round, vote, subject } = await loadVote(actor, roundId, now);
  authorize(actor, 'fundVote.confirm', subject);
  const result = JSON.parse(vote!.result!) as StoredResult;
  const shortlist = await shortlistOf(vote!);
  const titleOf = (id: string) => shortlist.find((c) => c.id === id)?.title || id;
  const number = await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('fund_votes')
      .set({ confirmed_by: actor.id, confirmed_at: now })
      .where('round_id', '=', roundId)
      .where('confirmed_at', 'is', null)
      .where('result', 'is not', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return null;
    for (const id of result.selected) {
      const amount = result.outcomes.find((o) => o.id === id)!.cost;
      await trx.insertInto('fund_awards').values({ application_id: id, round_id: roundId, amount, partial: 0, confirmed_by: actor.id, confirmed_at: now }).execute();
      await trx.updateTable('fund_applications').set({ status: 'funded', updated_at: now }).where('id', '=', id).where('status', '=', 'submitted').execute();
    }
    await trx.updateTable('fund_applications').set({ status: 'not-funded', updated_at: now }).where('round_id', '=', roundId).where('status', '=', 'submitted').execute();
    await trx.updateTable('fund_rounds').set({ status: 'decided', decided_at: now, updated_at: now }).where('id', '=', roundId).execute();
    // Register counts are keyed by project title (the register shows keys it has no name for as they are).
    const counts: Record<string, number> = {};
    const keyOf: Record<string, string> = {};
    for (const o of result.outcomes) {
      let key = titleOf(o.id);
      while (key in counts) key += ' ·';
      counts[key] = o.approvals;
      keyOf[o.id] = key;
    }
    const funded = result.selected.map((id) => `${titleOf(id)}: £${result.outcomes.find((o) => o.id === id)!.cost}`);
    const number = await recordDecision(trx, {
      decidedAt: now,
      // A binding allocation of money by the members' vote (Method of Equal Shares), not a poll.
      kind: 'fund_vote',
      title: `Seed fund awards: ${round.name}`,
      text: [
        `The members' vote on the seed fund round "${round.name}" decided these awards by the Method of Equal Shares (pot £${result.pot ?? round.pot}, ${result.voters} voters, £${result.spent} awarded):`,
        funded.length ? funded.join('\n') : 'No project could be funded.',
        `Result and ballots: /funds/${roundId}/result`,
      ].join('\n\n'),
      electorate: vote!.electorate_size,
      turnout: result.voters,
      tally: {
        kind: 'fund_vote',
        outcome: 'passed',
        quorum: { percent: 0, required: 0, turnout: result.voters, electorate: vote!.electorate_size, quorate: true },
        counts,
        funded: result.selected.map((id) => keyOf[id] ?? titleOf(id)),
      },
      outcome: 'passed',
      recordedBy: actor.id,
    });
    await trx.updateTable('fund_votes').set({ decision_number: number }).where('round_id', '=', roundId).execute();
    return number;
  });
  if (number === null) return 'already-confirmed';
  for (const id of result.selected) await ensureReports({ applicationId: id, decidedAt: now }, now);
  // The applicants learn the decision as after a panel's: award letter or feedback (fund-audit).
  await notifyDecision(roundId);
  await audit({ actorId: actor.id, action: 'fund_round.decided', subjectType: 'fund_round', subjectId: roundId, details: { awards: result.selected.length, decision: number } });
  return 'ok';
}

/** For the round page: whether to link to the vote or its result. */
export async function voteLinks(actor: Actor, round: Round, now = Date.now()) {
  if (round.decisionMethod === 'panel') return null;
  const vote = await getVote(round.id);
  const subject = await voteSubject(actor, round, vote, now);
  return { status: subject.vote, canOpen: can(actor, 'fundVote.open', subject), canVote: can(actor, 'fundVote.vote', subject), seeResult: can(actor, 'fundVote.seeResult', subject) };
}

/** "Was my ballot counted?" from a GET form (?receipt=…): no JavaScript needed, nothing written. */
export async function receiptCheckFor(request: Request, roundId: string): Promise<{ code: string; found: boolean; publicId: string | null } | null> {
  const code = new URL(request.url).searchParams.get('receipt')?.trim().slice(0, 40);
  if (!code) return null;
  return { code, ...(await checkFundReceipt(roundId, code)) };
}
