import { db } from '../connection';
import { createRound, openRound } from '../../app/modules/funding/rounds.server';
import { respondAsCoApplicant, saveApplication, startApplication } from '../../app/modules/funding/applications.server';
import { openReview } from '../../app/modules/funding/panel.server';
import { castFundVote, closeFundVote, confirmVoteAwards, openVote } from '../../app/modules/funding/vote.server';
import { newFormToken } from '../../app/modules/governance/ballot-box.server';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

type People = Record<string, string>;
const steward = (people: People) => ({ id: people.steward!, role: 'steward' as const });
const member = (people: People, key: string) => ({ id: people[key]!, role: 'member' as const });

async function apply(people: People, roundId: string, key: string, title: string, summary: string, amount: number, at: number, coApplicants: string[] = []) {
  const s = await startApplication(member(people, key), roundId, {}, at);
  if (!('id' in s)) throw new Error(`seed fund vote: ${key} could not apply`);
  await saveApplication(
    member(people, key),
    s.id,
    { title, summary, amount, budgetLines: [{ label: 'Sessions and materials', amount }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: coApplicants.map((c) => people[c]!), answers: { q1: summary }, media: {}, removeMedia: [] },
    { submit: true },
    at,
  );
  for (const c of coApplicants) await respondAsCoApplicant(member(people, c), s.id, true, at);
  return s.id;
}

async function vote(people: People, roundId: string, ballots: [string, string[]][], at: number) {
  for (const [key, approved] of ballots) {
    const r = await castFundVote(key === 'steward' ? steward(people) : member(people, key), roundId, { approved, token: newFormToken() }, at);
    if (!r.ok) throw new Error(`seed fund vote: ${key}'s ballot refused (${r.error})`);
  }
}

/**
 * Members' vote demo (issue 14 item 6): a round decided by the members' vote, counted by the Method of
 * Equal Shares and confirmed (awards, register entry), and a round whose panel shortlisted three of
 * four applications for a vote that is still open. The electorate is the voting members at opening,
 * which is now (demo members join when the demo is seeded), so the decided round closed an hour on.
 * Idempotent: does nothing when the rounds exist.
 */
export async function seedFundVote(people: People): Promise<void> {
  const decided = "Seed fund: members' choice 2026";
  if (await db.selectFrom('fund_rounds').select('id').where('name', '=', decided).executeTakeFirst()) return;
  const now = Date.now();
  const past = now - 40 * DAY;
  const base = {
    description: 'Small grants chosen by the members: everyone who votes gets an equal share of the pot to spend on the projects they back.',
    themes: [],
    cities: ['birmingham', 'coventry', 'wolverhampton'],
    eligibility: [],
    questions: [{ text: 'What will you do, and for whom?', wordLimit: 200 }],
    criteria: [{ label: 'Community benefit', weight: 1 }],
    allowPartial: false,
    opensAt: past,
    closesAt: now - 2 * DAY,
  };
  const r = await createRound(steward(people), { ...base, name: decided, pot: 6_000, minGrant: 500, maxGrant: 3_000, decisionMethod: 'members', minLivedExperience: 0, panel: [] }, past);
  if (!('id' in r)) throw new Error(`seed fund vote refused: ${r.problems.join(', ')}`);
  await openRound(steward(people), r.id, past);
  const at = past + DAY;
  const tenancy = await apply(people, r.id, 'amina', 'Tenancy rights clinic in Somali', 'A monthly drop-in where Somali families get help with repairs, deposits and eviction letters.', 2_500, at);
  const radio = await apply(people, r.id, 'chidi', 'Diaspora radio hour', 'A weekly radio hour made by young people from African families in Birmingham.', 1_500, at);
  const school = await apply(people, r.id, 'olena', 'Home-schooling circle', 'Refugee parents who home-school share lessons, books and a room twice a week.', 2_000, at);
  const arts = await apply(people, r.id, 'layla', 'Kurdish women’s storytelling', 'Kurdish women record their stories and show them in a community exhibition.', 1_200, at, ['sofia']);
  const upcycle = await apply(people, r.id, 'kwame', 'Furniture for new tenants', 'Upcycled furniture for families moving into empty flats, made by volunteers.', 3_000, at);
  const votingOpens = now;
  const votingCloses = now + HOUR + 5 * 60_000;
  const o = await openVote(steward(people), r.id, { closesAt: votingCloses }, votingOpens);
  if (o !== 'ok') throw new Error(`seed fund vote not opened: ${o.problems.join(', ')}`);
  await vote(
    people,
    r.id,
    [
      ['steward', [tenancy, upcycle]],
      ['mentor1', [tenancy, radio, arts]],
      ['mentor2', [school, upcycle]],
      ['mentor3', [arts, school]],
      ['amina', [upcycle, radio]],
      ['bilal', [tenancy, upcycle]],
      ['ioana', [school, arts]],
      ['yonas', [radio, upcycle]],
      ['mariam', [arts, school, tenancy]],
      ['olena', [arts]],
      ['kwame', [tenancy]],
      ['piotr', [school, upcycle]],
      ['farah', [tenancy, arts]],
      ['chidi', [upcycle, tenancy]],
    ],
    votingOpens,
  );
  await closeFundVote(steward(people), r.id, votingCloses);
  await confirmVoteAwards(steward(people), r.id, votingCloses);

  // Panel shortlists, members decide: review done, three of four passed, the vote open for a week.
  const shortlistName = 'Seed fund: winter activities (panel shortlist)';
  const s = await createRound(steward(people), { ...base, name: shortlistName, pot: 4_000, minGrant: 300, maxGrant: 2_000, decisionMethod: 'panel-then-members', minLivedExperience: 1, panel: [people.mentor3!] }, past);
  if (!('id' in s)) throw new Error(`seed shortlist round refused: ${s.problems.join(', ')}`);
  await openRound(steward(people), s.id, past);
  const passed = [
    await apply(people, s.id, 'yonas', 'Winter football league', 'Indoor football on Saturday evenings, with a talk about mental health after each match.', 1_600, at),
    await apply(people, s.id, 'farah', 'Warm sewing evenings', 'Sewing warm clothes together while practising English.', 900, at),
    await apply(people, s.id, 'bilal', 'Know your rights at work', 'Four workshops in Urdu and Punjabi on pay, contracts and sick leave.', 1_400, at),
  ];
  await apply(people, s.id, 'piotr', 'Polish film club', 'Polish films with English subtitles, once a month.', 800, at);
  await openReview(steward(people), s.id, now);
  const v = await openVote(steward(people), s.id, { closesAt: now + 7 * DAY, shortlist: passed }, now);
  if (v !== 'ok') throw new Error(`seed shortlist vote not opened: ${v.problems.join(', ')}`);
  await vote(
    people,
    s.id,
    [
      ['mentor1', [passed[0]!, passed[2]!]],
      ['ioana', [passed[1]!]],
    ],
    now,
  );
}
