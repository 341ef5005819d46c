import { db } from '../connection';
import { createRound, openRound } from '../../app/modules/funding/rounds.server';
import { saveApplication, startApplication } from '../../app/modules/funding/applications.server';
import { openReview } from '../../app/modules/funding/panel.server';
import { conflictsFor, decideConflict, submitScores } from '../../app/modules/funding/reviews.server';
import { scorePitch, setUpPitchDay, startPitch } from '../../app/modules/funding/pitch.server';

export const WINTER_ROUND = 'Seed fund: winter 2026 pitch day';
const DAY = 24 * 60 * 60_000;

/**
 * The one other round the demo keeps, because review and pitch day can only be shown while a round is
 * in them: a "panel decides" round that closed this week, with what the autumn round left rolled into
 * its pot. Tariq has scored Piotr's Saturday school, Ewa declared a conflict on it (she volunteers there,
 * as the app flags), Shirin has not scored yet; the pitch day is under way, Piotr pitching and Shirin
 * scoring him from her phone. Idempotent: does nothing when the round exists.
 */
export async function seedWinterRound(people: Record<string, string>): Promise<void> {
  if (await db.selectFrom('fund_rounds').select('id').where('name', '=', WINTER_ROUND).executeTakeFirst()) return;
  const steward = { id: people.steward!, role: 'steward' as const };
  const member = (key: string) => ({ id: people[key]!, role: 'member' as const });
  const now = Date.now();
  const opened = now - 44 * DAY;
  const r = await createRound(
    steward,
    {
      name: WINTER_ROUND,
      description: 'Grants of £300 to £2,000 for activities this winter, decided by the panel after a pitch evening where each project presents in five minutes.',
      pot: 3_000,
      minGrant: 300,
      maxGrant: 2_000,
      themes: ['education', 'health'],
      cities: ['birmingham', 'coventry', 'wolverhampton'],
      eligibility: [],
      questions: [{ text: 'What do you want to do, and for whom?', wordLimit: 200 }],
      criteria: [
        { label: 'Need and community benefit', weight: 2 },
        { label: 'A realistic plan and budget', weight: 1 },
      ],
      decisionMethod: 'panel',
      allowPartial: true,
      minLivedExperience: 2,
      opensAt: opened,
      closesAt: now - 3 * DAY,
      panel: [people.mentor1!, people.mentor2!, people.mentor3!],
    },
    opened - 2 * DAY,
  );
  if (!('id' in r)) throw new Error(`seed winter round refused: ${r.problems.join(', ')}`);
  await openRound(steward, r.id, opened);
  const saturdaySchool = await db.selectFrom('organisations').select('id').where('slug', '=', 'polish-saturday-school').executeTakeFirst();
  const ids: string[] = [];
  for (const [key, title, amount, answer, orgId] of [
    ['piotr', 'Saturday school maths club', 1_800, 'A maths club after Polish Saturday school for children who are behind at school.', saturdaySchool?.id ?? null],
    ['farah', 'Walking for health in Walsall', 1_500, 'Weekly walks for South Asian women with a health talk in Urdu and Hindi.', null],
  ] as const) {
    const s = await startApplication(member(key), r.id, {}, opened + 5 * DAY);
    if (!('id' in s)) throw new Error(`seed winter round: ${key} could not apply`);
    ids.push(s.id);
    const res = await saveApplication(
      member(key),
      s.id,
      { title, summary: answer, amount, budgetLines: [{ label: 'Sessions', amount }], themes: ['education'], kind: orgId ? 'organisation' : 'member', orgId, hostOrgId: null, coApplicantIds: [], answers: { q1: answer }, media: {}, removeMedia: [] },
      { submit: true },
      opened + 6 * DAY,
    );
    if (!res.ok) throw new Error(`seed winter round: ${key}'s application refused`);
  }
  const [piotr] = ids;
  await openReview(steward, r.id, now - 2 * DAY);
  for (const key of ['mentor1', 'mentor2', 'mentor3']) for (const id of ids) await conflictsFor(member(key), id, now - 2 * DAY);
  await submitScores(member('mentor1'), piotr!, { c1: { score: 4, comment: 'Clear need: children are falling behind.' }, c2: { score: 3, comment: 'The budget needs a line for materials.' } }, now - DAY);
  await decideConflict(member('mentor2'), piotr!, 'declared', 'I volunteer at the Saturday school.', now - DAY);
  if ((await setUpPitchDay(steward, r.id, now)) > 0) {
    await startPitch(steward, r.id, piotr!, now);
    await scorePitch(member('mentor3'), piotr!, { c1: { score: 4, comment: 'The children he brought to the pitch said it all.' }, c2: { score: 3, comment: 'Ask for help with the budget.' } }, now);
  }
}
