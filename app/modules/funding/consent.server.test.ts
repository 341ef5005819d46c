/**
 * Issue 14.3: an unincorporated group's host organisation must accept before the application counts,
 * co-applicants confirm, and each side is told. Bad input from the issue: "a host organisation that has
 * not accepted" — such an application is kept out of the panel's list and the ranking.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { newId } from '~/modules/auth/tokens.server';
import { counts, loadApplication, respondAsCoApplicant, saveApplication, startApplication, withdrawApplication, type DraftInput } from './applications.server';
import { consentState, hostRequestsFor, hostView, respondAsHost } from './consent.server';
import { createRound, openRound, setLivedExperience } from './rounds.server';
import { openReview, ranking, reviewList } from './panel.server';

const HOUR = 3_600_000;
type Who = Awaited<ReturnType<typeof makeMember>>;
let steward: Who, lead: Who, partner: Who, hostLead: Who, hostMember: Who, reviewer: Who, stranger: Who, solo: Who;
let orgId = '';
let roundId = '';
const AFTER_CLOSE = Date.now() + 3 * HOUR;

async function status(fn: () => Promise<unknown>): Promise<number | 'ok'> {
  try {
    await fn();
    return 'ok';
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

const draft = (over: Partial<DraftInput> = {}): DraftInput => ({
  title: 'Coventry sewing circle',
  summary: 'Sewing and English for new arrivals.',
  amount: 1500,
  budgetLines: [{ label: 'Machines', amount: 1500 }],
  themes: [],
  kind: 'member',
  orgId: null,
  hostOrgId: null,
  coApplicantIds: [],
  answers: { q1: 'PRIVATE-ANSWER sew together weekly.' },
  media: {},
  removeMedia: [],
  ...over,
});

async function notes(userId: string) {
  return db.selectFrom('notifications').select(['kind', 'link', 'params']).where('user_id', '=', userId).execute();
}

async function apply(who: Who, over: Partial<DraftInput>) {
  const s = await startApplication(who, roundId, {});
  if (!('id' in s)) throw new Error('not started');
  const r = await saveApplication(who, s.id, draft(over), { submit: true });
  expect(r).toEqual({ ok: true, status: 'submitted' });
  return s.id;
}

beforeAll(async () => {
  steward = await makeMember({ role: 'steward' });
  lead = await makeMember({ name: 'Group lead' });
  partner = await makeMember({ name: 'Partner Parwin' });
  hostLead = await makeMember({ name: 'Host lead' });
  hostMember = await makeMember({ name: 'Host member' });
  reviewer = await makeMember({ name: 'Reviewer' });
  stranger = await makeMember({ name: 'Stranger' });
  solo = await makeMember({ name: 'Solo applicant' });
  await setLivedExperience(reviewer, true);
  const now = Date.now();
  orgId = newId();
  await db
    .insertInto('organisations')
    .values({ id: orgId, slug: `host-${orgId}`, name: 'Foleshill Community CIC', description: '', city: 'coventry', legal_form: 'cic', registration_number: null, host_org_id: null, host_org_name: null, year_started: null, website: null, public_listing: 0, created_by: hostLead.id, created_at: now, updated_at: now })
    .execute();
  await db.insertInto('organisation_members').values({ org_id: orgId, user_id: hostLead.id, role: 'lead', created_at: now }).execute();
  await db.insertInto('organisation_members').values({ org_id: orgId, user_id: hostMember.id, role: 'member', created_at: now }).execute();
  const r = await createRound(steward, {
    name: 'Host round',
    description: 'd',
    pot: 10_000,
    minGrant: 500,
    maxGrant: 3000,
    themes: [],
    cities: [],
    eligibility: [],
    questions: [{ text: 'What?', wordLimit: 50 }],
    criteria: [{ label: 'Need', weight: 1 }],
    decisionMethod: 'panel',
    allowPartial: false,
    minLivedExperience: 1,
    opensAt: now - HOUR,
    closesAt: now + 2 * HOUR,
    panel: [reviewer.id],
  });
  if (!('id' in r)) throw new Error();
  roundId = r.id;
  await openRound(steward, roundId);
});

describe('host organisation', () => {
  let appId = '';

  it('is asked when the group submits, and sees the summary but never the answers', async () => {
    appId = await apply(lead, { kind: 'group', hostOrgId: orgId });
    for (const u of [hostLead, hostMember]) expect(await notes(u.id)).toContainEqual({ kind: 'funding.host_request', link: `/funds/host/${appId}`, params: JSON.stringify({ round: 'Host round' }) });
    const { view, abilities } = await hostView(hostMember, appId);
    expect(view).toMatchObject({ title: 'Coventry sewing circle', leadName: 'Group lead', orgName: 'Foleshill Community CIC', hostStatus: 'pending', amount: 1500 });
    expect(JSON.stringify(view)).not.toContain('PRIVATE-ANSWER');
    expect(abilities['fundHost.respond']).toBe(true);
    expect(await hostRequestsFor(hostMember)).toEqual([{ id: appId, title: 'Coventry sewing circle', orgName: 'Foleshill Community CIC', roundName: 'Host round' }]);
    expect(await hostRequestsFor(stranger)).toEqual([]);
    expect((await consentState((await loadApplication(lead, appId)).app)).host).toEqual({ name: 'Foleshill Community CIC', status: 'pending' });
  });

  it('refuses everyone outside the organisation with a 404, even the lead applicant and a steward', async () => {
    for (const who of [stranger, lead, steward, reviewer]) {
      expect(await status(() => hostView(who, appId))).toBe(404);
      expect(await status(() => respondAsHost(who, appId, true))).toBe(404);
    }
    expect((await loadApplication(lead, appId)).app.hostStatus).toBe('pending');
  });

  it('bad input: a submitted application whose host has not accepted does not count — not reviewed, not ranked', async () => {
    const soloId = await apply(solo, {});
    expect(counts((await loadApplication(lead, appId)).app)).toEqual({ counts: false, waitingFor: ['host'] });
    expect(await openReview(steward, roundId, AFTER_CLOSE)).toBe('ok');
    const list = await reviewList(reviewer, roundId, AFTER_CLOSE);
    expect(list.rows.map((r) => r.id)).toEqual([soloId]);
    expect((await ranking(steward, roundId, AFTER_CLOSE)).rows.map((r) => r.id)).toEqual([soloId]);
  });

  it('counts once a member of the host organisation accepts; the lead is told', async () => {
    await respondAsHost(hostMember, appId, true);
    expect(counts((await loadApplication(lead, appId)).app).counts).toBe(true);
    expect(await notes(lead.id)).toContainEqual({ kind: 'funding.host_accepted', link: `/funds/applications/${appId}`, params: JSON.stringify({ org: 'Foleshill Community CIC' }) });
    expect((await reviewList(reviewer, roundId, AFTER_CLOSE)).rows.map((r) => r.id)).toContain(appId);
    expect((await hostView(hostLead, appId)).view.hostStatus).toBe('accepted');
    expect(await hostRequestsFor(hostLead)).toEqual([]);
  });
});

describe('declining, and answering what is no longer in', () => {
  it('a declined host leaves the application waiting; a withdrawn one cannot be answered (403)', async () => {
    const now = Date.now();
    const r = await createRound(steward, {
      name: 'Second round', description: 'd', pot: 5000, minGrant: 500, maxGrant: 3000, themes: [], cities: [], eligibility: [],
      questions: [{ text: 'What?', wordLimit: 50 }], criteria: [{ label: 'Need', weight: 1 }], decisionMethod: 'panel', allowPartial: false,
      minLivedExperience: 1, opensAt: now - HOUR, closesAt: now + 2 * HOUR, panel: [reviewer.id],
    });
    if (!('id' in r)) throw new Error();
    await openRound(steward, r.id);
    const s = await startApplication(lead, r.id, {});
    if (!('id' in s)) throw new Error();
    // A draft is not shown to the host at all.
    await saveApplication(lead, s.id, draft({ kind: 'group', hostOrgId: orgId }), { submit: false });
    expect(await status(() => hostView(hostLead, s.id))).toBe(404);
    await saveApplication(lead, s.id, draft({ kind: 'group', hostOrgId: orgId }), { submit: true });
    await respondAsHost(hostLead, s.id, false);
    const { app } = await loadApplication(lead, s.id);
    expect(counts(app)).toEqual({ counts: false, waitingFor: ['host'] });
    expect((await consentState(app)).host?.status).toBe('declined');
    expect(await notes(lead.id)).toContainEqual(expect.objectContaining({ kind: 'funding.host_declined' }));
    await withdrawApplication(lead, s.id);
    expect(await status(() => respondAsHost(hostLead, s.id, true))).toBe(403);
    expect((await loadApplication(lead, s.id)).app.hostStatus).toBe('declined');
  });
});

describe('co-applicants', () => {
  it('are told when named, confirm, and the lead is told', async () => {
    const now = Date.now();
    const r = await createRound(steward, {
      name: 'Joint round', description: 'd', pot: 5000, minGrant: 500, maxGrant: 3000, themes: [], cities: [], eligibility: [],
      questions: [{ text: 'What?', wordLimit: 50 }], criteria: [{ label: 'Need', weight: 1 }], decisionMethod: 'panel', allowPartial: false,
      minLivedExperience: 1, opensAt: now - HOUR, closesAt: now + 2 * HOUR, panel: [reviewer.id],
    });
    if (!('id' in r)) throw new Error();
    await openRound(steward, r.id);
    const s = await startApplication(solo, r.id, {});
    if (!('id' in s)) throw new Error();
    await saveApplication(solo, s.id, draft({ coApplicantIds: [partner.id] }), { submit: false });
    expect(await notes(partner.id)).toContainEqual({ kind: 'funding.co_applicant_request', link: `/funds/applications/${s.id}`, params: JSON.stringify({ round: 'Joint round' }) });
    // Saving again does not ask again.
    await saveApplication(solo, s.id, draft({ coApplicantIds: [partner.id] }), { submit: true });
    expect((await notes(partner.id)).filter((n) => n.kind === 'funding.co_applicant_request')).toHaveLength(1);
    expect(counts((await loadApplication(solo, s.id)).app).waitingFor).toEqual(['co-applicants']);
    expect(await status(() => respondAsCoApplicant(stranger, s.id, true))).toBe(404);
    await respondAsCoApplicant(partner, s.id, true);
    expect(await notes(solo.id)).toContainEqual({ kind: 'funding.co_applicant_confirmed', link: `/funds/applications/${s.id}`, params: JSON.stringify({ name: 'Partner Parwin' }) });
    const { app } = await loadApplication(solo, s.id);
    expect(counts(app).counts).toBe(true);
    expect((await consentState(app)).coApplicants).toEqual([{ name: 'Partner Parwin', status: 'accepted' }]);
  });
});
