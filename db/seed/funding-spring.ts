import { db } from '../connection';
import { createRound, openRound, setLivedExperience } from '../../app/modules/funding/rounds.server';
import { respondAsCoApplicant, saveApplication, startApplication, type DraftInput } from '../../app/modules/funding/applications.server';
import { bookSlot, offerSlot } from '../../app/modules/funding/slots.server';
import { answerQuestion, askQuestion } from '../../app/modules/funding/qa.server';

export const SPRING_ROUND = 'Seed fund: spring 2027';
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

type People = Record<string, string>;

/**
 * The open round (issue 14, "Demo data"): taking applications for another three weeks, with what the
 * autumn round did not spend rolled into its pot. Tariq and Grace offer conversations and Yonas has
 * booked one; the Q&A has one answered question (and Layla's, waiting). Ioana has submitted; Layla's
 * unincorporated group is in but waits for its host organisation to accept (Chidi, co-applicant, has
 * confirmed); Mariam's application is a draft, Yonas's joint draft waits for Sofia to confirm, and
 * Kwame's group has a draft naming its host.
 *
 * Through the module functions, as the people themselves would. Idempotent: does nothing when the
 * round exists.
 */
export async function seedSpringRound(people: People): Promise<void> {
  if (await db.selectFrom('fund_rounds').select('id').where('name', '=', SPRING_ROUND).executeTakeFirst()) return;
  const steward = { id: people.steward!, role: 'steward' as const };
  const member = (key: string) => ({ id: people[key]!, role: 'member' as const });
  const now = Date.now();
  for (const key of ['mentor1', 'mentor3']) await setLivedExperience(member(key), true);
  const r = await createRound(
    steward,
    {
      name: SPRING_ROUND,
      description: 'Small grants of £500 to £3,000 to start or grow a migrant-led community project in Birmingham, Coventry or Wolverhampton. You can answer in writing or by a voice or video recording, in any language.',
      pot: 15_000,
      minGrant: 500,
      maxGrant: 3_000,
      themes: ['health', 'employment', 'language-culture'],
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
    },
    now - 5 * DAY,
  );
  if (!('id' in r)) throw new Error(`seed spring round refused: ${r.problems.join(', ')}`);
  const roundId = r.id;
  await openRound(steward, roundId, now - 3 * DAY);

  const apply = async (key: string, d: Omit<Partial<DraftInput>, 'answers'> & { title: string; summary: string; amount: number; lines: [string, number][]; answers: string[] }, submit: boolean, hoursAgo: number) => {
    const s = await startApplication(member(key), roundId, { e1: true, e2: false }, now - (hoursAgo + 1) * HOUR);
    if (!('id' in s)) throw new Error(`seed spring round: ${key} could not apply`);
    const res = await saveApplication(
      member(key),
      s.id,
      {
        title: d.title,
        summary: d.summary,
        amount: d.amount,
        budgetLines: d.lines.map(([label, amount]) => ({ label, amount })),
        themes: d.themes ?? [],
        kind: d.kind ?? 'member',
        orgId: d.orgId ?? null,
        hostOrgId: d.hostOrgId ?? null,
        coApplicantIds: d.coApplicantIds ?? [],
        answers: Object.fromEntries(d.answers.map((a, i) => [`q${i + 1}`, a])),
        media: {},
        removeMedia: [],
      },
      { submit },
      now - hoursAgo * HOUR,
    );
    if (!res.ok) throw new Error(`seed spring round: ${key}'s application refused (${res.problems.map((p) => `${p.field}: ${p.error}`).join(', ')})`);
    return s.id;
  };

  await apply(
    'ioana',
    {
      title: 'Health champions in Romanian',
      summary: 'Trained volunteers help Romanian families in Coventry register with a GP and a dentist.',
      amount: 2_400,
      lines: [['Training sessions', 900], ['Interpreting', 1_000], ['Printed guides', 500]],
      themes: ['health'],
      answers: ['Train eight volunteers to help families register with a GP.', 'Families use the NHS before a crisis.', 'Coventry Refugee and Migrant Centre lends a room.'],
    },
    true,
    40,
  );
  // Layla's group is hosted by Amina's organisation, which has not answered yet.
  const aminaOrg = await db.selectFrom('organisation_members').select('org_id').where('user_id', '=', people.amina!).where('role', '=', 'lead').executeTakeFirst();
  const layla = await apply(
    'layla',
    {
      title: 'Stories we carried',
      summary: 'Kurdish women write and draw their stories into a book and read them at Coventry library.',
      amount: 2_000,
      lines: [['Art materials', 500], ['Printing', 900], ['Childcare', 600]],
      themes: ['arts-media'],
      kind: 'group',
      hostOrgId: aminaOrg?.org_id ?? null,
      coApplicantIds: [people.chidi!],
      answers: ['Kurdish women in Coventry make a book of their stories, with drawings, and read it at the library.', 'Women who rarely leave home meet every week.', 'Chidi records the readings as a podcast.'],
    },
    true,
    30,
  );
  await respondAsCoApplicant(member('chidi'), layla, true, now - 20 * HOUR);
  await apply(
    'mariam',
    {
      title: 'Sewing circle with English conversation',
      summary: 'A weekly sewing circle in Wolverhampton where women practise English.',
      amount: 1_800,
      lines: [['Machines and fabric', 1_200], ['Room hire', 600]],
      themes: ['language-culture'],
      answers: ['Weekly sewing with conversation practice.', ''],
    },
    false,
    26,
  );
  // A joint application, still a draft: Sofia has been asked to confirm.
  await apply(
    'yonas',
    {
      title: 'Football and talk',
      summary: 'Football on Saturdays followed by a talk about mental health, with Sofia’s rights drop-in on hand.',
      amount: 3_000,
      lines: [['Pitch hire', 1_500]],
      themes: ['health'],
      coApplicantIds: [people.sofia!],
      answers: ['Saturday football and a circle.'],
    },
    false,
    20,
  );
  // An unincorporated group's draft: Brum Community Trust is asked to host when Kwame submits.
  const brumTrust = await db.selectFrom('organisations').select('id').where('slug', '=', 'brum-community-trust').executeTakeFirst();
  await apply(
    'kwame',
    {
      title: 'Repair café for new tenants',
      summary: 'A monthly repair café where families who have just moved in learn to fix furniture and bikes.',
      amount: 1_200,
      lines: [['Tools', 700], ['Room hire', 500]],
      themes: ['environment'],
      kind: 'group',
      hostOrgId: brumTrust?.id ?? null,
      answers: ['A repair café once a month in Small Heath.'],
    },
    false,
    6,
  );

  // Conversations before applying: whole hours from tomorrow on, so there are always times to book.
  const base = Math.ceil(now / HOUR) * HOUR + 24 * HOUR;
  const offers: [string, number, 'phone' | 'whatsapp' | 'video' | 'in-person', string][] = [
    ['mentor1', 0, 'phone', 'I will call you on the number you give me.'],
    ['mentor1', 2, 'whatsapp', 'WhatsApp call; I speak Arabic and English.'],
    ['mentor1', 26, 'video', 'A video link will be sent the day before.'],
    ['steward', 49, 'in-person', 'Coventry Central Library, first-floor meeting room.'],
  ];
  const slots: string[] = [];
  for (const [key, h, mode, details] of offers) {
    const o = await offerSlot(key === 'steward' ? steward : member(key), roundId, { startsAt: base + h * HOUR, minutes: 20, mode, details }, now - 2 * DAY);
    if ('id' in o) slots.push(o.id);
  }
  if (slots[0]) await bookSlot(member('yonas'), slots[0], 'I want to ask whether football for young men counts as health. Phone 07700 900123.', now - DAY);

  // The round's Q&A: one question answered for everyone, one waiting for the panel.
  const asked = async (key: string, q: string, at: number) => {
    await askQuestion(member(key), roundId, q, at);
    return (await db.selectFrom('fund_round_questions').select('id').where('round_id', '=', roundId).where('question', '=', q).executeTakeFirstOrThrow()).id;
  };
  const q1 = await asked('yonas', 'Can a group without a bank account apply?', now - 2 * DAY);
  await answerQuestion(steward, roundId, q1, { answer: 'Yes. Apply as an unincorporated group and choose a host organisation from the directory; the grant is paid to the host, who holds it for you.', publishedQuestion: 'Can a group without a bank account apply?' }, now - DAY);
  await asked('layla', 'Can we apply again if we were funded in the last round?', now - 10 * HOUR);
}
