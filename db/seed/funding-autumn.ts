import { db } from '../connection';
import { createRound, openRound, setLivedExperience } from '../../app/modules/funding/rounds.server';
import { respondAsCoApplicant, respondAsHost, saveApplication, startApplication, type DraftInput } from '../../app/modules/funding/applications.server';
import { openReview } from '../../app/modules/funding/panel.server';
import { conflictsFor, decideConflict, submitScores } from '../../app/modules/funding/reviews.server';
import { castFundVote, closeFundVote, confirmVoteAwards, openVote } from '../../app/modules/funding/vote.server';
import { newFormToken } from '../../app/modules/governance/ballot-box.server';
import { acceptAward } from '../../app/modules/funding/award-letter.server';
import { recordPayment } from '../../app/modules/funding/money.server';
import { saveReport, setDueDates, type NewFiles, type SaveReportInput } from '../../app/modules/funding/reports.server';
import { saveRoundEvidence } from '../../app/modules/funding/evidence.server';
import { addDays, dayOf } from '../../app/modules/funding/report-rules';
import { demoPicture, demoVoiceAnswer } from './funding-files';

export const AUTUMN_ROUND = 'Seed fund: autumn 2026';
const DAY = 24 * 60 * 60_000;

type People = Record<string, string>;
type Scores = Record<string, { score: number; comment: string }>;

const blankReport: SaveReportInput = {
  stoppedEarly: false,
  happened: '',
  hasMedia: false,
  peopleReached: null,
  breakdown: [],
  breakdownConsent: false,
  changeMade: '',
  quote: '',
  spend: [],
  didNotWork: '',
  learned: '',
  photoConsent: false,
  removeFileIds: [],
  removeMedia: false,
};
const noFiles: NewFiles = { media: null, photos: [], receipts: [] };

/**
 * The closed round, walked end to end (issue 14, "Demo data"): panel shortlists, members decide.
 * Seven applications; the panel (Tariq, Ewa, Shirin — two with lived experience of migration) scores
 * them, Ewa declares a conflict on her own Saturday school's application, her generous score for the
 * furniture project is the moderation outlier; five are shortlisted and 15 members vote; the Method of
 * Equal Shares funds three; their letters are accepted and payments recorded (Amina's to her host);
 * Amina's grant has both reports in (the end report with a photo and a receipt), Layla's its mid-point
 * report, Olena's stopped early and closed with what was learned; Bilal's group never got its host's
 * answer, so it did not count; what was not spent rolls over to spring 2027.
 *
 * Every step goes through the module functions members and stewards use, at past times given as their
 * `now`. Idempotent: does nothing when the round exists.
 */
