/**
 * Pitch day (issue 14.5): the running order, panel members scoring each pitch as it happens (same
 * criteria, 1–5 with a comment), and the steward's screen with the spread. Denials: members off the
 * panel, a pitch not started yet, a declared conflict (403, nothing stored), scores outside 1–5 or
 * without a comment.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { saveApplication, startApplication } from './applications.server';
import { createRound, openRound, setLivedExperience } from './rounds.server';
import { openReview } from './panel.server';
import { decideConflict } from './reviews.server';
import { movePitch, myPitchScores, pitchDay, scorePitch, setUpPitchDay, startPitch } from './pitch.server';

const HOUR = 3_600_000;
type Who = Awaited<ReturnType<typeof makeMember>>;
let steward: Who, rev1: Who, rev2: Who, rev3: Who, outsider: Who;
const apps: string[] = [];
let waitingForCo = '';
let roundId = '';
const AFTER = Date.now() + 3 * HOUR;

async function status(fn: () => Promise<unknown>): Promise<number | 'ok'> {
  try {
    await fn();
    return 'ok';
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

const both = (a: number, b: number) => ({ c1: { score: a, comment: 'Clear need' }, c2: { score: b, comment: 'Plan is thin' } });
const pitchScoreCount = async (appId: string, reviewerId: string) =>
  (await db.selectFrom('fund_pitch_scores').select('criterion_id').where('application_id', '=', appId).where('reviewer_id', '=', reviewerId).execute()).length;

beforeAll(async () => {
  steward = await makeMember({ role: 'steward' });
  rev1 = await makeMember({ name: 'Rev One' });
  rev2 = await makeMember({ name: 'Rev Two' });
  rev3 = await makeMember({ name: 'Rev Three' });
  outsider = await makeMember({ name: 'Outsider' });
  await setLivedExperience(rev1, true);
  const now = Date.now();
  const r = await createRound(steward, {
    name: 'Pitch round', description: 'd', pot: 9000, minGrant: 500, maxGrant: 3000, themes: [], cities: [], eligibility: [],
    questions: [{ text: 'What?', wordLimit: 50 }], criteria: [{ label: 'Need', weight: 2 }, { label: 'Plan', weight: 1 }], decisionMethod: 'panel', allowPartial: false,
    minLivedExperience: 1, opensAt: now - HOUR, closesAt: now + 2 * HOUR, panel: [rev1.id, rev2.id, rev3.id],
  });
  if (!('id' in r)) throw new Error();
  roundId = r.id;
  await openRound(steward, roundId);
  const partner = await makeMember({ name: 'Never confirms' });
  for (const [i, name] of ['Ana', 'Bashir', 'Chidi', 'Dina'].entries()) {
    const who = await makeMember({ name });
    const s = await startApplication(who, roundId, {});
    if (!('id' in s)) throw new Error();
    // Dina's joint application waits for a co-applicant: it does not count, so it is not pitched.
    const co = name === 'Dina' ? [partner.id] : [];
    await saveApplication(who, s.id, { title: `${name}'s project`, summary: 'S', amount: 1000 + i, budgetLines: [{ label: 'All', amount: 1000 + i }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: co, answers: { q1: 'Walk.' }, media: {}, removeMedia: [] }, { submit: true });
    if (name === 'Dina') waitingForCo = s.id;
    else apps.push(s.id);
  }
  expect(await openReview(steward, roundId, AFTER)).toBe('ok');
});

describe('running order', () => {
  it('only a steward sets it up, from the applications that count', async () => {
    expect(await status(() => setUpPitchDay(rev1, roundId, AFTER))).toBe(403);
    expect(await status(() => pitchDay(outsider, roundId, AFTER))).toBe(403);
    expect(await setUpPitchDay(steward, roundId, AFTER)).toBe(3);
    expect(await setUpPitchDay(steward, roundId, AFTER)).toBe(0); // again: nothing doubled
    const day = await pitchDay(steward, roundId, AFTER);
    expect(day.running.map((p) => p.id)).toEqual(apps);
    expect(day.running.map((p) => p.id)).not.toContain(waitingForCo);
    await movePitch(steward, roundId, apps[2]!, 'up', AFTER);
    expect((await pitchDay(steward, roundId, AFTER)).running.map((p) => p.id)).toEqual([apps[0], apps[2], apps[1]]);
    expect(await status(() => movePitch(rev1, roundId, apps[0]!, 'down', AFTER))).toBe(403);
  });
});

describe('scoring a pitch', () => {
  it('is refused before the pitch starts (403), then allowed while it happens', async () => {
    expect(await status(() => scorePitch(rev1, apps[0]!, both(4, 3), AFTER))).toBe(403);
    expect(await status(() => startPitch(rev1, roundId, apps[0]!, AFTER))).toBe(403);
    await startPitch(steward, roundId, apps[0]!, AFTER);
    expect((await pitchDay(rev1, roundId, AFTER)).current?.id).toBe(apps[0]);
    expect(await scorePitch(rev1, apps[0]!, both(4, 3), AFTER)).toEqual({ ok: true });
    expect(await scorePitch(rev2, apps[0]!, both(5, 4), AFTER)).toEqual({ ok: true });
    expect((await myPitchScores(rev1, apps[0]!, AFTER)).mine).toEqual({ c1: { score: 4, comment: 'Clear need' }, c2: { score: 3, comment: 'Plan is thin' } });
    // Starting the next one finishes this one; it can still be scored afterwards.
    await startPitch(steward, roundId, apps[2]!, AFTER);
    const states = (await pitchDay(steward, roundId, AFTER)).running.map((p) => [p.id, p.state]);
    expect(states).toEqual([[apps[0], 'done'], [apps[2], 'now'], [apps[1], 'waiting']]);
    expect(await scorePitch(rev3, apps[0]!, both(1, 1), AFTER)).toEqual({ ok: true });
  });

  it('bad input: scores outside 1–5 or without a comment are refused and nothing is stored', async () => {
    const r = await scorePitch(rev1, apps[2]!, { c1: { score: 6, comment: 'Great' }, c2: { score: 3, comment: '  ' } }, AFTER);
    expect(r).toEqual({ ok: false, problems: [{ criterionId: 'c1', error: 'score-range' }, { criterionId: 'c2', error: 'comment-required' }] });
    expect(await scorePitch(rev1, apps[2]!, { c1: { score: 0, comment: 'x' } }, AFTER)).toMatchObject({ ok: false });
    expect(await pitchScoreCount(apps[2]!, rev1.id)).toBe(0);
  });

  it('a reviewer who declared a conflict cannot score the pitch (403, nothing stored); nor can anyone off the panel', async () => {
    await decideConflict(rev2, apps[2]!, 'declared', 'She is my cousin.', AFTER);
    expect(await status(() => scorePitch(rev2, apps[2]!, both(5, 5), AFTER))).toBe(403);
    expect(await pitchScoreCount(apps[2]!, rev2.id)).toBe(0);
    expect(await status(() => scorePitch(outsider, apps[2]!, both(5, 5), AFTER))).toBe(404);
    expect(await status(() => scorePitch(steward, apps[2]!, both(5, 5), AFTER))).toBe(403);
  });

  it("the steward's screen shows the spread and flags the outlier; panel members never see others' scores there", async () => {
    const screen = await pitchDay(steward, roundId, AFTER);
    const first = screen.running.find((p) => p.id === apps[0])!;
    // Weighted totals (need ×2, plan ×1, over 3): 11/3, 14/3, 3/3.
    expect(first.spread).toMatchObject({ count: 3, min: 1, max: 14 / 3 });
    expect(first.spread?.flagged).toBe(true);
    const panel = await pitchDay(rev1, roundId, AFTER);
    expect(panel.running.every((p) => p.spread === null)).toBe(true);
    expect(panel.running.find((p) => p.id === apps[0])?.scoredByMe).toBe(true);
    expect(panel.abilities).toEqual({ 'fundPitch.run': false, 'fundPitch.screen': false, 'fundPitch.panel': true });
  });
});
