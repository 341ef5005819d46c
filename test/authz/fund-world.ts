/**
 * A seed-fund state the demo does not show but the authorization matrix must ask about: a round whose
 * panel shortlisted three applications for a members' vote that is still open (yonas's among them). The
 * demo (db/seed/funding*.ts) keeps a decided, an in-review and an open round (issue 14, "Demo data");
 * this one is made here, through the same module functions. Must run before members who should be
 * outside the vote's frozen electorate join.
 */
import { createRound, openRound } from '~/modules/funding/rounds.server';
import { saveApplication, startApplication } from '~/modules/funding/applications.server';
import { openReview } from '~/modules/funding/panel.server';
import { castFundVote, openVote } from '~/modules/funding/vote.server';
import { newFormToken } from '~/modules/governance/ballot-box.server';

const DAY = 24 * 60 * 60_000;
type People = Record<string, string>;

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
