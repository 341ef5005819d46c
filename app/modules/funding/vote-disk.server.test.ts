/**
 * Fund-audit: the seed fund's members' vote, read from the raw database file and its WAL by someone
 * holding a copy of the data folder (not the ballot key, which lives outside it) — the attack issue
 * 15.7 fixed for governance's secret ballots (../governance/secret-ballot-disk.server.test.ts).
 *
 * Before the fix, castFundVote wrote the "has voted" row (fund_vote_voters) and the ballot
 * (fund_vote_ballots) in one transaction, one after the other: each commit put one new voter row and
 * one new ballot in the same WAL frames, so pairing each ballot with the voter whose row appeared
 * with it named every voter's choices (this test failed on the first WAL check: every ballot was there).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { env } from '~/env.server';
import { makeMember } from '../../../test/factories';
import { newFormToken, readBox, writeBox } from '~/modules/governance/ballot-box.server';
import { receiptHash } from '~/modules/governance/proposal-voting.server';
import { nearestPairing, occurrences, rankPairing } from '~/modules/governance/disk-forensics';
import { saveApplication, startApplication } from './applications.server';
import { createRound, openRound } from './rounds.server';
import { castFundVote, checkFundReceipt, closeFundVote, openVote, getVote } from './vote.server';

const HOUR = 3_600_000;
const VOTERS = 40;
const PROJECTS = 6;

/** Every non-empty subset of the projects, in shortlist order: each voter's ballot is recognisable on disk. */
function subsets<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  for (let m = 1; m < 1 << xs.length; m++) out.push(xs.filter((_, i) => m & (1 << i)));
  return out;
}