export async function seedAutumnRound(people: People): Promise<void> {
  if (await db.selectFrom('fund_rounds').select('id').where('name', '=', AUTUMN_ROUND).executeTakeFirst()) return;
  const steward = { id: people.steward!, role: 'steward' as const };
  const member = (key: string) => ({ id: people[key]!, role: 'member' as const });
  const org = async (slug: string) => (await db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirst())?.id ?? null;
  const now = Date.now();
  const at = (days: number) => now - days * DAY;

  // The vote's electorate is every voting member when it opens: the demo network has been a network for
  // a year (the accounts were only created now), so its members joined before this round.
  await db.updateTable('users').set({ joined_at: at(400) }).where('id', 'in', Object.values(people)).where('joined_at', '>', at(400)).execute();
  for (const key of ['mentor1', 'mentor3']) await setLivedExperience(member(key), true);

  const r = await createRound(
    steward,
    {
      name: AUTUMN_ROUND,
      description: 'Grants of £500 to £2,500 for migrant-led community projects this autumn. The panel shortlists and the members choose, each with an equal share of the pot. Answer in writing or by a voice recording, in any language.',
      pot: 6_000,
      minGrant: 500,
      maxGrant: 2_500,
      themes: ['housing', 'arts-media', 'education', 'employment'],
      cities: ['birmingham', 'coventry', 'wolverhampton'],
      eligibility: [
        { text: 'Is your project in Birmingham, Coventry or Wolverhampton?', qualifies: true, explanation: 'This round funds projects in the three cities. The noticeboard lists other funds, and a mentor can help you find one.' },
        { text: 'Is the project led by people who have migrated to the UK?', qualifies: true, explanation: 'The seed fund is for migrant-led projects. If you work with a migrant-led group, they can apply and name you as a co-applicant.' },
      ],
      questions: [
        { text: 'What do you want to do, and for whom?', wordLimit: 250 },
        { text: 'What will be different if it works?', wordLimit: 150 },
        { text: 'Who is helping you?', wordLimit: 150 },
      ],
      criteria: [
        { label: 'Need and community benefit', weight: 3 },
        { label: 'Led by people with lived experience', weight: 2 },
        { label: 'A realistic plan and budget', weight: 1 },
      ],
      decisionMethod: 'panel-then-members',
      allowPartial: false,
      minLivedExperience: 2,
      opensAt: at(105),
      closesAt: at(80),
      panel: [people.mentor1!, people.mentor2!, people.mentor3!],
    },
    at(112),
  );
  if (!('id' in r)) throw new Error(`seed autumn round refused: ${r.problems.join(', ')}`);
  const roundId = r.id;
  await openRound(steward, roundId, at(105));

  const apply = async (key: string, d: Omit<Partial<DraftInput>, 'answers'> & { title: string; summary: string; amount: number; lines: [string, number][]; answers: string[] }, day: number) => {
    const s = await startApplication(member(key), roundId, { e1: true, e2: true }, at(day + 4));
    if (!('id' in s)) throw new Error(`seed autumn round: ${key} could not apply`);
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
        media: d.media ?? {},
        removeMedia: [],
      },
      { submit: true },
      at(day),
    );
    if (!res.ok) throw new Error(`seed autumn round: ${key}'s application refused (${res.problems.map((p) => `${p.field}: ${p.error}`).join(', ')})`);
    return s.id;
  };

  const brumTrust = await org('brum-community-trust');
  const somali = await org('somali-tenants-voice');
  const saturdaySchool = await org('polish-saturday-school');
  const upcycle = await org('upcycle-brum-cic');
  const covHub = await org('coventry-migrant-hub-cic');

  // Amina answers the first question by voice (in Somali), the rest in writing.
  const tenants = await apply(
    'amina',
    {
      title: 'Know your tenancy rights',
      summary: 'Six workshops in Somali on tenancy rights and damp and disrepair, with a caseworker on hand and a letter template families can use.',
      amount: 2_000,
      lines: [['Workshops and interpreters', 1_400], ['Printed guides', 600]],
      themes: ['housing'],
      kind: 'group',
      orgId: null,
      hostOrgId: brumTrust,
      answers: ['', 'Families write to their landlord and get repairs done instead of living with damp.', 'Brum Community Trust holds the grant and lends its community room.'],
      media: { q1: await demoVoiceAnswer() },
    },
    90,
  );
  void somali;
  const stories = await apply(
    'layla',
    {
      title: 'Kurdish women’s story nights',
      summary: 'Monthly story nights where Kurdish women make art from their stories, ending with an exhibition at Coventry library.',
      amount: 1_500,
      lines: [['Room hire', 600], ['Art materials', 500], ['Exhibition', 400]],
      themes: ['arts-media'],
      coApplicantIds: [people.sofia!],
      answers: ['Story nights for Kurdish women who rarely leave home, with childcare.', 'Women meet every month and show their work in public.', 'Sofia runs the drop-in next door and co-applies.'],
    },
    89,
  );
  await respondAsCoApplicant(member('sofia'), stories, true, at(88));
  const maths = await apply(
    'olena',
    {
      title: 'Home-schooling maths club',
      summary: 'A weekly maths club for refugee children learning at home in Wolverhampton while they wait for a school place.',
      amount: 1_800,
      lines: [['Tutor sessions', 1_200], ['Laptops on loan', 600]],
      themes: ['education'],
      answers: ['A tutor and two volunteers run a maths club for twelve children learning at home.', 'Children keep up with maths until they get a school place.', 'Parents from the sewing circle and a retired teacher.'],
    },
    88,
  );
  const school = await apply(
    'piotr',
    {
      title: 'Saturday school maths club',
      summary: 'A maths club after Polish Saturday school for children who are behind at school.',
      amount: 1_600,
      lines: [['Teacher hours', 1_200], ['Books and materials', 400]],
      themes: ['education'],
      kind: 'organisation',
      orgId: saturdaySchool,
      answers: ['One hour of maths after Saturday school for 20 children.', 'Children catch up before their SATs.', 'Our volunteer teachers and the parents’ committee.'],
    },
    86,
  );
  const radio = await apply(
    'chidi',
    {
      title: 'Diaspora radio hour',
      summary: 'A weekly radio hour made by young people from African families in Birmingham.',
      amount: 1_200,
      lines: [['Studio time', 700], ['Training', 500]],
      themes: ['arts-media'],
      answers: ['Young people learn to make a weekly radio hour about their lives.', 'Young people are heard, and learn skills for work.', 'Diaspora Radio lends its studio.'],
    },
    85,
  );
  const furniture = await apply(
    'kwame',
    {
      title: 'Furniture for new tenants',
      summary: 'Upcycled furniture for families moving into empty flats, made by young volunteers.',
      amount: 2_500,
      lines: [['Materials', 1_500], ['Van hire', 1_000]],
      themes: ['environment'],
      kind: 'organisation',
      orgId: upcycle,
      answers: ['Volunteers restore donated furniture for families moving in.', 'Families have beds and tables on their first night.', 'The council’s resettlement team refers families.'],
    },
    84,
  );
  // Bilal's group names a host that never answers: the application does not count.
  const workers = await apply(
    'bilal',
    {
      title: 'Know your rights at work',
      summary: 'Four workshops in Urdu and Punjabi on pay, contracts and sick leave.',
      amount: 1_400,
      lines: [['Trainer and interpreter', 1_000], ['Room hire', 400]],
      themes: ['employment'],
      kind: 'group',
      hostOrgId: covHub,
      answers: ['Workshops for warehouse and care workers on their rights.', 'Workers claim the pay and sick leave they are owed.', 'A union organiser volunteers.'],
    },
    82,
  );
  if (brumTrust) await respondAsHost(steward, tenants, true, at(87));

  // Review: Ewa volunteers at the Saturday school (the app flags the shared organisation) and declares it.
  if ((await openReview(steward, roundId, at(79))) !== 'ok') throw new Error('seed autumn round: review did not open');
  // Each reviewer opens each application, and the app checks the network's data for ties to it.
  for (const key of ['mentor1', 'mentor2', 'mentor3']) for (const id of [tenants, stories, maths, school, radio, furniture]) await conflictsFor(member(key), id, at(79));
  await decideConflict(member('mentor2'), school, 'declared', 'I volunteer at the Polish Saturday school.', at(79));
  // Tariq mentors Amina (the mentoring data flags it): he explains, and the panel sees why he still scores.
  const tariq = await db.selectFrom('fund_conflicts').select('application_id').where('reviewer_id', '=', people.mentor1!).where('decision', 'is', null).execute();
  for (const c of tariq) await decideConflict(member('mentor1'), c.application_id, 'explained', 'I mentor the applicant on bid writing; I have no part in the project or its money.', at(79));
  const s = (n: [number, number, number], comments: [string, string, string]): Scores => ({
    c1: { score: n[0], comment: comments[0] },
    c2: { score: n[1], comment: comments[1] },
    c3: { score: n[2], comment: comments[2] },
  });
  const reviews: [string, string, [number, number, number], [string, string, string]][] = [
    ['mentor1', tenants, [5, 5, 4], ['Damp and eviction letters are the commonest worry we hear.', 'Run by Somali mothers who went through it.', 'Clear plan; the printing could cost less.']],
    ['mentor3', tenants, [5, 4, 4], ['A real and urgent need.', 'Led by the families themselves.', 'The budget matches the six workshops.']],
    ['mentor2', tenants, [4, 5, 4], ['Strong need in Small Heath and Sparkbrook.', 'Lived experience at the heart of it.', 'Realistic.']],
    ['mentor1', stories, [4, 5, 3], ['Isolation is a health risk for these women.', 'Kurdish women lead every night.', 'Childcare is not in the budget yet.']],
    ['mentor3', stories, [4, 5, 4], ['Few groups reach women who stay at home.', 'Designed with the women.', 'Sensible costs.']],
    ['mentor2', stories, [4, 4, 4], ['Good reach into a hidden group.', 'Led by the community.', 'The exhibition cost is modest.']],
    ['mentor1', maths, [4, 4, 4], ['Children without a school place fall behind fast.', 'Parents who home-school run it.', 'A clear weekly plan.']],
    ['mentor3', maths, [5, 4, 3], ['A gap nobody else fills.', 'Refugee parents lead it.', 'Laptops on loan need a plan for their return.']],
    ['mentor2', maths, [4, 4, 4], ['Real need while families wait for school places.', 'Led by parents.', 'Fine.']],
    ['mentor1', school, [4, 3, 4], ['Children behind at school, a clear group.', 'Volunteer-led; the school is long established.', 'Costs are clear.']],
    ['mentor3', school, [3, 3, 4], ['The need is real but the school has other funders.', 'Partly led by newer arrivals.', 'Well costed.']],
    ['mentor1', radio, [3, 4, 3], ['Builds confidence; the need is less pressing.', 'Young people make the programme.', 'Studio costs could be shared.']],
    ['mentor3', radio, [3, 4, 3], ['A good idea; who listens is not yet clear.', 'Led by young people from the community.', 'Training plan is thin.']],
    ['mentor2', radio, [3, 3, 3], ['Some need.', 'Led by the community.', 'Needs a clearer plan.']],
    ['mentor1', furniture, [2, 2, 2], ['Others already give furniture to new tenants.', 'Not clear who from the community leads it.', 'The van hire is most of the budget.']],
    ['mentor3', furniture, [2, 2, 3], ['Overlaps with the council’s scheme.', 'Run by the social enterprise rather than the families.', 'Materials are well costed.']],
    // The moderation outlier: Ewa's view of the furniture project is far from the other two.
    ['mentor2', furniture, [5, 5, 5], ['Families I know slept on the floor for weeks.', 'Young volunteers are migrants themselves.', 'A solid enterprise.']],
  ];
  for (const [i, [key, appId, n, comments]] of reviews.entries()) {
    const res = await submitScores(member(key), appId, s(n, comments), at(78 - Math.floor(i / 4)));
    if (!res.ok) throw new Error(`seed autumn round: ${key}'s scores refused`);
  }

  // The panel passes five; the members vote for a week and the Method of Equal Shares counts it.
  const shortlist = [tenants, stories, maths, school, radio];
  const opened = await openVote(steward, roundId, { closesAt: at(63), shortlist }, at(70));
  if (opened !== 'ok') throw new Error(`seed autumn vote not opened: ${opened.problems.join(', ')}`);
  const ballots: [string, string[]][] = [
    ['steward', [tenants, maths]],
    ['mentor1', [tenants, stories, radio]],
    ['mentor2', [maths, stories]],
    ['mentor3', [stories, tenants]],
    ['bilal', [tenants, school]],
    ['ioana', [maths, stories]],
    ['yonas', [radio, tenants]],
    ['mariam', [stories, maths]],
    ['kwame', [tenants, radio]],
    ['farah', [tenants, maths]],
    ['piotr', [maths]],
    ['chidi', [tenants, stories]],
    ['sofia', [school, maths]],
    ['olena', [school, stories]],
    ['amina', [stories, maths, school]],
  ];
  for (const [i, [key, approved]] of ballots.entries()) {
    const who = key === 'steward' ? steward : member(key);
    const res = await castFundVote(who, roundId, { approved, token: newFormToken() }, at(69 - i / 3));
    if (!res.ok) throw new Error(`seed autumn vote: ${key}'s ballot refused (${res.error})`);
  }
  await closeFundVote(steward, roundId, at(63));
  await confirmVoteAwards(steward, roundId, at(62));

  // Award letters accepted; six-week seeds, so the stewards set earlier report dates than the default.
  const funded = await db.selectFrom('fund_awards').select('application_id').where('round_id', '=', roundId).execute();
  const isFunded = (id: string) => funded.some((f) => f.application_id === id);
  if (![tenants, stories, maths].every(isFunded)) throw new Error('seed autumn vote: the count did not fund the three expected projects');
  for (const [key, id] of [['amina', tenants], ['layla', stories], ['olena', maths]] as const) await acceptAward(member(key), id, at(60));
  const today = dayOf(now);
  await setDueDates(steward, tenants, { mid: addDays(today, -35), end: addDays(today, -7) }, at(60));
  await setDueDates(steward, stories, { mid: addDays(today, -35), end: addDays(today, 21) }, at(60));
  await setDueDates(steward, maths, { mid: addDays(today, -35), end: addDays(today, 14) }, at(60));

  const pay = (id: string, amount: number, day: number, reference: string, paidTo: 'grantee' | 'host' = 'grantee') =>
    recordPayment(steward, id, { amount, paidOn: dayOf(at(day)), reference, paidTo }, at(day));
  await pay(tenants, 1_000, 58, 'NOMI-SF26A-01A', 'host');
  await pay(tenants, 1_000, 30, 'NOMI-SF26A-01B', 'host');
  await pay(stories, 750, 58, 'NOMI-SF26A-02A');
  await pay(maths, 600, 58, 'NOMI-SF26A-03A');

  // Amina: both reports in; the end report with a photo (everyone in it agreed) and a receipt.
  await saveReport(
    member('amina'),
    tenants,
    'mid',
    { ...blankReport, happened: 'Three workshops so far; more families came than planned.', peopleReached: 35, changeMade: 'Families now report disrepair in writing.', spend: [{ line: 0, spent: 700 }, { line: 1, spent: 300 }] },
    { ...noFiles, receipts: [await demoPicture('Receipt: printing', '#555555', false)] },
    { submit: true },
    at(36),
  );
  await saveReport(
    member('amina'),
    tenants,
    'end',
    {
      ...blankReport,
      happened: 'Six workshops ran as planned; we added a drop-in after Friday prayers because mothers could not come in the evening.',
      peopleReached: 74,
      breakdown: [{ label: 'Women', count: 51 }, { label: 'First year in the UK', count: 20 }],
      breakdownConsent: true,
      changeMade: 'Eleven families had repairs done after writing to their landlord with our template.',
      quote: '“For the first time I knew what to write, and the damp was fixed.”',
      spend: [{ line: 0, spent: 1_450 }, { line: 1, spent: 550 }],
      didNotWork: 'Evening sessions: hardly anyone came in winter.',
      photoConsent: true,
    },
    { media: null, photos: [{ ...(await demoPicture('Workshop', '#2f6f4f', true)), caption: 'A workshop in the community room' }], receipts: [await demoPicture('Receipt: interpreters', '#444444', false)] },
    { submit: true },
    at(8),
  );
  // Layla: the mid-point report in, the end report due in three weeks.
  await saveReport(
    member('layla'),
    stories,
    'mid',
    { ...blankReport, happened: 'Four story nights so far; the women chose to paint rather than write.', peopleReached: 18, changeMade: 'Two women now lead the nights themselves.', quote: '“Here my story is not a case file.”', spend: [{ line: 0, spent: 300 }, { line: 1, spent: 250 }] },
    { ...noFiles, receipts: [await demoPicture('Receipt: room hire', '#666666', false)] },
    { submit: true },
    at(34),
  );
  // Olena: stopped early — closed with what was learned, not as a failure; the unpaid part rolls over.
  await saveReport(
    member('olena'),
    maths,
    'end',
    {
      ...blankReport,
      stoppedEarly: true,
      learned: 'Most families were given school places in November, so the club was no longer needed. We learned to ask the council about school places before planning a term-long club; our tutor now volunteers at the Saturday school.',
      peopleReached: 12,
      spend: [{ line: 0, spent: 600 }],
    },
    { ...noFiles, receipts: [await demoPicture('Receipt: tutor', '#777777', false)] },
    { submit: true },
    at(20),
  );

  // The notifications these steps sent are months old in the story: dated when they happened and read,
  // so the demo's bell shows what is current (the open round), not a vote that closed in October.
  const links = [`/funds/${roundId}/vote`, ...[tenants, stories, maths, school, radio, furniture, workers].flatMap((id) => [`/funds/applications/${id}`, `/funds/host/${id}`])];
  await db.updateTable('notifications').set({ created_at: at(70), read_at: at(69) }).where('link', 'in', links).where('created_at', '>=', now).execute();

  // The round report and the 360Giving file: re-granted from a community foundation.
  await saveRoundEvidence(
    steward,
    roundId,
    {
      source: { funderName: 'Example Community Foundation', grantId: '360G-examplecf-2026-017' },
      lessons: 'A voice answer brought in a family who had never applied for a grant before.\nA group whose host did not answer in time lost its place: the next round reminds hosts a week before the close.\nOne project stopped early because its families got school places — a good outcome, and the unspent money rolls over.',
    },
    at(5),
  );
}
