/**
 * Seed-fund states the demo no longer shows but the authorization matrix must ask about: a round in
 * review with its pitch day under way (piotr's application: tariq has scored it, ewa declared a conflict,
 * shirin has scored his pitch), and a round whose panel shortlisted three applications for a members'
 * vote that is still open (yonas's among them). The demo (db/seed/funding*.ts) holds one closed and one
 * open round only (issue 14, "Demo data"); these are made here, through the same module functions.
 * Must run before members who should be outside the vote's frozen electorate join.
 */
import { createRound, openRound } from '~/modules/funding/rounds.server';
import { saveApplication, startApplication } from '~/modules/funding/applications.server';
import { openReview } from '~/modules/funding/panel.server';
import { decideConflict, submitScores } from '~/modules/funding/reviews.server';
import { scorePitch, setUpPitchDay, startPitch } from '~/modules/funding/pitch.server';
import { castFundVote, openVote } from '~/modules/funding/vote.server';
import { newFormToken } from '~/modules/governance/ballot-box.server';

const DAY = 24 * 60 * 60_000;
type People = Record<string, string>;

export const REVIEW_ROUND = 'Matrix: a round in review';
export const VOTE_OPEN_ROUND = 'Matrix: a members’ vote still open';

async function apply(people: People, roundId: string, key: string, title: string, amount: number, at: number) {
  const member = { id: people[key]!, role: 'member' as const };
  const s = await startApplication(member, roundId, {}, at);
  if (!('id' in s)) throw new Error(`matrix: ${key} could not apply`);
  await saveApplication(
    member,
    s.id,
    { title, summary: `${title}: the public summary.`, amount, budgetLines: [{ label: 'Sessions', amount }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: `${title}: what we will do.` }, media: {}, removeMedia: [] },
    { submit: true },
    at,
  );
  return s.id;
}

export async function seedMatrixFundRounds(people: People): Promise<void> {
  const steward = { id: people.steward!, role: 'steward' as const };
  const member = (key: string) => ({ id: people[key]!, role: 'member' as const });
  const now = Date.now();
  const past = now - 20 * DAY;
  const base = { description: 'A round for the authorization matrix.', themes: [], cities: ['birmingham'], eligibility: [], questions: [{ text: 'What do you want to do, and for whom?', wordLimit: 200 }], allowPartial: true, opensAt: past - 10 * DAY, closesAt: now - DAY };

  const review = await createRound(
    steward,
    { ...base, name: REVIEW_ROUND, pot: 3_000, minGrant: 300, maxGrant: 2_000, criteria: [{ label: 'Need and community benefit', weight: 2 }, { label: 'A realistic plan and budget', weight: 1 }], decisionMethod: 'panel', minLivedExperience: 2, panel: [people.mentor1!, people.mentor2!, people.mentor3!] },
    past,
  );
  if (!('id' in review)) throw new Error('matrix review round refused');
  await openRound(steward, review.id, past);
  const piotr = await apply(people, review.id, 'piotr', 'Saturday school maths club', 1_800, past);
  await apply(people, review.id, 'farah', 'Walking for health in Walsall', 1_500, past);
  await openReview(steward, review.id, now);
  await submitScores(member('mentor1'), piotr, { c1: { score: 4, comment: 'Clear need: children are falling behind.' }, c2: { score: 3, comment: 'The budget needs a line for materials.' } }, now);
  await decideConflict(member('mentor2'), piotr, 'declared', 'I volunteer at the Saturday school.', now);
  if ((await setUpPitchDay(steward, review.id, now)) > 0) {
    await startPitch(steward, review.id, piotr, now);
    await scorePitch(member('mentor3'), piotr, { c1: { score: 4, comment: 'The children he brought to the pitch said it all.' }, c2: { score: 3, comment: 'Ask for help with the budget.' } }, now);
  }

  const vote = await createRound(
    steward,
    { ...base, name: VOTE_OPEN_ROUND, pot: 4_000, minGrant: 300, maxGrant: 2_000, criteria: [{ label: 'Community benefit', weight: 1 }], decisionMethod: 'panel-then-members', minLivedExperience: 1, panel: [people.mentor3!] },
    past,
  );
  if (!('id' in vote)) throw new Error('matrix vote round refused');
  await openRound(steward, vote.id, past);
  const passed = [await apply(people, vote.id, 'yonas', 'Winter football league', 1_600, past), await apply(people, vote.id, 'farah', 'Warm sewing evenings', 900, past), await apply(people, vote.id, 'bilal', 'Know your rights at work', 1_400, past)];
  await apply(people, vote.id, 'piotr', 'Polish film club', 800, past);
  await openReview(steward, vote.id, now);
  const opened = await openVote(steward, vote.id, { closesAt: now + 7 * DAY, shortlist: passed }, now);
  if (opened !== 'ok') throw new Error(`matrix vote not opened: ${opened.problems.join(', ')}`);
  for (const [key, approved] of [['mentor1', [passed[0]!, passed[2]!]], ['ioana', [passed[1]!]]] as const) {
    await castFundVote(member(key), vote.id, { approved: [...approved], token: newFormToken() }, now);
  }
}
