import { db } from '../connection';
import { createRound, openRound, setLivedExperience } from '../../app/modules/funding/rounds.server';
import { saveApplication, startApplication } from '../../app/modules/funding/applications.server';
import { seedReviewRound } from './funding-review';
import { seedFundVote } from './fundvote';
import { seedFundMoney } from './fundmoney';

const DAY = 24 * 60 * 60_000;

/**
 * Seed fund demo: one open round with a panel (two of three with lived experience of migration), a
 * submitted application and two drafts. Idempotent: does nothing when the round exists.
 * (Closed rounds with awards, reports and a members' vote need the deciding and reporting parts of
 * issue 14, which are not built yet.)
 */
export async function seedFunding(people: Record<string, string>): Promise<void> {
  await seedReviewRound(people);
  await seedFundVote(people);
  await seedFundMoney(people);
  const name = 'Seed fund: spring 2027';
  if (await db.selectFrom('fund_rounds').select('id').where('name', '=', name).executeTakeFirst()) return;
  const steward = { id: people.steward!, role: 'steward' as const };
  const member = (key: string) => ({ id: people[key]!, role: 'member' as const });
  for (const key of ['mentor1', 'mentor3']) await setLivedExperience(member(key), true);
  const now = Date.now();
  const r = await createRound(steward, {
    name,
    description: 'Small grants of £500 to £3,000 to start or grow a migrant-led community project in Birmingham, Coventry or Wolverhampton. You can answer in writing or by a voice or video recording, in any language.',
    pot: 15_000,
    minGrant: 500,
    maxGrant: 3_000,
    themes: ['health', 'employment', 'language-culture'].filter(Boolean),
    cities: ['birmingham', 'coventry', 'wolverhampton'],
    eligibility: [
      { text: 'Is your project in Birmingham, Coventry or Wolverhampton?', qualifies: true, explanation: 'This round funds projects in the three cities. The noticeboard lists other funds, and a mentor can help you find one.' },
      { text: 'Would the grant pay for a private business’s profit?', qualifies: false, explanation: 'Seed grants are for community benefit. A social enterprise is welcome if the grant pays for its community work.' },
    ],
    questions: [
      { text: 'What do you want to do, and for whom?', wordLimit: 250 },
      { text: 'What will be different if it works?', wordLimit: 150 },
      { text: 'Who is helping you (people, groups, organisations)?', wordLimit: 150 },
    ],
    criteria: [
      { label: 'Need and community benefit', weight: 3 },
      { label: 'Led by people with lived experience', weight: 2 },
      { label: 'A realistic plan and budget', weight: 1 },
    ],
    decisionMethod: 'panel-then-members',
    allowPartial: true,
    minLivedExperience: 2,
    opensAt: now - 3 * DAY,
    closesAt: now + 25 * DAY,
    panel: [people.mentor1!, people.mentor2!, people.mentor3!],
  });
  if (!('id' in r)) throw new Error(`seed round refused: ${r.problems.join(', ')}`);
  await openRound(steward, r.id);

  const apply = async (key: string, title: string, summary: string, amount: number, lines: [string, number][], answers: string[], submit: boolean) => {
    const s = await startApplication(member(key), r.id, { e1: true, e2: false });
    if (!('id' in s)) return;
    await saveApplication(
      member(key),
      s.id,
      {
        title,
        summary,
        amount,
        budgetLines: lines.map(([label, a]) => ({ label, amount: a })),
        themes: ['health'],
        kind: 'member',
        orgId: null,
        hostOrgId: null,
        coApplicantIds: [],
        answers: Object.fromEntries(answers.map((a, i) => [`q${i + 1}`, a])),
        media: {},
        removeMedia: [],
      },
      { submit },
    );
  };
  await apply('ioana', 'Health champions in Romanian', 'Trained volunteers help Romanian families in Coventry register with a GP and a dentist.', 2_400, [['Training sessions', 900], ['Interpreting', 1_000], ['Printed guides', 500]], ['Train eight volunteers to help families register with a GP.', 'Families use the NHS before a crisis.', 'Coventry Refugee and Migrant Centre lends a room.'], true);
  await apply('mariam', 'Sewing circle with English conversation', 'A weekly sewing circle in Wolverhampton where women practise English.', 1_800, [['Machines and fabric', 1_200], ['Room hire', 600]], ['Weekly sewing with conversation practice.', ''], false);
  await apply('yonas', 'Football and talk', 'Football on Saturdays followed by a talk about mental health.', 3_000, [['Pitch hire', 1_500]], ['Saturday football and a circle.'], false);
}
