/**
 * Migration 2026-12-03T0600-fund-vote-proposal: members' votes opened before the vote became a
 * governance proposal keep working. The test takes the database back one migration (its down), writes
 * two votes exactly as the earlier code stored them (one open with a voter and a receipt, one closed
 * and counted), migrates forward again, and checks each got its proposal, electorate and voters, that
 * the old voter's resent form still gets their receipt back, and that the open one will close itself.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { FileMigrationProvider, Migrator, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { newFormToken, sealReceipt, submissionTag } from '~/modules/governance/ballot-box.server';
import { newReceipt, receiptHash } from '~/modules/governance/proposal-voting.server';
import { needsVote } from '~/modules/governance/proposal-read.server';
import { runCloseJob } from '~/modules/governance/proposal-lifecycle.server';
import { saveApplication, startApplication } from './applications.server';
import { createRound, openRound } from './rounds.server';
import { castFundVote, checkFundReceipt, confirmVoteAwards, getVote, voteResult } from './vote.server';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.now();
type Who = Awaited<ReturnType<typeof makeMember>>;
let steward: Who, ana: Who, bashir: Who;
const migrator = () => new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder: path.resolve(__dirname, '../../../db/migrations') }) });

async function round(name: string) {
  const r = await createRound(
    steward,
    { name, description: 'd', pot: 1000, minGrant: 100, maxGrant: 1000, themes: [], cities: [], eligibility: [], questions: [{ text: 'What?', wordLimit: 50 }], criteria: [{ label: 'Need', weight: 1 }], decisionMethod: 'members', allowPartial: false, minLivedExperience: 0, opensAt: T0 - 3 * DAY, closesAt: T0 - DAY, panel: [] },
    T0 - 3 * DAY,
  );
  if (!('id' in r)) throw new Error('round');
  await openRound(steward, r.id, T0 - 3 * DAY);
  const s = await startApplication(ana, r.id, {}, T0 - 2 * DAY);
  if (!('id' in s)) throw new Error('app');
  await saveApplication(ana, s.id, { title: `${name} project`, summary: 's', amount: 600, budgetLines: [{ label: 'All', amount: 600 }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: 'x' }, media: {}, removeMedia: [] }, { submit: true }, T0 - 2 * DAY);
  return { roundId: r.id, appId: s.id };
}

const openOne = { roundId: '', appId: '' };
const closedOne = { roundId: '', appId: '' };
const token = newFormToken();
let receipt = '';
const CLOSES = T0 + 2 * DAY;

beforeAll(async () => {
  steward = await makeMember({ role: 'steward' });
  ana = await makeMember({ name: 'Ana' });
  bashir = await makeMember({ name: 'Bashir' });
  Object.assign(openOne, await round('Old open round'));
  Object.assign(closedOne, await round('Old closed round'));
  // Back to just before T0600 (undoing any later migration on the way).
  const down = await migrator().migrateTo('2026-12-03T0500-funding-award-letter');
  expect(down.error).toBeUndefined();
  expect(down.results?.at(-1)).toMatchObject({ migrationName: '2026-12-03T0600-fund-vote-proposal', direction: 'Down', status: 'Success' });
  // As the T0400 code stored them.
  const legacy = db as unknown as { insertInto: (t: string) => { values: (v: unknown) => { execute: () => Promise<unknown> } } };
  for (const [v, status, closedAt, result] of [
    [openOne, 'open', null, null],
    [closedOne, 'closed', T0 - HOUR, JSON.stringify({ pot: 1000, voters: 1, spent: 600, selected: [closedOne.appId], outcomes: [{ id: closedOne.appId, cost: 600, funded: true, approvals: 1, step: 1, spentOn: [] }], lot: [closedOne.appId] })],
  ] as const) {
    await legacy.insertInto('fund_votes').values({ round_id: v.roundId, status, shortlist: JSON.stringify([v.appId]), electorate_size: 3, opened_by: steward.id, opened_at: T0 - DAY, closes_at: status === 'open' ? CLOSES : T0 - HOUR, closed_at: closedAt, lot: result ? JSON.stringify([v.appId]) : null, result, decision_number: null, confirmed_by: null, confirmed_at: null }).execute();
    for (const u of [steward, ana, bashir]) await legacy.insertInto('fund_vote_electorate').values({ round_id: v.roundId, user_id: u.id }).execute();
  }
  const ns = `fund-vote:${openOne.roundId}`;
  receipt = newReceipt();
  await legacy.insertInto('fund_vote_voters').values({ round_id: openOne.roundId, user_id: bashir.id, submission_tag: submissionTag(ns, bashir.id, token), sealed_receipt: sealReceipt(ns, token, receipt) }).execute();
  await legacy.insertInto('fund_vote_ballots').values({ id: 'legacy-ballot', round_id: openOne.roundId, approved: JSON.stringify([openOne.appId]), receipt_hash: receiptHash(ns, receipt) }).execute();
  const up = await migrator().migrateToLatest();
  expect(up.error).toBeUndefined();
});

describe('backfilling existing members’ votes as proposals', () => {
  it('gives each vote a fund_vote proposal with its dates, status and frozen electorate', async () => {
    const open = (await getVote(openOne.roundId))!;
    const closed = (await getVote(closedOne.roundId))!;
    expect(open).toMatchObject({ status: 'open', closes_at: CLOSES, opened_at: T0 - DAY, electorate_size: 3, opened_by: steward.id });
    expect(closed).toMatchObject({ status: 'closed', closed_at: T0 - HOUR });
    const proposals = await db.selectFrom('governance_proposals').select(['id', 'kind', 'status', 'title']).where('id', 'in', [open.proposal_id, closed.proposal_id]).execute();
    expect(proposals.sort((a, b) => a.title.localeCompare(b.title))).toEqual([
      { id: closed.proposal_id, kind: 'fund_vote', status: 'closed', title: 'Old closed round' },
      { id: open.proposal_id, kind: 'fund_vote', status: 'open', title: 'Old open round' },
    ]);
    const electorate = await db.selectFrom('governance_electorate').select('user_id').where('proposal_id', '=', open.proposal_id).execute();
    expect(electorate.map((e) => e.user_id).sort()).toEqual([steward.id, ana.id, bashir.id].sort());
  });

  it('drops the tables and columns that would repeat the proposal, and keeps the ballots', async () => {
    const tables = await sql<{ name: string }>`select name from sqlite_schema where type = 'table' and name like 'fund_vote%'`.execute(db);
    expect(tables.rows.map((t) => t.name).sort()).toEqual(['fund_vote_ballots', 'fund_votes']);
    const cols = await sql<{ name: string }>`pragma table_info(fund_votes)`.execute(db);
    expect(cols.rows.map((c) => c.name)).not.toContain('status');
    expect(await db.selectFrom('fund_vote_ballots').select('id').execute()).toEqual([{ id: 'legacy-ballot' }]);
    // Nothing else referring to governance_proposals was lost when its table was rebuilt.
    expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([]);
  });

  it('keeps the earlier voter’s receipt: a resent form gets it back, the receipt check finds it', async () => {
    expect(await castFundVote(bashir, openOne.roundId, { approved: [openOne.appId], token }, T0)).toEqual({ ok: true, receipt, repeated: true });
    expect(await checkFundReceipt(openOne.roundId, receipt)).toMatchObject({ found: true });
    expect((await needsVote(bashir.id)).map((p) => p.title)).not.toContain('Old open round');
    expect((await needsVote(steward.id)).map((p) => p.title)).toContain('Old open round');
  });

  it('closes the open one from the scheduler at its time, and the closed one can be confirmed', async () => {
    const open = (await getVote(openOne.roundId))!;
    const job = await db.selectFrom('jobs').select(['kind', 'run_at', 'payload']).where('unique_key', '=', `governance.close:${open.proposal_id}:${CLOSES}`).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ kind: 'governance.close', run_at: CLOSES });
    await runCloseJob(JSON.parse(job.payload), CLOSES);
    expect((await voteResult(ana, openOne.roundId, CLOSES)).result).toMatchObject({ voters: 1, selected: [openOne.appId] });
    expect(await confirmVoteAwards(steward, closedOne.roundId, T0)).toBe('ok');
    expect((await getVote(closedOne.roundId))!.status).toBe('confirmed');
  });
});
