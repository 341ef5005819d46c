import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { newId } from '~/modules/auth/tokens.server';
import { saveApplication, startApplication } from './applications.server';
import { createRound, openRound } from './rounds.server';
import { openReview } from './panel.server';
import { conflictsFor, decideConflict, reviewsFor, submitScores } from './reviews.server';

const HOUR = 3_600_000;
type Who = Awaited<ReturnType<typeof makeMember>>;
let steward: Who, amal: Who, rev1: Who, rev2: Who, mentor: Who;
let appId = '';
let roundId = '';
const AFTER_CLOSE = Date.now() + 3 * HOUR;

async function status(fn: () => Promise<unknown>): Promise<number | 'ok'> {
  try {
    await fn();
    return 'ok';
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

beforeAll(async () => {
  steward = await makeMember({ role: 'steward' });
  amal = await makeMember({ name: 'Amal' });
  rev1 = await makeMember({ name: 'Reviewer One' });
  rev2 = await makeMember({ name: 'Reviewer Two' });
  mentor = await makeMember({ name: 'Mentor Reviewer' });
  const now = Date.now();
  const r = await createRound(steward, {
    name: 'Review round',
    description: 'd',
    pot: 5000,
    minGrant: 500,
    maxGrant: 3000,
    themes: [],
    cities: [],
    eligibility: [],
    questions: [{ text: 'What?', wordLimit: 50 }],
    criteria: [{ label: 'Need', weight: 2 }, { label: 'Plan', weight: 1 }],
    decisionMethod: 'panel',
    allowPartial: false,
    minLivedExperience: 0,
    opensAt: now - HOUR,
    closesAt: now + 2 * HOUR,
    panel: [rev1.id, rev2.id, mentor.id],
  });
  if (!('id' in r)) throw new Error();
  await openRound(steward, r.id);
  roundId = r.id;
  const s = await startApplication(amal, r.id, {});
  if (!('id' in s)) throw new Error();
  appId = s.id;
  await saveApplication(amal, appId, { title: 'T', summary: 'S', amount: 1000, budgetLines: [{ label: 'All', amount: 1000 }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: 'Walk.' }, media: {}, removeMedia: [] }, { submit: true });
  await db
    .insertInto('mentorships')
    .values({ id: newId(), mentor_id: mentor.id, mentee_id: amal.id, status: 'active', requested_by: amal.id, paired_by_steward: 0, goals: '', frequency: '', mode: '', start_on: now, request_message: '', response_message: '', mentor_reflection: null, mentee_reflection: null, created_at: now, accepted_at: now, closed_at: null, updated_at: now } as never)
    .execute();
});

describe('review', () => {
  it('cannot score before the round closes', async () => {
    // Before the close the panel does not even see it (fund-audit).
    expect(await status(() => submitScores(rev1, appId, { c1: { score: 4, comment: 'ok' }, c2: { score: 3, comment: 'ok' } }))).toBe(404);
  });

  it('cannot score after the close until a steward opens review', async () => {
    expect(await status(() => submitScores(rev1, appId, { c1: { score: 4, comment: 'ok' }, c2: { score: 3, comment: 'ok' } }, AFTER_CLOSE))).toBe(403);
    expect(await openReview(steward, roundId, AFTER_CLOSE)).toBe('ok');
  });

  it('flags a mentor of the applicant from the mentoring data', async () => {
    expect(await conflictsFor(mentor, appId, AFTER_CLOSE)).toEqual([{ kind: 'mentoring', withId: amal.id }]);
    expect(await conflictsFor(rev1, appId, AFTER_CLOSE)).toEqual([]);
  });

  it('a declared conflict means 403 on scoring, and nothing stored', async () => {
    expect(await decideConflict(mentor, appId, 'declared', '', AFTER_CLOSE)).toBe('ok');
    expect(await status(() => submitScores(mentor, appId, { c1: { score: 5, comment: 'great' }, c2: { score: 5, comment: 'great' } }, AFTER_CLOSE))).toBe(403);
    expect(await db.selectFrom('fund_scores').select('score').where('reviewer_id', '=', mentor.id).execute()).toEqual([]);
  });

  it('explaining a conflict needs a reason', async () => {
    expect(await decideConflict(rev2, appId, 'explained', '  ', AFTER_CLOSE)).toBe('explanation-required');
  });

  it('refuses scores outside 1–5 or without a comment, storing none of them', async () => {
    const r = await submitScores(rev1, appId, { c1: { score: 6, comment: 'x' }, c2: { score: 3, comment: ' ' } }, AFTER_CLOSE);
    expect(r).toEqual({ ok: false, problems: [{ criterionId: 'c1', error: 'score-range' }, { criterionId: 'c2', error: 'comment-required' }] });
    expect(await submitScores(rev1, appId, { c1: { score: 0, comment: 'x' }, c2: { score: 2.5, comment: 'x' } }, AFTER_CLOSE)).toMatchObject({ ok: false });
    expect(await db.selectFrom('fund_scores').select('score').where('reviewer_id', '=', rev1.id).execute()).toEqual([]);
  });

  it('hides others’ scores until you have submitted your own; then shows the spread', async () => {
    expect(await submitScores(rev1, appId, { c1: { score: 5, comment: 'Clear need' }, c2: { score: 2, comment: 'Thin plan' } }, AFTER_CLOSE)).toEqual({ ok: true });
    const before = await reviewsFor(rev2, appId, AFTER_CLOSE);
    expect(before.othersHidden).toBe(true);
    expect(before.reviewers).toEqual([]);
    await submitScores(rev2, appId, { c1: { score: 1, comment: 'Not convinced' }, c2: { score: 1, comment: 'No plan' } }, AFTER_CLOSE);
    const after = await reviewsFor(rev2, appId, AFTER_CLOSE);
    expect(after.reviewers.map((r) => r.total).sort()).toEqual([1, 4]);
    expect(after.moderation).toMatchObject({ spread: 3, flagged: true });
  });

  it('applicants never see reviews or reviewers’ names', async () => {
    expect(await status(() => reviewsFor(amal, appId, AFTER_CLOSE))).toBe(403);
    expect(await status(() => submitScores(amal, appId, {}, AFTER_CLOSE))).toBe(403);
  });
});