describe('members’ vote on disk (fund-audit)', () => {
  it(`after a vote of ${VOTERS} members, the database file and the WAL pair ballots with voters no better than chance`, async () => {
    const T0 = Date.now();
    const steward = await makeMember({ role: 'steward' });
    const r = await createRound(
      steward,
      {
        name: 'Disk round', description: 'd', pot: 6000, minGrant: 100, maxGrant: 2000, themes: [], cities: [], eligibility: [],
        questions: [{ text: 'What?', wordLimit: 50 }], criteria: [{ label: 'Need', weight: 1 }], decisionMethod: 'members', allowPartial: false,
        minLivedExperience: 0, opensAt: T0 - HOUR, closesAt: T0 + HOUR, panel: [],
      },
      T0 - HOUR,
    );
    if (!('id' in r)) throw new Error('round');
    await openRound(steward, r.id, T0 - HOUR);
    const projectIds: string[] = [];
    for (let i = 0; i < PROJECTS; i++) {
      const lead = await makeMember();
      const s = await startApplication(lead, r.id, {}, T0);
      if (!('id' in s)) throw new Error('start');
      const amount = 500 + i * 100;
      const saved = await saveApplication(lead, s.id, { title: `Project ${i}`, summary: 's', amount, budgetLines: [{ label: 'All', amount }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: 'a' }, media: {}, removeMedia: [] }, { submit: true }, T0);
      if (!saved.ok) throw new Error('save');
      projectIds.push(s.id);
    }
    const voters: Awaited<ReturnType<typeof makeMember>>[] = [];
    for (let i = 0; i < VOTERS; i++) voters.push(await makeMember());
    const AFTER_CLOSE = T0 + 2 * HOUR;
    expect(await openVote(steward, r.id, { closesAt: AFTER_CLOSE + 24 * HOUR }, AFTER_CLOSE)).toBe('ok');
    const shortlist = JSON.parse((await db.selectFrom('fund_votes').select('shortlist').where('round_id', '=', r.id).executeTakeFirstOrThrow()).shortlist) as string[];
    expect([...shortlist].sort()).toEqual([...projectIds].sort());
    const choices = subsets(shortlist).slice(0, VOTERS);
    const receipts: string[] = [];
    for (let i = 0; i < VOTERS; i++) {
      const res = await castFundVote(voters[i]!, r.id, { approved: choices[i]!, token: newFormToken() }, AFTER_CLOSE + i);
      if (!res.ok) throw new Error(JSON.stringify(res));
      receipts.push(res.receipt);
    }

    const readAll = () => ({ file: fs.readFileSync(env.databasePath), wal: fs.existsSync(`${env.databasePath}-wal`) ? fs.readFileSync(`${env.databasePath}-wal`) : Buffer.alloc(0) });
    const ballotNeedle = (i: number) => Buffer.from(JSON.stringify(choices[i]));
    // A "has voted" row (governance_voters, the vote being a proposal) stores the proposal id then the
    // user id, next to each other in the record.
    const proposalId = (await getVote(r.id))!.proposal_id;
    const voterNeedle = (i: number) => Buffer.from(`${proposalId}${voters[i]!.id}`);

    // While the vote is open, no ballot is readable in the database or its WAL…
    const during = readAll();
    for (let i = 0; i < VOTERS; i++) {
      expect(occurrences(during.file, ballotNeedle(i))).toHaveLength(0);
      expect(occurrences(during.wal, ballotNeedle(i))).toHaveLength(0);
    }
    // …yet a voter can still check their receipt.
    expect((await checkFundReceipt(r.id, receipts[3]!)).found).toBe(true);

    expect(await closeFundVote(steward, r.id, AFTER_CLOSE + 25 * HOUR)).toBe('ok');
    const { file, wal } = readAll();

    // Every ballot is in the file (the count can be checked), and receipts still find theirs.
    const ballotInFile = choices.map((_, i) => occurrences(file, ballotNeedle(i))[0]);
    expect(ballotInFile.every((x) => x !== undefined)).toBe(true);
    expect((await checkFundReceipt(r.id, receipts[5]!)).found).toBe(true);
    // "Has voted" rows are the last occurrence of each voter's pattern (electorate rows come first).
    const voterInFile = voters.map((_, i) => occurrences(file, voterNeedle(i)).at(-1));
    expect(voterInFile.every((x) => x !== undefined)).toBe(true);
    // A random pairing of 40 gets 1 right on average; 7 or more happens with p < 1e-4.
    expect(rankPairing(ballotInFile, voterInFile)).toBeLessThan(7);
    expect(nearestPairing(ballotInFile, voterInFile)).toBeLessThan(7);
    // The WAL: checkpointed and truncated at close, so no frame holds a ballot.
    const pageSize = wal.length >= 32 ? wal.readUInt32BE(8) : 0;
    const frameOf = (pos: number | undefined) => (pos === undefined ? undefined : Math.floor((pos - 32) / (24 + pageSize)));
    const ballotFrames = choices.map((_, i) => frameOf(occurrences(wal, ballotNeedle(i))[0]));
    expect(ballotFrames.filter((f) => f !== undefined)).toHaveLength(0);
  }, 120_000);

  it('two ballots from one member at once store one; a retry finishes a vote whose ballot never reached the box', async () => {
    const T0 = Date.now();
    const steward = await makeMember({ role: 'steward' });
    const r = await createRound(
      steward,
      {
        name: 'Race round', description: 'd', pot: 3000, minGrant: 100, maxGrant: 2000, themes: [], cities: [], eligibility: [],
        questions: [{ text: 'What?', wordLimit: 50 }], criteria: [{ label: 'Need', weight: 1 }], decisionMethod: 'members', allowPartial: false,
        minLivedExperience: 0, opensAt: T0 - HOUR, closesAt: T0 + HOUR, panel: [],
      },
      T0 - HOUR,
    );
    if (!('id' in r)) throw new Error('round');
    await openRound(steward, r.id, T0 - HOUR);
    const lead = await makeMember();
    const s = await startApplication(lead, r.id, {}, T0);
    if (!('id' in s)) throw new Error('start');
    await saveApplication(lead, s.id, { title: 'P', summary: 's', amount: 500, budgetLines: [{ label: 'All', amount: 500 }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: 'a' }, media: {}, removeMedia: [] }, { submit: true }, T0);
    const [voter, other] = [await makeMember(), await makeMember()];
    const AFTER_CLOSE = T0 + 2 * HOUR;
    expect(await openVote(steward, r.id, { closesAt: AFTER_CLOSE + 24 * HOUR }, AFTER_CLOSE)).toBe('ok');
    const box = () => readBox(`fund-vote-${r.id}`);

    // Two tabs, two forms, sent at the same moment: one ballot, the other refused.
    const both = await Promise.all([
      castFundVote(voter, r.id, { approved: [s.id], token: newFormToken() }, AFTER_CLOSE),
      castFundVote(voter, r.id, { approved: [s.id], token: newFormToken() }, AFTER_CLOSE),
    ]);
    expect(both.map((b) => (b.ok ? 'ok' : b.error)).sort()).toEqual(['already-voted', 'ok']);
    expect(box()).toHaveLength(1);

    // The server stopped after recording "has voted" and before the box was written: the same form
    // sent again puts the ballot in, once, with the receipt the voter was first given.
    const token = newFormToken();
    const first = await castFundVote(other, r.id, { approved: [s.id], token }, AFTER_CLOSE);
    if (!first.ok) throw new Error('vote');
    writeBox(`fund-vote-${r.id}`, box().filter((e) => e.receiptHash !== receiptHash(`fund-vote:${r.id}`, first.receipt)));
    expect(box()).toHaveLength(1);
    expect(await castFundVote(other, r.id, { approved: [s.id], token }, AFTER_CLOSE)).toEqual({ ok: true, receipt: first.receipt, repeated: true });
    expect(await castFundVote(other, r.id, { approved: [s.id], token }, AFTER_CLOSE)).toEqual({ ok: true, receipt: first.receipt, repeated: true });
    expect(box()).toHaveLength(2);
    expect((await checkFundReceipt(r.id, first.receipt)).found).toBe(true);

    // Closed and counted: the box is gone, both ballots are in the table; a late ballot is refused.
    expect(await closeFundVote(steward, r.id, AFTER_CLOSE + 25 * HOUR)).toBe('ok');
    expect(box()).toHaveLength(0);
    expect(await db.selectFrom('fund_vote_ballots').select('approved').where('round_id', '=', r.id).execute()).toHaveLength(2);
    await expect(closeFundVote(steward, r.id, AFTER_CLOSE + 25 * HOUR)).rejects.toMatchObject({ status: 403 });
    await expect(castFundVote(voter, r.id, { approved: [s.id], token: newFormToken() }, AFTER_CLOSE + 26 * HOUR)).rejects.toMatchObject({ status: 403 });
    expect(await db.selectFrom('fund_vote_ballots').select('approved').where('round_id', '=', r.id).execute()).toHaveLength(2);
  });
});
