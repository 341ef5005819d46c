import { db } from '../connection';
import { DAY } from '../../app/modules/governance/dates';
import { castVote } from '../../app/modules/governance/proposal-voting.server';
import { closeProposal, createProposal, recordOutcome, type NewProposal } from '../../app/modules/governance/proposal-lifecycle.server';
import { addComment } from '../../app/modules/governance/participation.server';
import { addDirector, ensureCicSteps, updateCicStep } from '../../app/modules/governance/cic.server';
import type { VoteInput } from '../../app/modules/governance/proposal-voting.server';
import { addGroupMember, createGroup } from '../../app/modules/governance/groups.server';

const MARKER = 'Agree to incorporate as a Community Interest Company';
const YEAR = 365 * DAY;

const base: Omit<NewProposal, 'title' | 'body' | 'kind'> = {
  secret: false,
  hideResults: false,
  allowCloseEarly: true,
  quorumPercent: 25,
  writtenMajority: 'ordinary',
  pollMode: 'single',
  pollBinding: false,
  options: [],
  maxScore: 5,
  seats: 1,
  opensAt: 0,
  closesAt: 0,
};

/**
 * Demo governance: one closed decision of each kind (including a three-seat STV election that needs
 * several stages), one open written resolution, and a CIC roadmap partly done. Runs once: it stops if
 * the first demo proposal is already there.
 */
