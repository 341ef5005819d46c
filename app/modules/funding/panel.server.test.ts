import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { saveApplication, startApplication } from './applications.server';
import { createRound, openRound, setLivedExperience } from './rounds.server';
import { decideConflict, submitScores } from './reviews.server';
import { confirmAwards, openReview, outcomeFor, ranking, reviewList } from './panel.server';

const HOUR = 3_600_000;
type Who = Awaited<ReturnType<typeof makeMember>>;
let steward: Who, rev1: Who, rev2: Who, rev3: Who, outsider: Who;
const applicants: Who[] = [];
const apps: string[] = [];
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

const both = (a: number, b: number, comment = 'Reason') => ({ c1: { score: a, comment: `${comment} (need)` }, c2: { score: b, comment: `${comment} (plan)` } });

beforeAll(async () => {
  steward = await makeMember({ role: 'steward' });
  rev1 = await makeMember({ name: 'Reviewer Rahel' });
  rev2 = await makeMember({ name: 'Reviewer Bogdan' });
  rev3 = await makeMember({ name: 'Reviewer Shirin' });
  outsider = await makeMember({ name: 'Not on the panel' });
  for (const n of ['Ana', 'Bashir', 'Chidi']) applicants.push(await makeMember({ name: n }));
  const now = Date.now();
  const r = await createRound(steward, {
    name: 'Panel round',
    description: 'd',
    pot: 3000,
    minGrant: 500,
    maxGrant: 2000,
    themes: [],
    cities: [],
    eligibility: [],
    questions: [{ text: 'What?', wordLimit: 50 }],
    criteria: [{ label: 'Need', weight: 2 }, { label: 'Plan', weight: 1 }],
    decisionMethod: 'panel',
    allowPartial: true,
    minLivedExperience: 2,
    opensAt: now - HOUR,
    closesAt: now + 2 * HOUR,
    panel: [rev1.id, rev2.id, rev3.id],
  });
  if (!('id' in r)) throw new Error();
  roundId = r.id;
  await openRound(steward, r.id);
  const amounts = [2000, 1500, 800];
  for (const [i, a] of applicants.entries()) {
    const s = await startApplication(a, r.id, {});
    if (!('id' in s)) throw new Error();
    apps.push(s.id);
    await saveApplication(a, s.id, { title: `Project ${i}`, summary: 'S', amount: amounts[i], budgetLines: [{ label: 'All', amount: amounts[i] }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: 'Walk.' }, media: {}, removeMedia: [] }, { submit: true });
  }
});

describe('opening review', () => {
  it('only stewards open review, and only after the close', async () => {
    expect(await status(() => openReview(rev1, roundId, AFTER_CLOSE))).toBe(403);
    expect(await openReview(steward, roundId)).toBe('not-closed-yet');
  });

  it('is refused while the panel has fewer members with lived experience than the round requires', async () => {
    await setLivedExperience(rev1, true);
    expect(await openReview(steward, roundId, AFTER_CLOSE)).toBe('not-enough-lived-experience');
    expect((await db.selectFrom('fund_rounds').select(['status', 'review_opened_at']).where('id', '=', roundId).executeTakeFirstOrThrow()).review_opened_at).toBeNull();
    // The panel sees nothing yet.
    expect(await status(() => reviewList(rev1, roundId, AFTER_CLOSE))).toBe(403);
    await setLivedExperience(rev3, true);
    expect(await openReview(steward, roundId, AFTER_CLOSE)).toBe('ok');
  });

  it('the panel sees the submitted applications; someone off the panel does not', async () => {
    const { rows } = await reviewList(rev1, roundId, AFTER_CLOSE);
    expect(rows.map((r) => r.id).sort()).toEqual([...apps].sort());
    expect(rows.every((r) => r.mine === 'to-do' && r.moderation === null)).toBe(true);
    expect(await status(() => reviewList(outsider, roundId, AFTER_CLOSE))).toBe(403);
    expect(await status(() => reviewList(applicants[0], roundId, AFTER_CLOSE))).toBe(403);
  });
});

describe('panel decides', () => {
  it('ranks by weighted score, funds until the pot is spent and offers a partial grant', async () => {
    await submitScores(rev1, apps[0], both(5, 5, 'Strong'), AFTER_CLOSE);
    await submitScores(rev2, apps[0], both(4, 4, 'Good'), AFTER_CLOSE);
    await submitScores(rev1, apps[1], both(4, 2, 'Fair'), AFTER_CLOSE);
    await submitScores(rev2, apps[1], both(3, 3, 'Some doubts'), AFTER_CLOSE);
    // A declared conflict removes rev3 from app 2 entirely.
    await decideConflict(rev3, apps[2], 'declared', '', AFTER_CLOSE);
    await submitScores(rev1, apps[2], both(1, 1, 'Unclear'), AFTER_CLOSE);
    const { rows } = await ranking(steward, roundId, AFTER_CLOSE);
    expect(rows.map((r) => [r.id, r.award, r.partial])).toEqual([
      [apps[0], 2000, false],
      [apps[1], 1000, true],
      [apps[2], null, false],
    ]);
    const list = await reviewList(rev1, roundId, AFTER_CLOSE);
    expect(list.rows.find((r) => r.id === apps[2])).toMatchObject({ mine: 'scored', declaredBy: 1, scoredBy: 1 });
  });

  it('only stewards confirm; awards and outcomes are recorded once', async () => {
    expect(await status(() => confirmAwards(rev1, roundId, AFTER_CLOSE))).toBe(403);
    expect(await db.selectFrom('fund_awards').select('amount').execute()).toEqual([]);
    expect(await confirmAwards(steward, roundId, AFTER_CLOSE)).toBe('ok');
    const awards = await db.selectFrom('fund_awards').select(['application_id', 'amount', 'partial']).where('round_id', '=', roundId).execute();
    expect(awards.sort((a, b) => b.amount - a.amount)).toEqual([
      { application_id: apps[0], amount: 2000, partial: 0 },
      { application_id: apps[1], amount: 1000, partial: 1 },
    ]);
    const statuses = await db.selectFrom('fund_applications').select(['id', 'status']).where('round_id', '=', roundId).execute();
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [apps[0]]: 'funded', [apps[1]]: 'funded', [apps[2]]: 'not-funded' });
    // Decided: a second confirm changes nothing, and scoring is closed.
    expect(await status(() => confirmAwards(steward, roundId, AFTER_CLOSE))).toBe(403);
    expect(await db.selectFrom('fund_awards').select('amount').where('round_id', '=', roundId).execute()).toHaveLength(2);
  });

  it('the unsuccessful applicant gets the comments, never who wrote them', async () => {
    const out = await outcomeFor(apps[2], { criteria: [{ id: 'c1', label: 'Need', weight: 2 }, { id: 'c2', label: 'Plan', weight: 1 }] });
    expect(out.award).toBeNull();
    expect(out.feedback).toEqual([
      { criterion: 'Need', comments: ['Unclear (need)'] },
      { criterion: 'Plan', comments: ['Unclear (plan)'] },
    ]);
    const text = JSON.stringify(out);
    for (const r of [rev1, rev2, rev3]) {
      expect(text).not.toContain(r.id);
      expect(text).not.toContain(r.name);
    }
  });
});
