import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { newId } from '~/modules/auth/tokens.server';
import { acceptNote } from '~/modules/membership/note-upload.server';
import { tmpDir } from '~/modules/uploads/uploads.server';
import { can } from '~/policies';
import { counts, loadApplication, respondAsCoApplicant, respondAsHost, saveApplication, startApplication, withdrawApplication, type DraftInput } from './applications.server';
import { createRound, getRound, listRounds, livedExperience, openRound, setLivedExperience, type RoundInput } from './rounds.server';

const HOUR = 3_600_000;
type Who = Awaited<ReturnType<typeof makeMember>>;
let steward: Who, amal: Who, bogdan: Who, reviewer: Who, stranger: Who;

function roundInput(over: Partial<RoundInput> = {}): RoundInput {
  const now = Date.now();
  return {
    name: 'Seed fund spring',
    description: 'Small grants for new migrant-led projects.',
    pot: 10_000,
    minGrant: 500,
    maxGrant: 3_000,
    themes: ['health'],
    cities: ['coventry'],
    eligibility: [{ text: 'Do you live in the West Midlands?', qualifies: true, explanation: 'This fund is for the West Midlands only; the noticeboard lists others.' }],
    questions: [{ text: 'What will you do?', wordLimit: 50 }, { text: 'Who will it help?', wordLimit: 50 }],
    criteria: [{ label: 'Need', weight: 2 }, { label: 'Plan', weight: 1 }],
    decisionMethod: 'panel',
    allowPartial: false,
    minLivedExperience: 1,
    opensAt: now - HOUR,
    closesAt: now + 48 * HOUR,
    panel: [],
    ...over,
  };
}

function draft(over: Partial<DraftInput> = {}): DraftInput {
  return {
    title: 'Women’s walking group',
    summary: 'Weekly walks and health talks in Coventry.',
    amount: 2_000,
    budgetLines: [{ label: 'Venue', amount: 1_200 }, { label: 'Interpreters', amount: 800 }],
    themes: ['health'],
    kind: 'member',
    orgId: null,
    hostOrgId: null,
    coApplicantIds: [],
    answers: { q1: 'Walk together every Saturday.', q2: 'Newly arrived women.' },
    media: {},
    removeMedia: [],
    ...over,
  };
}

async function openedRound(over: Partial<RoundInput> = {}) {
  const r = await createRound(steward, roundInput({ panel: [reviewer.id], ...over }));
  if (!('id' in r)) throw new Error('round not created');
  expect(await openRound(steward, r.id)).toBe('ok');
  return r.id;
}

