/**
 * The members' vote as a governance proposal (issue 14 item 6: "a vote of the members (a governance
 * proposal of a new kind, with its electorate frozen, receipts and a decision-register entry)").
 * Opening it creates a proposal of kind 'fund_vote' that governance lists and puts in "needs your vote";
 * the scheduler closes and counts it at its closing time — exactly once when a steward's close runs at
 * the same moment — and governance's own ballot, proxies and early close do not apply to it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { saveApplication, startApplication } from './applications.server';
import { createRound, openRound } from './rounds.server';
import { newFormToken } from '~/modules/governance/ballot-box.server';
import { listProposals, needsVote } from '~/modules/governance/proposal-read.server';
import { castVote } from '~/modules/governance/proposal-voting.server';
import { closeEarly, extendProposal, runCloseJob, runNotifyJob, runReminderJob } from '~/modules/governance/proposal-lifecycle.server';
import { appointProxy, addComment } from '~/modules/governance/participation.server';
import { proposalAccess } from '~/modules/governance/access.server';
import { getProposal } from '~/modules/governance/proposal-read.server';
import { castFundVote, closeFundVote, confirmVoteAwards, fundVoteAddress, getVote, openVote, voteResult } from './vote.server';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
type Who = Awaited<ReturnType<typeof makeMember>>;
let steward: Who, ana: Who, bashir: Who, chidi: Who;
const T0 = Date.now();
const AFTER_CLOSE = T0 + 3 * HOUR;
const VOTE_CLOSES = AFTER_CLOSE + 3 * DAY;

async function refusal(fn: () => Promise<unknown>): Promise<number | 'ok'> {
  try {
    await fn();
    return 'ok';
  } catch (e) {
    if (e instanceof Response) return e.status;
    if (e && typeof e === 'object' && 'status' in e) return Number((e as { status: number }).status);
    throw e;
  }
}

async function membersRound(name: string) {
  const r = await createRound(
    steward,
    {
      name,
      description: 'Members choose.',
      pot: 2000,
      minGrant: 300,
      maxGrant: 1500,
      themes: [],
      cities: [],
      eligibility: [],
      questions: [{ text: 'What?', wordLimit: 50 }],
      criteria: [{ label: 'Need', weight: 1 }],
      decisionMethod: 'members',
      allowPartial: false,
      minLivedExperience: 0,
      opensAt: T0 - HOUR,
      closesAt: T0 + 2 * HOUR,
      panel: [],
    },
    T0 - HOUR,
  );
  if (!('id' in r)) throw new Error('round not created');
  await openRound(steward, r.id, T0 - HOUR);
  const apps: string[] = [];
  for (const [who, title, amount] of [
    [ana, 'Garden', 900],
    [bashir, 'Radio', 700],
  ] as const) {
    const s = await startApplication(who, r.id, {}, T0);
    if (!('id' in s)) throw new Error('not started');
    await saveApplication(
      who,
      s.id,
      { title, summary: `${title} summary`, amount, budgetLines: [{ label: 'All', amount }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: 'x' }, media: {}, removeMedia: [] },
      { submit: true },
      T0,
    );
    apps.push(s.id);
  }
  return { roundId: r.id, apps };
}

let roundId = '';
let apps: string[] = [];
let proposalId = '';

beforeAll(async () => {
  steward = await makeMember({ role: 'steward', name: 'Steward' });
  ana = await makeMember({ name: 'Ana' });
  bashir = await makeMember({ name: 'Bashir' });
  chidi = await makeMember({ name: 'Chidi' });
  ({ roundId, apps } = await membersRound('Spring seed fund'));
});

describe('opening a members’ vote', () => {
  it('creates a governance proposal of kind fund_vote with the dates and the frozen electorate', async () => {
    expect(await openVote(steward, roundId, { closesAt: VOTE_CLOSES }, AFTER_CLOSE)).toBe('ok');
    const vote = (await getVote(roundId))!;
    proposalId = vote.proposal_id;
    const p = (await getProposal(proposalId))!;
    expect(p).toMatchObject({ kind: 'fund_vote', status: 'open', title: 'Spring seed fund', opens_at: AFTER_CLOSE, closes_at: VOTE_CLOSES, proposer_id: steward.id, secret: 1, hide_results: 1 });
    const electorate = await db.selectFrom('governance_electorate').select('user_id').where('proposal_id', '=', proposalId).execute();
    expect(electorate.map((e) => e.user_id).sort()).toEqual([steward.id, ana.id, bashir.id, chidi.id].sort());
    expect(p.electorate_size).toBe(4);
    expect(vote).toMatchObject({ status: 'open', electorate_size: 4, closes_at: VOTE_CLOSES });
  });

  it('is listed among governance’s open proposals and in each member’s “needs your vote”', async () => {
    const listed = (await listProposals()).find((p) => p.id === proposalId);
    expect(listed).toMatchObject({ kind: 'fund_vote', status: 'open', title: 'Spring seed fund' });
    expect((await needsVote(chidi.id)).map((p) => p.id)).toContain(proposalId);
    const receipt = await castFundVote(chidi, roundId, { approved: [apps[0]!], token: newFormToken() }, AFTER_CLOSE);
    expect(receipt).toMatchObject({ ok: true });
    // Voted: no longer asked, and governance's turnout counts the ballot.
    expect((await needsVote(chidi.id)).map((p) => p.id)).not.toContain(proposalId);
    const page = await proposalAccess(chidi, (await getProposal(proposalId))!, AFTER_CLOSE);
    expect(page.abilities['proposal.seeTurnout']).toBe(true);
    expect(await db.selectFrom('governance_voters').select('user_id').where('proposal_id', '=', proposalId).execute()).toEqual([{ user_id: chidi.id }]);
  });

  it('reminds the members who have not voted, a day before the close', async () => {
    const remind = await db.selectFrom('jobs').select(['run_at', 'payload']).where('unique_key', '=', `governance.remind:${proposalId}:${VOTE_CLOSES}`).executeTakeFirstOrThrow();
    expect(remind.run_at).toBe(VOTE_CLOSES - DAY);
    await runReminderJob(JSON.parse(remind.payload));
    const told = await db.selectFrom('notifications').select('user_id').where('kind', '=', 'governance.closing_soon').where('link', '=', `/governance/proposals/${proposalId}`).execute();
    expect(told.map((t) => t.user_id).sort()).toEqual([steward.id, ana.id, bashir.id].sort());
  });
});

describe('governance’s own actions do not apply to it', () => {
  it('refuses a governance ballot, a proxy, a comment, an early close and an extension, storing nothing', async () => {
    expect(await refusal(() => castVote(proposalId, ana, ana.id, { choice: 'for' }, AFTER_CLOSE))).toBe(403);
    expect(await refusal(() => appointProxy(ana, bashir.id, proposalId, AFTER_CLOSE))).toBe(400);
    expect(await refusal(() => addComment(proposalId, ana, 'hello', null, AFTER_CLOSE))).toBe(403);
    expect(await refusal(() => closeEarly(proposalId, steward, AFTER_CLOSE))).toBe(403);
    expect(await refusal(() => extendProposal(proposalId, steward, VOTE_CLOSES + DAY, AFTER_CLOSE))).toBe(403);
    expect(await db.selectFrom('governance_ballots').selectAll().where('proposal_id', '=', proposalId).execute()).toHaveLength(0);
    expect((await getProposal(proposalId))!).toMatchObject({ status: 'open', closes_at: VOTE_CLOSES });
  });
});

describe('closing at the advertised time', () => {
  it('cannot take a ballot once the closing time has passed, even before the job has run', async () => {
    expect(await refusal(() => castFundVote(ana, roundId, { approved: [apps[1]!], token: newFormToken() }, VOTE_CLOSES))).toBe(403);
    expect((await getVote(roundId))!.status).toBe('open');
  });

  it('is not closed by the job before its time, nor early by a steward', async () => {
    await runCloseJob({ id: proposalId }, VOTE_CLOSES - 1);
    expect(await refusal(() => closeFundVote(steward, roundId, VOTE_CLOSES - 1))).toBe(403);
    expect((await getVote(roundId))!.status).toBe('open');
  });

  it('is closed and counted once, as the system, when the scheduler’s job and a steward close at the same moment', async () => {
    const job = await db.selectFrom('jobs').select(['run_at', 'payload', 'kind']).where('unique_key', '=', `governance.close:${proposalId}:${VOTE_CLOSES}`).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ kind: 'governance.close', run_at: VOTE_CLOSES });
    const [byJob, bySteward] = await Promise.all([runCloseJob(JSON.parse(job.payload), VOTE_CLOSES + 1).then(() => 'job'), closeFundVote(steward, roundId, VOTE_CLOSES + 1).catch((e: unknown) => e)]);
    expect(byJob).toBe('job');
    // Whichever came second found it closed (or, asked after, is refused by the policy): never a second count.
    expect(['ok', 'already-closed']).toContain(bySteward instanceof Response ? 'already-closed' : bySteward);
    const closes = await db.selectFrom('audit_log').select(['actor_id', 'details']).where('action', '=', 'fund_vote.closed').where('subject_id', '=', roundId).execute();
    expect(closes).toHaveLength(1);
    const vote = (await getVote(roundId))!;
    expect(vote.status).toBe('closed');
    expect(JSON.parse(vote.result!)).toMatchObject({ voters: 1 });
    expect((await getProposal(proposalId))!).toMatchObject({ status: 'closed', closed_at: VOTE_CLOSES + 1 });
    // A second run of the job changes nothing.
    const before = vote.result;
    await runCloseJob({ id: proposalId }, VOTE_CLOSES + 2 * HOUR);
    expect((await getVote(roundId))!.result).toBe(before);
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'fund_vote.closed').where('subject_id', '=', roundId).execute()).toHaveLength(1);
    // The pending reminder and close jobs are gone; the result notice is queued once.
    const pending = await db.selectFrom('jobs').select('unique_key').where('unique_key', 'like', `governance.%:${proposalId}:%`).where('status', '=', 'pending').execute();
    expect(pending).toEqual([{ unique_key: `governance.notify:${proposalId}:outcome` }]);
  });

  it('counts as the system when the job alone closes it (actor null)', async () => {
    const other = await membersRound('Autumn seed fund');
    expect(await openVote(steward, other.roundId, { closesAt: VOTE_CLOSES }, AFTER_CLOSE)).toBe('ok');
    const p = (await getVote(other.roundId))!.proposal_id;
    await runCloseJob({ id: p }, VOTE_CLOSES);
    const closed = await db.selectFrom('audit_log').select('actor_id').where('action', '=', 'fund_vote.closed').where('subject_id', '=', other.roundId).execute();
    expect(closed).toEqual([{ actor_id: null }]);
    expect((await voteResult(ana, other.roundId, VOTE_CLOSES)).result.voters).toBe(0);
    // Listed as closed in governance.
    expect((await listProposals()).find((x) => x.id === p)).toMatchObject({ status: 'closed' });
    // The electorate is told the result is out, as for any proposal, with a link governance sends on to the result.
    const notify = await db.selectFrom('jobs').select('payload').where('unique_key', '=', `governance.notify:${p}:outcome`).executeTakeFirstOrThrow();
    await runNotifyJob(JSON.parse(notify.payload));
    const told = await db.selectFrom('notifications').select('user_id').where('kind', '=', 'governance.outcome').where('link', '=', `/governance/proposals/${p}`).execute();
    expect(told).toHaveLength(4);
    expect(await fundVoteAddress(p)).toBe(`/funds/${other.roundId}/result`);
  });

  it('is confirmed once, with one register entry, whoever closed it', async () => {
    const before = (await db.selectFrom('governance_decisions').select('number').execute()).length;
    const [a, b] = await Promise.all([confirmVoteAwards(steward, roundId, VOTE_CLOSES + HOUR).catch((e: unknown) => e), confirmVoteAwards(steward, roundId, VOTE_CLOSES + HOUR).catch((e: unknown) => e)]);
    expect([a, b]).toContain('ok');
    expect((await db.selectFrom('governance_decisions').select('number').execute()).length).toBe(before + 1);
    expect((await getVote(roundId))!.status).toBe('confirmed');
  });
});
