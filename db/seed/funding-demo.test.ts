/**
 * The seed fund's demo is what issue 14 ("Demo data") lists: one closed round (panel plus members' vote,
 * awards, one mid-point and one end report, one project that stopped early) and one open round with
 * draft applications — plus the one round in review a pitch day needs — and seeding it again changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { env } from '~/env.server';
import { roundMoney } from '~/modules/funding/money.server';
import { seedFoundation } from './foundation';
import { seedDirectory } from './directory';
import { seedFunding } from './funding';
import { AUTUMN_ROUND } from './funding-autumn';
import { SPRING_ROUND } from './funding-spring';
import { WINTER_ROUND } from './funding-winter';
import { getVote } from '../../app/modules/funding/vote.server';

let people: Record<string, string>;
const round = (name: string) => db.selectFrom('fund_rounds').selectAll().where('name', '=', name).executeTakeFirstOrThrow();

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function snapshot() {
  const tables = ['fund_rounds', 'fund_panel', 'fund_applications', 'fund_answers', 'fund_co_applicants', 'fund_conflicts', 'fund_scores', 'fund_votes', 'governance_proposals', 'governance_electorate', 'governance_voters', 'fund_vote_ballots', 'fund_awards', 'fund_payments', 'fund_reports', 'fund_report_files', 'fund_slots', 'fund_pitches', 'fund_pitch_scores', 'fund_round_questions', 'governance_decisions', 'notices', 'notifications'] as const;
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  out.files = files(env.uploadDir).filter((f) => !f.includes(`${path.sep}tmp${path.sep}`)).length;
  return out;
}

beforeAll(async () => {
  people = await seedFoundation('demo-password-2026');
  await seedDirectory(people);
  await seedFunding(people);
}, 120_000);

describe('the seed fund demo', () => {
  it('has one closed round, one open round and one more: a panel-decided round in review with its pitch day under way', async () => {
    const rounds = await db.selectFrom('fund_rounds').select(['name', 'status', 'decision_method', 'review_opened_at']).orderBy('opens_at').execute();
    expect(rounds).toEqual([
      expect.objectContaining({ name: AUTUMN_ROUND, status: 'decided', decision_method: 'panel-then-members' }),
      expect.objectContaining({ name: WINTER_ROUND, status: 'closed', decision_method: 'panel' }),
      expect.objectContaining({ name: SPRING_ROUND, status: 'open', decision_method: 'panel-then-members' }),
    ]);
    expect(rounds[1]!.review_opened_at).not.toBeNull();
    const winter = await round(WINTER_ROUND);
    expect(await db.selectFrom('fund_pitches').select('application_id').where('round_id', '=', winter.id).execute()).not.toHaveLength(0);
  });

  it('walks the closed round end to end: panel with lived experience, a declared conflict, scores with comments, a shortlist and a members’ vote', async () => {
    const r = await round(AUTUMN_ROUND);
    expect(JSON.parse(r.eligibility)).toHaveLength(2);
    expect(JSON.parse(r.questions)).toHaveLength(3);
    const panel = await db.selectFrom('fund_panel').innerJoin('profiles', 'profiles.user_id', 'fund_panel.user_id').select(['profiles.user_id', 'profiles.lived_experience']).where('round_id', '=', r.id).execute();
    expect(panel).toHaveLength(3);
    expect(panel.filter((p) => p.lived_experience === 1)).toHaveLength(2);
    const conflicts = await db.selectFrom('fund_conflicts').select(['reviewer_id', 'decision', 'detected']).where('decision', '=', 'declared').where('application_id', 'in', db.selectFrom('fund_applications').select('id').where('round_id', '=', r.id)).execute();
    expect(conflicts).toEqual([expect.objectContaining({ reviewer_id: people.mentor2, decision: 'declared' })]);
    // Flagged from the network's own data: Ewa belongs to the Saturday school that applies.
    expect(conflicts[0]!.detected).toContain('same-organisation');
    const scores = await db.selectFrom('fund_scores').select(['comment', 'score']).where('application_id', 'in', db.selectFrom('fund_applications').select('id').where('round_id', '=', r.id)).execute();
    expect(scores.length).toBeGreaterThan(20);
    expect(scores.every((s) => s.comment.trim().length > 0 && s.score >= 1 && s.score <= 5)).toBe(true);
    // One answer is a real recording, stored through the upload path (remuxed, in the notes folder).
    const voice = await db.selectFrom('fund_answers').select(['media_path', 'media_mime', 'media_size']).where('media_path', 'is not', null).execute();
    expect(voice).toHaveLength(1);
    expect(voice[0]!.media_mime).toMatch(/^audio\/webm/);
    expect(fs.statSync(path.join(env.uploadDir, voice[0]!.media_path!)).size).toBe(voice[0]!.media_size);
    const vote = (await getVote(r.id))!;
    expect(vote.status).toBe('confirmed');
    expect(vote.decision_number).not.toBeNull();
    // Its register entry is a seed-fund vote, not a poll.
    expect((await db.selectFrom('governance_decisions').select('kind').where('number', '=', vote.decision_number!).executeTakeFirstOrThrow()).kind).toBe('fund_vote');
    const ballots = await db.selectFrom('fund_vote_ballots').select('id').where('round_id', '=', r.id).execute();
    expect(ballots.length).toBeGreaterThanOrEqual(12);
    expect(ballots.length).toBeLessThanOrEqual(20);
    // The vote is a governance proposal (kind fund_vote): who voted is kept in governance's table.
    const voters = await db.selectFrom('governance_voters').select('user_id').where('proposal_id', '=', vote.proposal_id!).execute();
    expect(voters).toHaveLength(ballots.length);
    // The panel passed five of the six that counted.
    expect(JSON.parse(vote.shortlist)).toHaveLength(5);
  });

  it('has awards with accepted letters and payments (one to a host), a mid-point and an end report, and a project that stopped early', async () => {
    const r = await round(AUTUMN_ROUND);
    const awards = await db.selectFrom('fund_awards').select(['application_id', 'accepted_at']).where('round_id', '=', r.id).execute();
    expect(awards).toHaveLength(3);
    expect(awards.every((a) => a.accepted_at !== null)).toBe(true);
    const ids = awards.map((a) => a.application_id);
    const payments = await db.selectFrom('fund_payments').select(['paid_to', 'host_org_id']).where('application_id', 'in', ids).execute();
    expect(payments.some((p) => p.paid_to === 'host' && p.host_org_id)).toBe(true);
    const reports = await db.selectFrom('fund_reports').select(['id', 'kind', 'status', 'stopped_early', 'learned']).where('application_id', 'in', ids).where('status', '=', 'submitted').execute();
    expect(reports.filter((p) => p.kind === 'mid').length).toBeGreaterThanOrEqual(1);
    const ends = reports.filter((p) => p.kind === 'end');
    const completed = ends.find((p) => p.stopped_early === 0)!;
    const early = ends.find((p) => p.stopped_early === 1)!;
    expect(early.learned).toMatch(/learned/);
    const endFiles = await db.selectFrom('fund_report_files').select('kind').where('report_id', '=', completed.id).execute();
    expect(endFiles.map((f) => f.kind).sort()).toEqual(['photo', 'receipt']);
    // What was not spent (and the unpaid part of the project that stopped early) rolls over into the next round.
    const next = await roundMoney((await round(WINTER_ROUND)).id);
    expect(next.carriedIn).toMatchObject({ fromName: AUTUMN_ROUND, amount: 6_000 - 2_000 - 1_500 - 600 });
    // Not funded: feedback comes from the reviewers' comments; a group whose host never answered did not count.
    const notFunded = await db.selectFrom('fund_applications').select(['id', 'kind', 'host_status']).where('round_id', '=', r.id).where('status', '=', 'not-funded').execute();
    expect(notFunded.length).toBeGreaterThanOrEqual(3);
    expect(notFunded.some((a) => a.kind === 'group' && a.host_status === 'pending')).toBe(true);
  });

  it('has an open round with a booked conversation, an answered question, a submitted application and drafts (one joint, waiting for its co-applicant)', async () => {
    const r = await round(SPRING_ROUND);
    expect(r.notice_id).not.toBeNull();
    const apps = await db.selectFrom('fund_applications').select(['id', 'status', 'kind', 'host_status']).where('round_id', '=', r.id).execute();
    expect(apps.filter((a) => a.status === 'submitted').length).toBeGreaterThanOrEqual(1);
    const drafts = apps.filter((a) => a.status === 'draft');
    expect(drafts.length).toBeGreaterThanOrEqual(2);
    expect(drafts.some((a) => a.kind === 'group' && a.host_status !== 'accepted')).toBe(true);
    const pendingCo = await db.selectFrom('fund_co_applicants').select('application_id').where('status', '=', 'pending').where('application_id', 'in', drafts.map((d) => d.id)).execute();
    expect(pendingCo.length).toBeGreaterThanOrEqual(1);
    // A group's submitted application waits for its host organisation.
    expect(apps.some((a) => a.status === 'submitted' && a.kind === 'group' && a.host_status === 'pending')).toBe(true);
    expect(await db.selectFrom('fund_slots').select('id').where('round_id', '=', r.id).where('booked_by', 'is not', null).execute()).toHaveLength(1);
    expect((await db.selectFrom('fund_round_questions').select('id').where('round_id', '=', r.id).where('answered_at', 'is not', null).execute()).length).toBe(1);
  });

  it('is idempotent: seeding again writes nothing', async () => {
    const before = await snapshot();
    await seedFunding(people);
    expect(await snapshot()).toEqual(before);
  });
});
