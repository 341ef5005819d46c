import { db } from '../connection';
import { createRound, openRound, setLivedExperience } from '../../app/modules/funding/rounds.server';
import { saveApplication, startApplication } from '../../app/modules/funding/applications.server';
import { openReview } from '../../app/modules/funding/panel.server';
import { decideConflict, submitScores } from '../../app/modules/funding/reviews.server';

const DAY = 24 * 60 * 60_000;

/**
 * A round in review, decided by the panel: two submitted applications (Piotr's and Farah's), Tariq has
 * scored Piotr's, Ewa declared a conflict on it (she knows the Saturday school), Shirin has not scored
 * yet. Idempotent: does nothing when the round exists.
 */
export async function seedReviewRound(people: Record<string, string>): Promise<void> {
  const name = 'Seed fund: autumn 2026';
  if (await db.selectFrom('fund_rounds').select('id').where('name', '=', name).executeTakeFirst()) return;
  const steward = { id: people.steward!, role: 'steward' as const };
  const member = (key: string) => ({ id: people[key]!, role: 'member' as const });
  for (const key of ['mentor1', 'mentor3']) await setLivedExperience(member(key), true);
  const now = Date.now();
  const past = now - 20 * DAY;
  const r = await createRound(steward, {
    name,
    description: 'Small grants of £300 to £2,000 for new community activities this winter.',
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
    opensAt: past - 10 * DAY,
    closesAt: now - DAY,
    panel: [people.mentor1!, people.mentor2!, people.mentor3!],
  }, past);
  if (!('id' in r)) throw new Error(`seed review round refused: ${r.problems.join(', ')}`);
  await openRound(steward, r.id, past);
  const ids: string[] = [];
  for (const [key, title, amount, answer] of [
    ['piotr', 'Saturday school maths club', 1_800, 'A maths club after Polish Saturday school for children who are behind at school.'],
    ['farah', 'Walking for health in Walsall', 1_500, 'Weekly walks for South Asian women with a health talk in Urdu and Hindi.'],
  ] as const) {
    const s = await startApplication(member(key), r.id, {}, past);
    if (!('id' in s)) continue;
    ids.push(s.id);
    await saveApplication(
      member(key),
      s.id,
      { title, summary: answer, amount, budgetLines: [{ label: 'Sessions', amount }], themes: ['education'], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: answer }, media: {}, removeMedia: [] },
      { submit: true },
      past,
    );
  }
  await openReview(steward, r.id, now);
  await submitScores(member('mentor1'), ids[0]!, { c1: { score: 4, comment: 'Clear need: children are falling behind.' }, c2: { score: 3, comment: 'The budget needs a line for materials.' } }, now);
  await decideConflict(member('mentor2'), ids[0]!, 'declared', 'I volunteer at the Saturday school.', now);
}