async function status(fn: () => Promise<unknown>): Promise<number | 'ok'> {
  try {
    await fn();
    return 'ok';
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

beforeAll(async () => {
  steward = await makeMember({ role: 'steward', name: 'Steward' });
  amal = await makeMember({ name: 'Amal' });
  bogdan = await makeMember({ name: 'Bogdan' });
  reviewer = await makeMember({ name: 'Rev' });
  stranger = await makeMember({ name: 'Stranger' });
});

describe('rounds', () => {
  it('only stewards create rounds (403, nothing written)', async () => {
    expect(await status(() => createRound(amal, roundInput()))).toBe(403);
    expect(await db.selectFrom('fund_rounds').select('id').where('created_by', '=', amal.id).execute()).toEqual([]);
  });

  it('refuses a round whose limits make no sense', async () => {
    expect(await createRound(steward, roundInput({ minGrant: 5_000, maxGrant: 3_000 }))).toEqual({ problems: ['min-above-max'] });
    const nine = Array.from({ length: 9 }, (_, i) => ({ text: `Q${i}`, wordLimit: 10 }));
    expect(await createRound(steward, roundInput({ questions: nine }))).toEqual({ problems: ['too-many-questions'] });
  });

  it('members do not see a draft round; they see it once open, with the funding call linked both ways', async () => {
    const r = await createRound(steward, roundInput({ name: 'Linked round' }));
    if (!('id' in r)) throw new Error();
    expect(await getRound(amal, r.id)).toBeNull();
    expect((await listRounds(amal)).map((x) => x.id)).not.toContain(r.id);
    expect(await status(() => openRound(amal, r.id))).toBe(404);
    expect(await openRound(steward, r.id)).toBe('ok');
    const round = await getRound(amal, r.id);
    expect(round?.status).toBe('open');
    const notice = await db.selectFrom('notices').selectAll().where('id', '=', round!.noticeId!).executeTakeFirstOrThrow();
    expect(notice.type).toBe('funding');
    expect(JSON.parse(notice.details).link).toBe(`http://nomi.test/funds/${r.id}`);
    expect(await openRound(steward, r.id)).toBe('not-draft');
  });

  it('counts lived experience on the panel against the minimum', async () => {
    const id = await openedRound({ minLivedExperience: 1 });
    expect((await livedExperience({ id, minLivedExperience: 1 })).met).toBe(false);
    await setLivedExperience(reviewer, true);
    expect(await livedExperience({ id, minLivedExperience: 1 })).toMatchObject({ count: 1, met: true });
    await setLivedExperience(reviewer, false);
  });
});

describe('applying', () => {
  it('explains ineligibility kindly before anyone applies, and writes nothing', async () => {
    const id = await openedRound();
    const r = await startApplication(amal, id, { e1: false });
    expect(r).toEqual({ screening: { status: 'not-eligible', reasons: [{ questionId: 'e1', explanation: expect.stringContaining('West Midlands only') }] } });
    expect(await db.selectFrom('fund_applications').select('id').where('round_id', '=', id).execute()).toEqual([]);
  });

  it('saves a draft that survives a reload, then submits it', async () => {
    const id = await openedRound();
    const started = await startApplication(amal, id, { e1: true });
    if (!('id' in started)) throw new Error();
    expect(await saveApplication(amal, started.id, draft({ amount: null, answers: { q1: 'half written' } }), { submit: false })).toEqual({ ok: true, status: 'draft' });
    const { app } = await loadApplication(amal, started.id);
    expect(app.answers.q1.text).toBe('half written');
    expect(app.status).toBe('draft');
    expect(await saveApplication(amal, started.id, draft(), { submit: true })).toEqual({ ok: true, status: 'submitted' });
  });

  it('applying twice to the same round finds the first application', async () => {
    const id = await openedRound();
    const a = await startApplication(bogdan, id, { e1: true });
    const b = await startApplication(bogdan, id, { e1: true });
    expect(a).toEqual(b);
    expect((await db.selectFrom('fund_applications').select('id').where('round_id', '=', id).where('lead_id', '=', bogdan.id).execute()).length).toBe(1);
  });

  it('refuses an amount above the maximum or the pot, and lines that do not add up — nothing saved', async () => {
    const id = await openedRound();
    const s = await startApplication(amal, id, { e1: true });
    if (!('id' in s)) throw new Error();
    const above = await saveApplication(amal, s.id, draft({ amount: 3_500, budgetLines: [{ label: 'All', amount: 3_500 }] }), { submit: true });
    expect(above).toEqual({ ok: false, problems: [{ field: 'amount', error: 'amount-above-max' }] });
    const pot = await saveApplication(amal, s.id, draft({ amount: 12_000, budgetLines: [{ label: 'All', amount: 12_000 }] }), { submit: true });
    expect(pot).toMatchObject({ ok: false, problems: [{ field: 'amount', error: 'amount-above-pot' }] });
    const lines = await saveApplication(amal, s.id, draft({ budgetLines: [{ label: 'Venue', amount: 1_000 }] }), { submit: true });
    expect(lines).toMatchObject({ ok: false, problems: [{ field: 'lines', error: 'lines-do-not-add-up' }] });
    const { app } = await loadApplication(amal, s.id);
    expect(app.status).toBe('draft');
    expect(app.amount).toBeNull();
  });

  it('refuses answers over the word limit', async () => {
    const id = await openedRound();
    const s = await startApplication(amal, id, { e1: true });
    if (!('id' in s)) throw new Error();
    const long = Array(60).fill('word').join(' ');
    expect(await saveApplication(amal, s.id, draft({ answers: { q1: long, q2: 'ok' } }), { submit: true })).toEqual({ ok: false, problems: [{ field: 'answer.q1', error: 'too-many-words' }] });
  });

  it('refuses to apply after the close (403) and to edit after the close', async () => {
    const id = await openedRound();
    const s = await startApplication(amal, id, { e1: true });
    if (!('id' in s)) throw new Error();
    const later = Date.now() + 49 * HOUR;
    expect(await status(() => startApplication(bogdan, id, { e1: true }, later))).toBe(403);
    expect(await status(() => saveApplication(amal, s.id, draft(), { submit: true }, later))).toBe(403);
  });

  it('someone else’s application is a 404, as if it did not exist; a reviewer sees it only once submitted and closed', async () => {
    const id = await openedRound();
    const s = await startApplication(amal, id, { e1: true });
    if (!('id' in s)) throw new Error();
    expect(await status(() => loadApplication(stranger, s.id))).toBe(404);
    expect(await status(() => loadApplication(reviewer, s.id))).toBe(404); // a draft is the applicant's own
    expect(await status(() => loadApplication(steward, s.id))).toBe(404);
    expect(await status(() => saveApplication(stranger, s.id, draft(), { submit: true }))).toBe(404);
    await saveApplication(amal, s.id, draft(), { submit: true });
    // While the round takes applications the panel does not read them (fund-audit: a panel member may apply too).
    expect(await status(() => loadApplication(reviewer, s.id))).toBe(404);
    expect(await status(() => loadApplication(reviewer, s.id, Date.now() + 30 * 86_400_000))).toBe('ok');
    expect(await status(() => loadApplication(steward, s.id))).toBe('ok');
    expect(await status(() => loadApplication(stranger, s.id))).toBe(404);
    expect(await status(() => loadApplication(amal, `${s.id}x`))).toBe(404);
    // Reviewers' names never reach the applicant.
    const { subject } = await loadApplication(amal, s.id);
    expect(can(amal, 'fundApplication.seeReviews', subject)).toBe(false);
    // A reviewer may not edit it (while open they do not see it; after the close nobody edits).
    expect(await status(() => saveApplication(reviewer, s.id, draft(), { submit: true }))).toBe(404);
  });

  it('withdraws', async () => {
    const id = await openedRound();
    const s = await startApplication(amal, id, { e1: true });
    if (!('id' in s)) throw new Error();
    expect(await status(() => withdrawApplication(bogdan, s.id))).toBe(404);
    await withdrawApplication(amal, s.id);
    expect((await loadApplication(amal, s.id)).app.status).toBe('withdrawn');
    expect(await status(() => withdrawApplication(amal, s.id))).toBe(403);
  });
});

describe('joint applications and host organisations', () => {
  it('co-applicants confirm; the application counts only once they have', async () => {
    const id = await openedRound();
    const s = await startApplication(amal, id, { e1: true });
    if (!('id' in s)) throw new Error();
    await saveApplication(amal, s.id, draft({ coApplicantIds: [bogdan.id] }), { submit: true });
    let { app } = await loadApplication(bogdan, s.id);
    expect(counts(app)).toEqual({ counts: false, waitingFor: ['co-applicants'] });
    expect(await status(() => respondAsCoApplicant(stranger, s.id, true))).toBe(404);
    await respondAsCoApplicant(bogdan, s.id, true);
    ({ app } = await loadApplication(amal, s.id));
    expect(counts(app).counts).toBe(true);
  });

  it('a group’s application does not count until its host organisation accepts', async () => {
    const hostLead = await makeMember({ name: 'Host lead' });
    const orgId = newId();
    const now = Date.now();
    await db
      .insertInto('organisations')
      .values({ id: orgId, slug: `host-${orgId}`, name: 'Host CIC', description: '', city: 'coventry', legal_form: 'cic', registration_number: null, host_org_id: null, host_org_name: null, year_started: null, website: null, public_listing: 0, created_by: hostLead.id, created_at: now, updated_at: now })
      .execute();
    await db.insertInto('organisation_members').values({ org_id: orgId, user_id: hostLead.id, role: 'lead', created_at: now }).execute();
    const id = await openedRound();
    const s = await startApplication(amal, id, { e1: true });
    if (!('id' in s)) throw new Error();
    expect(await saveApplication(amal, s.id, draft({ kind: 'group' }), { submit: true })).toEqual({ ok: false, problems: [{ field: 'hostOrgId', error: 'host-required' }] });
    await saveApplication(amal, s.id, draft({ kind: 'group', hostOrgId: orgId }), { submit: true });
    expect(counts((await loadApplication(amal, s.id)).app)).toEqual({ counts: false, waitingFor: ['host'] });
    expect(await status(() => respondAsHost(stranger, s.id, true))).toBe(404);
    await respondAsHost(hostLead, s.id, true);
    expect(counts((await loadApplication(amal, s.id)).app).counts).toBe(true);
  });
});

describe('recorded answers', () => {
  it('refuses a disguised executable as a voice answer', async () => {
    fs.mkdirSync(tmpDir(), { recursive: true });
    const tmp = path.join(tmpDir(), newId());
    // An ELF executable renamed to look like a recording.
    fs.writeFileSync(tmp, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4096)]));
    const r = await acceptNote(`upload:${tmp}`);
    expect(r.note).toBeNull();
    expect(r.problem).toBe('wrongType');
    expect(fs.existsSync(tmp)).toBe(false);
  });
});