export async function seedGovernance(people: Record<string, string>) {
  await seedGovernanceGroups(people);
  const exists = await db.selectFrom('governance_proposals').select('id').where('title', '=', MARKER).executeTakeFirst();
  if (exists) return;
  const p = (key: string) => {
    const id = people[key];
    if (!id) throw new Error(`demo person ${key} missing`);
    return { id, role: key === 'steward' ? ('steward' as const) : ('member' as const) };
  };
  const now = Date.now();
  const window = { opensAt: now, closesAt: now + 7 * DAY };
  const steward = p('steward');

  async function decide(by: string, input: Partial<NewProposal> & Pick<NewProposal, 'title' | 'body' | 'kind'>, votes: Array<[string, VoteInput]>, statement?: string) {
    const id = await createProposal({ ...base, ...window, ...input }, p(by), now);
    for (const [who, v] of votes) await castVote(id, p(who), p(who).id, v, now + 1000);
    await closeProposal(id, p(by).id, now + 2000);
    if (statement) await recordOutcome(id, p(by), statement, input.kind === 'ordinary' ? now + YEAR : null);
    return id;
  }

  const incorporate = await decide(
    'steward',
    { title: MARKER, body: 'The network registers as a Community Interest Company limited by guarantee, so funders that only pay incorporated bodies can fund us directly.\n\nThe stewards will prepare the documents and bring the articles back for a special resolution.', kind: 'ordinary' },
    [
      ['steward', { choice: 'for' }],
      ['amina', { choice: 'for' }],
      ['bilal', { choice: 'for' }],
      ['ioana', { choice: 'for', reason: 'Many funders in Coventry ask for this.' }],
      ['yonas', { choice: 'against', reason: 'Worried about the paperwork for small groups.' }],
      ['mariam', { choice: 'abstain' }],
      ['kwame', { choice: 'for' }],
    ],
    'Agreed. The stewards will draft the community interest statement and the articles with members.',
  );
  await decide(
    'kwame',
    { title: 'Adopt the code of conduct', body: 'We adopt the code of conduct discussed at the spring gathering. Changing it later needs a special resolution.', kind: 'special' },
    [
      ['kwame', { choice: 'for' }],
      ['layla', { choice: 'for' }],
      ['piotr', { choice: 'for' }],
      ['farah', { choice: 'against' }],
      ['chidi', { choice: 'for' }],
      ['sofia', { choice: 'abstain' }],
    ],
    'Adopted. It is linked from the noticeboard.',
  );
  await decide(
    'amina',
    { title: 'Share one stall at the Refugee Week fair', body: 'Member projects share a single stall and a rota at the fair in June.', kind: 'consent', quorumPercent: 0 },
    [
      ['amina', { choice: 'consent' }],
      ['olena', { choice: 'consent' }],
      ['bilal', { choice: 'object', reason: 'The fair clashes with Eid this year; can we move the date?' }],
    ],
    'Not agreed: an objection about the date. Amina will propose a new date.',
  );
  await decide(
    'mentor3',
    { title: 'Should we meet in person more often?', body: 'A temperature check before planning next year.', kind: 'advice', quorumPercent: 0 },
    [
      ['mentor3', { choice: 'agree' }],
      ['mariam', { choice: 'agree', reason: 'Travel costs are a problem for us; online is fine too.' }],
      ['olena', { choice: 'disagree', reason: 'Childcare makes evenings hard.' }],
      ['chidi', { choice: 'abstain' }],
    ],
  );
  const pollId = await createProposal(
    { ...base, ...window, title: 'Which day suits the summer gathering?', body: 'Pick every day you could come.', kind: 'poll', pollMode: 'multiple', options: [ { id: 'sat', label: 'Saturday 12 July' }, { id: 'sun', label: 'Sunday 13 July' }, { id: 'sat19', label: 'Saturday 19 July' } ] },
    p('ioana'),
    now,
  );
  for (const [who, opts] of [['ioana', ['sat', 'sun']], ['sofia', ['sat']], ['layla', ['sun', 'sat19']], ['piotr', ['sat']]] as const) {
    await castVote(pollId, p(who), p(who).id, { choice: '', options: [...opts] }, now + 1000);
  }
  await closeProposal(pollId, p('ioana').id, now + 2000);

  // Three seats, five candidates: first preferences elect one, a surplus transfers, then exclusions.
  const candidates = ['amina', 'bilal', 'ioana', 'kwame', 'mentor2'];
  const election = await createProposal(
    {
      ...base,
      ...window,
      title: 'Elect the first three directors',
      body: 'Three directors for a two-year term, elected by single transferable vote.',
      kind: 'election',
      seats: 3,
      quorumPercent: 50,
      options: await Promise.all(candidates.map(async (k) => ({ id: p(k).id, label: (await db.selectFrom('users').select('name').where('id', '=', p(k).id).executeTakeFirstOrThrow()).name }))),
    },
    steward,
    now,
  );
  const r = (...keys: string[]) => keys.map((k) => p(k).id);
  const rankings: Array<[string, string[]]> = [
    ['steward', r('amina', 'ioana', 'kwame')],
    ['amina', r('amina', 'bilal')],
    ['bilal', r('amina', 'bilal', 'mentor2')],
    ['ioana', r('amina', 'ioana')],
    ['yonas', r('amina', 'kwame')],
    ['mariam', r('amina', 'mentor2', 'ioana')],
    ['olena', r('bilal', 'kwame')],
    ['kwame', r('kwame', 'bilal')],
    ['layla', r('ioana', 'amina')],
    ['piotr', r('mentor2', 'ioana')],
    ['farah', r('bilal', 'ioana')],
    ['chidi', r('kwame', 'ioana')],
    ['sofia', r('ioana', 'kwame')],
    ['mentor1', r('mentor2', 'kwame')],
    ['mentor2', r('bilal', 'mentor2')],
    ['mentor3', r('ioana', 'bilal')],
  ];
  for (const [who, ranking] of rankings) await castVote(election, p(who), p(who).id, { choice: '', ranking }, now + 1000);
  await closeProposal(election, steward.id, now + 2000);
  const result = await db.selectFrom('governance_proposals').select('result').where('id', '=', election).executeTakeFirstOrThrow();
  const elected = (JSON.parse(result.result!) as { stv: { elected: string[] } }).stv.elected;
  await recordOutcome(election, steward, 'The three directors take office for two years.', null);
  for (const userId of elected) await addDirector(steward, { userId, termStart: now, termEnd: now + 2 * YEAR, proposalId: election }, now);

  // One open written resolution.
  const written = await createProposal(
    { ...base, opensAt: now, closesAt: now + 28 * DAY, title: 'Open a bank account in the network\'s name', body: 'The stewards open a business bank account, with two of the directors as signatories.', kind: 'written', quorumPercent: 0 },
    steward,
    now,
  );
  for (const who of ['steward', 'amina', 'kwame']) await castVote(written, p(who), p(who).id, { choice: 'for' }, now + 1000);
  await addComment(written, p('bilal'), 'Which bank? Some charge small groups a monthly fee.', null, now + 2000);

  // The roadmap, partly done.
  await ensureCicSteps(now);
  await updateCicStep(steward, 'agree_to_incorporate', { status: 'done', ownerId: steward.id, notes: '', proposalId: incorporate, link: '/governance/decisions' }, now);
  await updateCicStep(steward, 'choose_model', { status: 'done', ownerId: steward.id, notes: 'Company limited by guarantee with large-membership articles.', proposalId: null, link: null }, now);
  await updateCicStep(steward, 'community_interest_statement', { status: 'in_progress', ownerId: p('ioana').id, notes: 'First draft shared at the members\' meeting.', proposalId: null, link: null }, now);
  await updateCicStep(steward, 'elect_directors', { status: 'done', ownerId: steward.id, notes: '', proposalId: election, link: null }, now);
}

/**
 * Demo groups (the built-in Directors group follows the register) and one open proposal put to a
 * group. Idempotent: stops if the "Birmingham hub" group is already there.
 */
async function seedGovernanceGroups(people: Record<string, string>) {
  const exists = await db.selectFrom('governance_groups').select('id').where('name', '=', 'Birmingham hub').executeTakeFirst();
  const stewardId = people.steward;
  if (exists || !stewardId) return;
  const steward = { id: stewardId, role: 'steward' as const };
  const now = Date.now();
  const hub = await createGroup(steward, 'Birmingham hub', now);
  const stewards = await createGroup(steward, 'Stewards', now);
  for (const key of ['steward', 'amina', 'bilal', 'farah']) if (people[key]) await addGroupMember(steward, hub, people[key]!, now);
  for (const key of ['steward', 'ioana']) if (people[key]) await addGroupMember(steward, stewards, people[key]!, now);
  await createProposal(
    {
      ...base,
      quorumPercent: 50,
      opensAt: now,
      closesAt: now + 10 * DAY,
      title: 'Move the Birmingham hub meetings to Saturdays',
      body: 'Hub meetings move from Wednesday evenings to Saturday mornings, so members who work shifts can come.',
      kind: 'ordinary',
      electorateGroupId: hub,
    },
    steward,
    now,
  );
}
