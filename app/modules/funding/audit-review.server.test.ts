/**
 * Fund-audit: the review and decision side attacked by a hostile panel member, an applicant racing
 * their own withdrawal, and stewards pressing twice. Each case failed on the code before its fix:
 *  - a joint application still waiting for its co-applicant (it does not count yet) could be scored
 *    by typing its review URL;
 *  - opening the review page (a GET) wrote a conflict row for every reviewer who merely looked;
 *  - declaring a conflict after scoring a pitch left the pitch scores in the pitch-day spread;
 *  - a save that raced a withdrawal put the withdrawn application back in as submitted;
 *  - once the members' vote was counted, the lead could still withdraw, and confirming the count then
 *    gave the withdrawn application an award (money committed to a project that left);
 *  - a co-applicant could decline after the members' vote opened, and then approve their own project,
 *    and a host organisation could decline then, leaving a shortlisted project with nobody to hold its award;
 *  - applicants of a round decided by the members' vote were never told the decision;
 *  - a steward who applied in a panel-decided round saw its ranking (their own score among the rest)
 *    and confirmed the awards, their own included.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { newId } from '~/modules/auth/tokens.server';
import { newFormToken } from '~/modules/governance/ballot-box.server';
import { makeMember } from '../../../test/factories';
import { loadApplication, respondAsCoApplicant, respondAsHost, saveApplication, startApplication, withdrawApplication, type DraftInput } from './applications.server';
import { createRound, openRound, type RoundInput } from './rounds.server';
import { confirmAwards, openReview, ranking } from './panel.server';
import { conflictsFor, decideConflict, reviewsFor, submitScores } from './reviews.server';
import { pitchDay, scorePitch, setUpPitchDay, startPitch } from './pitch.server';
import { castFundVote, closeFundVote, confirmVoteAwards, openVote } from './vote.server';

const HOUR = 3_600_000;
type Who = Awaited<ReturnType<typeof makeMember>>;
const T0 = Date.now();
const AFTER_CLOSE = T0 + 3 * HOUR;

async function status(fn: () => Promise<unknown>): Promise<number | 'ok'> {
  try {
    await fn();
    return 'ok';
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

const round = (over: Partial<RoundInput>): RoundInput => ({
  name: 'Audit round', description: 'd', pot: 5000, minGrant: 100, maxGrant: 3000, themes: [], cities: [], eligibility: [],
  questions: [{ text: 'What?', wordLimit: 50 }], criteria: [{ label: 'Need', weight: 1 }], decisionMethod: 'panel', allowPartial: false,
  minLivedExperience: 0, opensAt: T0 - HOUR, closesAt: T0 + 2 * HOUR, panel: [], ...over,
});
const draft = (title: string, amount: number, over: Partial<DraftInput> = {}): DraftInput => ({
  title, summary: 's', amount, budgetLines: [{ label: 'All', amount }], themes: [], kind: 'member', orgId: null, hostOrgId: null,
  coApplicantIds: [], answers: { q1: 'Our plan.' }, media: {}, removeMedia: [], ...over,
});

async function apply(roundId: string, who: Who, d: DraftInput): Promise<string> {
  const s = await startApplication(who, roundId, {}, T0);
  if (!('id' in s)) throw new Error('not started');
  const r = await saveApplication(who, s.id, d, { submit: true }, T0);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return s.id;
}

const scores = (appId: string, reviewerId: string) => db.selectFrom('fund_scores').select('score').where('application_id', '=', appId).where('reviewer_id', '=', reviewerId).execute();
const statusOf = async (appId: string) => (await db.selectFrom('fund_applications').select('status').where('id', '=', appId).executeTakeFirstOrThrow()).status;

let steward: Who, rev1: Who, rev2: Who, amal: Who, bola: Who, cai: Who, dede: Who, eno: Who;
let roundId = '';
let solo = '';
let joint = '';
let racer = '';
let second = '';

beforeAll(async () => {
  steward = await makeMember({ role: 'steward' });
  rev1 = await makeMember({ name: 'Reviewer One' });
  rev2 = await makeMember({ name: 'Reviewer Two' });
  amal = await makeMember({ name: 'Amal' });
  bola = await makeMember({ name: 'Bola' });
  cai = await makeMember({ name: 'Cai' });
  dede = await makeMember({ name: 'Dede' });
  eno = await makeMember({ name: 'Eno' });
  const r = await createRound(steward, round({ panel: [rev1.id, rev2.id] }), T0 - HOUR);
  if (!('id' in r)) throw new Error();
  roundId = r.id;
  await openRound(steward, roundId, T0 - HOUR);
  solo = await apply(roundId, amal, draft('Solo', 1000));
  // Cai has not confirmed: the joint application does not count yet.
  joint = await apply(roundId, bola, draft('Joint', 1000, { coApplicantIds: [cai.id] }));
  racer = await apply(roundId, dede, draft('Racer', 1000));
  second = await apply(roundId, eno, draft('Second', 1000));
  // rev2 mentors Amal: a conflict the network's own data shows.
  await db
    .insertInto('mentorships')
    .values({ id: newId(), mentor_id: rev2.id, mentee_id: amal.id, status: 'active', requested_by: amal.id, paired_by_steward: 0, goals: '', frequency: '', mode: '', start_on: T0, request_message: '', response_message: '', mentor_reflection: null, mentee_reflection: null, created_at: T0, accepted_at: T0, closed_at: null, updated_at: T0 } as never)
    .execute();
});

describe('while the round is open', () => {
  it('a save racing a withdrawal never brings the withdrawn application back', async () => {
    const [, saved] = await Promise.allSettled([withdrawApplication(dede, racer, T0), saveApplication(dede, racer, draft('Racer, edited', 1200), { submit: false }, T0)]);
    expect(await statusOf(racer)).toBe('withdrawn');
    // The save is refused (nothing half-written), not silently applied to a withdrawn application.
    const title = (await db.selectFrom('fund_applications').select('title').where('id', '=', racer).executeTakeFirstOrThrow()).title;
    if (saved.status === 'fulfilled') expect(title).toBe('Racer, edited');
    else expect(saved.reason).toMatchObject({ status: 409 });
  });

  it('raising the amount after the host accepted asks the host again', async () => {
    const hostLead = await makeMember({ name: 'Host lead' });
    const orgId = newId();
    await db
      .insertInto('organisations')
      .values({ id: orgId, slug: `host-${orgId}`, name: 'Host CIC', description: '', city: 'coventry', legal_form: 'cic', registration_number: null, host_org_id: null, host_org_name: null, year_started: null, website: null, public_listing: 0, created_by: hostLead.id, created_at: T0, updated_at: T0 })
      .execute();
    await db.insertInto('organisation_members').values({ org_id: orgId, user_id: hostLead.id, role: 'lead', created_at: T0 }).execute();
    const group = await makeMember({ name: 'Group lead' });
    const id = await apply(roundId, group, draft('Group project', 1000, { kind: 'group', hostOrgId: orgId }));
    await respondAsHost(hostLead, id, true, T0);
    const asked = async () => (await db.selectFrom('notifications').select('id').where('user_id', '=', hostLead.id).where('kind', '=', 'funding.host_request').execute()).length;
    const before = await asked();
    // A typo fixed in an answer: the host's acceptance stands.
    expect(await saveApplication(group, id, draft('Group project', 1000, { kind: 'group', hostOrgId: orgId, answers: { q1: 'Our plan, fixed.' } }), { submit: true }, T0)).toMatchObject({ ok: true });
    expect((await db.selectFrom('fund_applications').select('host_status').where('id', '=', id).executeTakeFirstOrThrow()).host_status).toBe('accepted');
    // Three times the money: the host is asked again, and the application waits for it.
    expect(await saveApplication(group, id, draft('Group project', 3000, { kind: 'group', hostOrgId: orgId }), { submit: true }, T0)).toMatchObject({ ok: true });
    expect((await db.selectFrom('fund_applications').select('host_status').where('id', '=', id).executeTakeFirstOrThrow()).host_status).toBe('pending');
    expect(await asked()).toBe(before + 1);
    await withdrawApplication(group, id, T0);
  });

  it('the panel reads applications once applications have closed, not while a panel member could still rewrite their own', async () => {
    expect(await status(() => loadApplication(rev1, solo, T0))).toBe(404);
    expect(await status(() => loadApplication(steward, solo, T0))).toBe('ok');
    expect(await status(() => loadApplication(rev1, solo, AFTER_CLOSE))).toBe('ok');
  });

  it('an applicant who belongs to the host organisation cannot accept for it', async () => {
    const orgId = newId();
    const both = await makeMember({ name: 'Lead and host member' });
    const otherHost = await makeMember({ name: 'Other host member' });
    await db
      .insertInto('organisations')
      .values({ id: orgId, slug: `self-${orgId}`, name: 'Own host', description: '', city: 'coventry', legal_form: 'cic', registration_number: null, host_org_id: null, host_org_name: null, year_started: null, website: null, public_listing: 0, created_by: both.id, created_at: T0, updated_at: T0 })
      .execute();
    await db.insertInto('organisation_members').values([{ org_id: orgId, user_id: both.id, role: 'lead', created_at: T0 }, { org_id: orgId, user_id: otherHost.id, role: 'member', created_at: T0 }]).execute();
    const id = await apply(roundId, both, draft('Self-hosted', 1000, { kind: 'group', hostOrgId: orgId }));
    expect(await status(() => respondAsHost(both, id, true, T0))).toBe(403);
    expect((await db.selectFrom('fund_applications').select('host_status').where('id', '=', id).executeTakeFirstOrThrow()).host_status).toBe('pending');
    expect(await respondAsHost(otherHost, id, true, T0)).toBe('ok');
    await withdrawApplication(both, id, T0);
  });

  it('a withdrawn application (answers, recordings) is no longer open to the panel; its applicant and stewards keep it', async () => {
    expect(await status(() => loadApplication(rev1, racer, T0))).toBe(404);
    expect(await status(() => loadApplication(dede, racer, T0))).toBe('ok');
    expect(await status(() => loadApplication(steward, racer, T0))).toBe('ok');
  });
});

describe('review', () => {
  beforeAll(async () => {
    expect(await openReview(steward, roundId, AFTER_CLOSE)).toBe('ok');
  });

  it('an application waiting for its co-applicant cannot be scored by URL (403, nothing stored)', async () => {
    expect(await status(() => submitScores(rev1, joint, { c1: { score: 5, comment: 'Looks great' } }, AFTER_CLOSE))).toBe(403);
    expect(await scores(joint, rev1.id)).toEqual([]);
  });

  it('looking at an application writes nothing; declaring records what the data showed', async () => {
    expect(await conflictsFor(rev2, solo, AFTER_CLOSE)).toEqual([{ kind: 'mentoring', withId: amal.id }]);
    expect(await db.selectFrom('fund_conflicts').selectAll().where('application_id', '=', solo).execute()).toEqual([]);
    expect(await decideConflict(rev2, solo, 'declared', '', AFTER_CLOSE)).toBe('ok');
    const row = await db.selectFrom('fund_conflicts').selectAll().where('application_id', '=', solo).where('reviewer_id', '=', rev2.id).executeTakeFirstOrThrow();
    expect(row.decision).toBe('declared');
    expect(JSON.parse(row.detected)).toEqual([{ kind: 'mentoring', withId: amal.id }]);
  });

  it('a conflict declared after scoring a pitch takes the pitch scores out too', async () => {
    expect(await decideConflict(rev1, solo, 'explained', 'We met once at an event.', AFTER_CLOSE)).toBe('ok');
    expect(await setUpPitchDay(steward, roundId, AFTER_CLOSE)).toBeGreaterThan(0);
    await startPitch(steward, roundId, solo, AFTER_CLOSE);
    expect(await scorePitch(rev1, solo, { c1: { score: 5, comment: 'Strong pitch' } }, AFTER_CLOSE)).toEqual({ ok: true });
    expect(await decideConflict(rev1, solo, 'declared', 'On reflection, I know them well.', AFTER_CLOSE)).toBe('ok');
    expect(await db.selectFrom('fund_pitch_scores').select('score').where('application_id', '=', solo).where('reviewer_id', '=', rev1.id).execute()).toEqual([]);
  });

  it('a pitch of an application that does not count cannot be scored', async () => {
    await db.insertInto('fund_pitches').values({ application_id: joint, round_id: roundId, position: 99, state: 'now', started_at: AFTER_CLOSE }).execute();
    expect(await status(() => scorePitch(rev1, joint, { c1: { score: 5, comment: 'x' } }, AFTER_CLOSE))).toBe(403);
  });

  it('a reviewer who declares a conflict after scoring stops seeing the others’ scores of it (regression guard)', async () => {
    expect(await submitScores(rev1, second, { c1: { score: 4, comment: 'Good' } }, AFTER_CLOSE)).toEqual({ ok: true });
    expect(await submitScores(rev2, second, { c1: { score: 2, comment: 'Thin' } }, AFTER_CLOSE)).toEqual({ ok: true });
    expect((await reviewsFor(rev2, second, AFTER_CLOSE)).reviewers).toHaveLength(2);
    expect(await decideConflict(rev2, second, 'declared', 'I am on their committee.', AFTER_CLOSE)).toBe('ok');
    const after = await reviewsFor(rev2, second, AFTER_CLOSE);
    expect(after).toMatchObject({ othersHidden: true, reviewers: [], moderation: null });
  });

  it('stewards confirming twice at once decide once; nobody scores after the decision', async () => {
    expect(await submitScores(rev1, second, { c1: { score: 4, comment: 'Good' } }, AFTER_CLOSE)).toEqual({ ok: true });
    const both = await Promise.allSettled([confirmAwards(steward, roundId, AFTER_CLOSE), confirmAwards(steward, roundId, AFTER_CLOSE)]);
    expect(both.filter((b) => b.status === 'fulfilled' && b.value === 'ok')).toHaveLength(1);
    expect(await db.selectFrom('fund_awards').select('application_id').where('round_id', '=', roundId).execute()).toHaveLength(1);
    expect(await status(() => submitScores(rev1, second, { c1: { score: 1, comment: 'late' } }, AFTER_CLOSE + HOUR))).toBe(403);
    expect(await scores(second, rev1.id)).toEqual([{ score: 4 }]);
  });
});

describe('members’ vote: withdrawing after the count', () => {
  it('is refused, so confirming never awards a withdrawn application; confirming tells the applicants', async () => {
    const r = await createRound(steward, round({ decisionMethod: 'members', name: 'Vote audit' }), T0 - HOUR);
    if (!('id' in r)) throw new Error();
    await openRound(steward, r.id, T0 - HOUR);
    const a = await apply(r.id, amal, draft('Garden', 1000));
    await apply(r.id, bola, draft('Choir', 900));
    expect(await openVote(steward, r.id, { closesAt: AFTER_CLOSE + 24 * HOUR }, AFTER_CLOSE)).toBe('ok');
    expect(await castFundVote(rev1, r.id, { approved: [a], token: newFormToken() }, AFTER_CLOSE)).toMatchObject({ ok: true });
    expect(await closeFundVote(steward, r.id, AFTER_CLOSE + 25 * HOUR)).toBe('ok');
    expect(await status(() => withdrawApplication(amal, a, AFTER_CLOSE + 26 * HOUR))).toBe(403);
    expect(await confirmVoteAwards(steward, r.id, AFTER_CLOSE + 27 * HOUR)).toBe('ok');
    expect(await statusOf(a)).toBe('funded');
    // Decided by the members, the applicants are told as after a panel's decision (award letter, feedback).
    const told = await db.selectFrom('notifications').select(['user_id', 'kind']).where('kind', 'in', ['funding.awarded', 'funding.not_funded']).where('user_id', 'in', [amal.id, bola.id]).where('link', 'like', `%${a}%`).execute();
    expect(told).toEqual([{ user_id: amal.id, kind: 'funding.awarded' }]);
    // …and the grant's reports exist from the decision.
    expect((await db.selectFrom('fund_reports').select('kind').where('application_id', '=', a).execute()).length).toBe(2);
  });
});

describe('members’ vote: a co-applicant stepping out once it is open', () => {
  it('is refused, so they cannot then approve their own project', async () => {
    const r = await createRound(steward, round({ decisionMethod: 'members', name: 'Co-applicant audit' }), T0 - HOUR);
    if (!('id' in r)) throw new Error();
    await openRound(steward, r.id, T0 - HOUR);
    const a = await apply(r.id, dede, draft('Joint garden', 1000, { coApplicantIds: [eno.id] }));
    await respondAsCoApplicant(eno, a, true, T0);
    expect(await openVote(steward, r.id, { closesAt: AFTER_CLOSE + 24 * HOUR }, AFTER_CLOSE)).toBe('ok');
    expect(await status(() => respondAsCoApplicant(eno, a, false, AFTER_CLOSE))).toBe(403);
    expect(await castFundVote(eno, r.id, { approved: [a], token: newFormToken() }, AFTER_CLOSE)).toMatchObject({ ok: false, error: 'own-project' });
  });

  it('a host organisation cannot step out either once the vote is open', async () => {
    const hostLead = await makeMember({ name: 'Host of a shortlisted group' });
    const orgId = newId();
    await db
      .insertInto('organisations')
      .values({ id: orgId, slug: `host-${orgId}`, name: 'Shortlist host', description: '', city: 'coventry', legal_form: 'cic', registration_number: null, host_org_id: null, host_org_name: null, year_started: null, website: null, public_listing: 0, created_by: hostLead.id, created_at: T0, updated_at: T0 })
      .execute();
    await db.insertInto('organisation_members').values({ org_id: orgId, user_id: hostLead.id, role: 'lead', created_at: T0 }).execute();
    const r = await createRound(steward, round({ decisionMethod: 'members', name: 'Host audit' }), T0 - HOUR);
    if (!('id' in r)) throw new Error();
    await openRound(steward, r.id, T0 - HOUR);
    const a = await apply(r.id, cai, draft('Hosted group', 1000, { kind: 'group', hostOrgId: orgId }));
    await respondAsHost(hostLead, a, true, T0);
    expect(await openVote(steward, r.id, { closesAt: AFTER_CLOSE + 24 * HOUR }, AFTER_CLOSE)).toBe('ok');
    expect(await status(() => respondAsHost(hostLead, a, false, AFTER_CLOSE))).toBe(403);
    expect((await db.selectFrom('fund_applications').select('host_status').where('id', '=', a).executeTakeFirstOrThrow()).host_status).toBe('accepted');
  });
});

describe('a steward who applied in the round', () => {
  it('neither sees its ranking or pitch screen nor confirms its awards; another steward does', async () => {
    const applyingSteward = await makeMember({ role: 'steward', name: 'Steward who applied' });
    const r = await createRound(steward, round({ name: 'Steward applies', panel: [rev1.id] }), T0 - HOUR);
    if (!('id' in r)) throw new Error();
    await openRound(steward, r.id, T0 - HOUR);
    const own = await apply(r.id, applyingSteward, draft('Steward project', 1000));
    expect(await openReview(steward, r.id, AFTER_CLOSE)).toBe('ok');
    expect(await submitScores(rev1, own, { c1: { score: 3, comment: 'Fine' } }, AFTER_CLOSE)).toEqual({ ok: true });
    expect(await status(() => ranking(applyingSteward, r.id, AFTER_CLOSE))).toBe(403);
    expect(await status(() => confirmAwards(applyingSteward, r.id, AFTER_CLOSE))).toBe(403);
    expect(await db.selectFrom('fund_awards').select('application_id').where('round_id', '=', r.id).execute()).toEqual([]);
    expect((await ranking(steward, r.id, AFTER_CLOSE)).rows.map((x) => x.id)).toEqual([own]);
    // Nor the pitch-day screen with every pitch's spread of scores, their own among them.
    expect(await status(() => pitchDay(applyingSteward, r.id, AFTER_CLOSE))).toBe(403);
    expect(await status(() => setUpPitchDay(applyingSteward, r.id, AFTER_CLOSE))).toBe(403);
    expect(await status(() => pitchDay(steward, r.id, AFTER_CLOSE))).toBe('ok');
  });
});
