import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { db } from '../db/connection';
import { createRound, openRound, setLivedExperience } from '../app/modules/funding/rounds.server';
import { saveApplication, startApplication } from '../app/modules/funding/applications.server';
import { confirmAwards, openReview } from '../app/modules/funding/panel.server';
import { submitScores } from '../app/modules/funding/reviews.server';
import { STEWARD, baseUrl, createMember, expectAccessible, hydrates, signInAs, userIdOf, visit } from './support';

const DAY = 24 * 60 * 60_000;
const PHONE = { width: 360, height: 740 };

async function openRoundAsSteward(name: string) {
  const stewardId = await userIdOf(STEWARD.email);
  const steward = { id: stewardId, role: 'steward' as const };
  const r = await createRound(steward, {
    name,
    description: 'Small grants for new migrant-led projects in the three cities.',
    pot: 10_000,
    minGrant: 500,
    maxGrant: 3_000,
    themes: ['health'],
    cities: ['coventry'],
    eligibility: [{ text: 'Do you live in the West Midlands?', qualifies: true, explanation: 'This fund is for the West Midlands only.' }],
    questions: [{ text: 'What will you do?', wordLimit: 50 }],
    criteria: [{ label: 'Need', weight: 1 }],
    decisionMethod: 'panel',
    allowPartial: false,
    minLivedExperience: 1,
    opensAt: Date.now() - DAY,
    closesAt: Date.now() + 10 * DAY,
    panel: [],
  });
  if (!('id' in r)) throw new Error('round not created');
  await openRound(steward, r.id);
  return r.id;
}

test('a member checks eligibility, drafts, fixes a budget that does not add up and submits from a 360 px phone', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(PHONE);
  const name = `Spring seeds ${Date.now()}`;
  const roundId = await openRoundAsSteward(name);
  const member = await createMember({ name: 'Amal Applicant' });
  await signInAs(page, member.id);

  await visit(page, '/funds');
  await expect(page.getByRole('link', { name })).toBeVisible();
  await expectAccessible(page);

  await visit(page, `/funds/${roundId}`);
  await expectAccessible(page);
  // A "no" is explained before any time is spent applying.
  await page.getByRole('radio', { name: 'No' }).check();
  await page.getByRole('button', { name: 'Start my application' }).click();
  await expect(page.getByRole('alert')).toContainText('This fund is for the West Midlands only.');
  await page.getByRole('radio', { name: 'Yes' }).check();
  await page.getByRole('button', { name: 'Start my application' }).click();
  await expect(page).toHaveURL(/\/funds\/applications\//);
  await expect(page.locator('.fund-status')).toContainText('Draft');
  await expectAccessible(page);

  await page.getByLabel('Name of your project').fill('Walking group');
  await page.getByLabel('Your written answer').fill('Walk together every Saturday.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Draft saved.')).toBeVisible();
  // The draft survives a reload.
  await page.reload();
  await expect(page.getByLabel('Name of your project')).toHaveValue('Walking group');

  await page.getByLabel('Public summary').fill('Weekly walks and health talks.');
  await page.getByLabel('Amount you ask for (pounds)').fill('2000');
  await page.getByLabel('Budget line 1', { exact: true }).fill('Venue');
  await page.getByLabel('Amount for line 1 (pounds)').fill('1500');
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByText('The budget lines do not add up to the amount you ask for').first()).toBeVisible();
  // What was typed is kept.
  await expect(page.getByLabel('Public summary')).toHaveValue('Weekly walks and health talks.');
  await expectAccessible(page);
  await page.getByLabel('Budget line 2', { exact: true }).fill('Interpreters');
  await page.getByLabel('Amount for line 2 (pounds)').fill('500');
  await page.getByLabel('Amount for line 1 (pounds)').fill('1500');
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByText('Your application is submitted.')).toBeVisible();
  await expect(page.locator('.fund-status')).toContainText('Submitted');
  const url = page.url();

  // Someone else's application by URL: 404, as if it did not exist.
  const other = await createMember({ name: 'Nosy Member' });
  const ctx = await browser.newContext();
  const nosy = await ctx.newPage();
  await signInAs(nosy, other.id);
  const res = await nosy.goto(url);
  expect(res?.status()).toBe(404);
  await expect(nosy.getByText('Walking group')).toHaveCount(0);
  await ctx.close();
});

test('a member cannot see a draft round or the steward form', async ({ page }) => {
  const member = await createMember({ name: 'Curious Member' });
  await signInAs(page, member.id);
  const res = await page.goto('/funds/new');
  expect(res?.status()).toBe(403);
});

test('a reviewer declares a conflict, another scores, a steward confirms the panel awards and the applicants see the outcome (360 px, no JS)', async ({ browser }) => {
  test.setTimeout(180_000);
  const now = Date.now();
  const stewardId = await userIdOf(STEWARD.email);
  const steward = { id: stewardId, role: 'steward' as const };
  const [conflicted, scorer, funded, unfunded] = [
    await createMember({ name: 'Rania Reviewer' }),
    await createMember({ name: 'Bogdan Reviewer' }),
    await createMember({ name: 'Fatima Funded' }),
    await createMember({ name: 'Nadia Unfunded' }),
  ];
  const r = await createRound(
    steward,
    {
      name: `Winter seeds ${now}`,
      description: 'Small grants for the winter.',
      pot: 1_500,
      minGrant: 500,
      maxGrant: 1_000,
      themes: [],
      cities: [],
      eligibility: [],
      questions: [{ text: 'What will you do?', wordLimit: 50 }],
      criteria: [{ label: 'Need', weight: 1 }],
      decisionMethod: 'panel',
      allowPartial: false,
      minLivedExperience: 2,
      opensAt: now - 3 * DAY,
      closesAt: now - 60_000,
      panel: [conflicted.id, scorer.id],
    },
    now - 3 * DAY,
  );
  if (!('id' in r)) throw new Error('round not created');
  await openRound(steward, r.id, now - 2 * DAY);
  const appIds: string[] = [];
  for (const [who, title] of [[funded, 'Night shelter cooking'], [unfunded, 'Winter coats swap']] as const) {
    const actor = { id: who.id, role: 'member' as const };
    const s = await startApplication(actor, r.id, {}, now - DAY);
    if (!('id' in s)) throw new Error('not started');
    appIds.push(s.id);
    const saved = await saveApplication(actor, s.id, { title, summary: 'For the winter.', amount: 1_000, budgetLines: [{ label: 'Food', amount: 1_000 }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: 'Cook together.' }, media: {}, removeMedia: [] }, { submit: true }, now - DAY);
    if (!saved.ok) throw new Error('not submitted');
  }
  await setLivedExperience({ id: scorer.id, role: 'member' }, true);

  // axe runs in the page, so it needs JavaScript: the forms are driven with it off (Rania) or on
  // pages that ship no scripts at all (checked with hydrates()), which is the same thing for the page.
  const as = async (userId: string, javaScriptEnabled = true) => {
    const ctx = await browser.newContext({ viewport: PHONE, javaScriptEnabled });
    const page = await ctx.newPage();
    await signInAs(page, userId);
    return { ctx, page };
  };

  // The steward cannot open review while the panel has fewer members with lived experience than required.
  const st = await as(stewardId);
  await visit(st.page, `/funds/${r.id}`);
  expect(await hydrates(st.page)).toBe(false);
  await expectAccessible(st.page);
  await st.page.getByRole('button', { name: 'Open review' }).click();
  await expect(st.page.getByText('Review cannot open: the panel does not yet have enough members').first()).toBeVisible();
  await setLivedExperience({ id: conflicted.id, role: 'member' }, true);
  await st.page.getByRole('button', { name: 'Open review' }).click();
  await expect(st.page.getByText('Review is open.')).toBeVisible();

  // Rania knows the first applicant: she declares a conflict and is out of scoring it.
  const rv1 = await as(conflicted.id, false);
  await rv1.page.goto(`/funds/${r.id}/review`);
  await rv1.page.getByRole('link', { name: 'Night shelter cooking' }).click();
  await expect(rv1.page.getByRole('heading', { name: 'Your scores' })).toBeVisible();
  await rv1.page.getByLabel('Explanation (optional when you declare)').fill('She is my neighbour.');
  await rv1.page.getByRole('button', { name: 'Declare a conflict and stop scoring' }).click();
  await expect(rv1.page.getByText('Your conflict of interest is recorded.')).toBeVisible();
  await expect(rv1.page.getByRole('button', { name: 'Send my scores' })).toHaveCount(0);
  // A hand-made POST of scores anyway: 403, and nothing stored.
  const sneaky = await rv1.page.request.post(`/funds/applications/${appIds[0]}/review`, { form: { intent: 'score', 'score.c1': '5', 'comment.c1': 'Brilliant' }, headers: { Origin: baseUrl() } });
  expect(sneaky.status()).toBe(403);
  expect(await db.selectFrom('fund_scores').select('score').where('reviewer_id', '=', conflicted.id).execute()).toEqual([]);
  await rv1.ctx.close();

  // Bogdan scores both; a score without a comment is refused next to the field, with the choice kept.
  const rv2 = await as(scorer.id);
  await visit(rv2.page, `/funds/${r.id}/review`);
  expect(await hydrates(rv2.page)).toBe(false);
  await expectAccessible(rv2.page);
  for (const [i, [score, comment]] of [['5', 'Clear need, a good plan for the cold months.'], ['2', 'The swap already runs at the library; say what is new.']].entries()) {
    await visit(rv2.page, `/funds/applications/${appIds[i]}/review`);
    expect(await hydrates(rv2.page)).toBe(false);
    await expect(rv2.page.getByText("You will see the other reviewers' scores after you send your own.")).toBeVisible();
    await rv2.page.getByRole('radio', { name: score === '5' ? '5 — excellent' : '2 — weak' }).check();
    if (i === 0) {
      await rv2.page.getByRole('button', { name: 'Send my scores' }).click();
      await expect(rv2.page.getByText('Please write a short comment')).toBeVisible();
      await expect(rv2.page.getByRole('radio', { name: '5 — excellent' })).toBeChecked();
      await expectAccessible(rv2.page);
    }
    await rv2.page.getByLabel('Your comment on “Need”').fill(comment);
    await rv2.page.getByRole('button', { name: 'Send my scores' }).click();
    await expect(rv2.page.getByText('Your scores are saved.')).toBeVisible();
  }
  await rv2.ctx.close();

  // The steward sees the ranking, confirms, and the awards are recorded.
  await visit(st.page, `/funds/${r.id}/decide`);
  await expectAccessible(st.page);
  await expect(st.page.getByRole('listitem').filter({ hasText: 'Night shelter cooking' })).toContainText('Funded:');
  await expect(st.page.getByRole('listitem').filter({ hasText: 'Winter coats swap' })).toContainText('Not funded: the pot is spent');
  await st.page.getByRole('button', { name: 'Confirm the awards' }).click();
  await expect(st.page.getByText('The awards are confirmed')).toBeVisible();
  await st.ctx.close();
  expect(await db.selectFrom('fund_awards').select(['application_id', 'amount']).where('round_id', '=', r.id).execute()).toEqual([{ application_id: appIds[0], amount: 1_000 }]);

  // The applicants see the outcome and the panel's comments, never a reviewer's name.
  const a1 = await as(funded.id);
  await visit(a1.page, `/funds/applications/${appIds[0]}`);
  await expect(a1.page.getByRole('heading', { name: 'Your project is funded' })).toBeVisible();
  await expect(a1.page.getByText('Clear need, a good plan for the cold months.')).toBeVisible();
  await expectAccessible(a1.page);
  await a1.ctx.close();
  const a2 = await as(unfunded.id);
  await visit(a2.page, `/funds/applications/${appIds[1]}`);
  await expect(a2.page.getByRole('heading', { name: 'Not funded this time' })).toBeVisible();
  await expect(a2.page.getByText('The swap already runs at the library; say what is new.')).toBeVisible();
  await expect(a2.page.getByRole('link', { name: 'Find a mentor' })).toHaveAttribute('href', '/members?mentoring=1');
  const text = await a2.page.locator('main').innerText();
  for (const name of ['Bogdan Reviewer', 'Rania Reviewer']) expect(text).not.toContain(name);
  await expectAccessible(a2.page);
  // And the review page stays closed to them.
  expect((await a2.page.goto(`/funds/applications/${appIds[1]}/review`))?.status()).toBe(403);
  await a2.ctx.close();
});

const catalogue = (lng: string) => JSON.parse(fs.readFileSync(path.join('app/locales', lng, 'funding.json'), 'utf8'));

test('the award letter: a funded applicant downloads it in Arabic and English and accepts it without JavaScript; an unfunded one reads feedback in Farsi (360 px)', async ({ browser }) => {
  test.setTimeout(180_000);
  const [ar, fa] = [catalogue('ar'), catalogue('fa')];
  const now = Date.now();
  const stewardId = await userIdOf(STEWARD.email);
  const steward = { id: stewardId, role: 'steward' as const };
  const reviewer = await createMember({ name: 'Rahel Reviewer' });
  const outsider = await createMember({ name: 'Olek Outsider' });
  const funded = await createMember({ name: 'Huda Haddad', locale: 'ar' });
  const unfunded = await createMember({ name: 'Shirin Sadeghi', locale: 'fa' });
  const conditions = `Spend the grant by 31 March ${new Date(now).getFullYear() + 1}.\n\nKeep the receipts for every purchase.`;
  const r = await createRound(
    steward,
    { name: `Letter seeds ${now}`, description: 'Small grants.', pot: 800, minGrant: 100, maxGrant: 800, themes: [], cities: [], eligibility: [], questions: [{ text: 'What will you do?', wordLimit: 50 }], criteria: [{ label: 'Need', weight: 1 }], decisionMethod: 'panel', allowPartial: false, minLivedExperience: 1, opensAt: now - 3 * DAY, closesAt: now - 60_000, panel: [reviewer.id], conditions },
    now - 3 * DAY,
  );
  if (!('id' in r)) throw new Error('round not created');
  await openRound(steward, r.id, now - 2 * DAY);
  const ids: string[] = [];
  for (const [who, title] of [[funded, 'Arabic homework club'], [unfunded, 'Persian poetry evenings']] as const) {
    const actor = { id: who.id, role: 'member' as const };
    const s = await startApplication(actor, r.id, {}, now - DAY);
    if (!('id' in s)) throw new Error('not started');
    ids.push(s.id);
    const saved = await saveApplication(actor, s.id, { title, summary: 'S.', amount: 800, budgetLines: [{ label: 'Room hire', amount: 800 }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: 'Meet weekly.' }, media: {}, removeMedia: [] }, { submit: true }, now - DAY);
    if (!saved.ok) throw new Error('not submitted');
  }
  const rv = { id: reviewer.id, role: 'member' as const };
  await setLivedExperience(rv, true);
  expect(await openReview(steward, r.id)).toBe('ok');
  await submitScores(rv, ids[0]!, { c1: { score: 5, comment: 'Children need this help.' } });
  await submitScores(rv, ids[1]!, { c1: { score: 2, comment: 'Tell us who will come and how you will reach them.' } });
  expect(await confirmAwards(steward, r.id)).toBe('ok');

  const as = async (userId: string | null, javaScriptEnabled = true) => {
    const ctx = await browser.newContext({ viewport: PHONE, javaScriptEnabled, acceptDownloads: true });
    const page = await ctx.newPage();
    if (userId) await signInAs(page, userId);
    return { ctx, page };
  };

  // Huda (Arabic) finds the letter from her outcome and downloads it: Arabic first, then the English copy.
  const lead = await as(funded.id);
  await visit(lead.page, `/funds/applications/${ids[0]}`);
  await expect(lead.page.getByRole('heading', { name: ar.outcome.funded })).toBeVisible();
  await lead.page.getByRole('link', { name: ar.award.link }).click();
  await expect(lead.page.getByRole('heading', { level: 1, name: ar.award.pageTitle })).toBeVisible();
  expect(await hydrates(lead.page)).toBe(false);
  await expect(lead.page.getByText('Keep the receipts for every purchase.')).toBeVisible();
  await expectAccessible(lead.page);
  const [download] = await Promise.all([lead.page.waitForEvent('download'), lead.page.getByRole('link', { name: ar.award.download }).click()]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nomi-letter-')), 'letter.pdf');
  await download.saveAs(file);
  const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f');
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const english = pages.findIndex((p) => p.includes('Award letter (English copy)'));
  expect(english).toBeGreaterThan(0);
  const arabic = pages.slice(0, english).join('\n');
  expect(arabic).toContain('شروط');
  // Poppler wraps the Latin title inside the Arabic sentence across lines; whole Latin paragraphs stay whole.
  expect(arabic).toContain('Huda Haddad');
  expect(arabic).toContain('Keep the receipts for every purchase.');
  const en = pages.slice(english).join('\n').replace(/\s+/g, ' ');
  expect(en).toContain('Dear Huda Haddad,');
  expect(en).toContain('awards your project “Arabic homework club” a grant of £800');
  expect(en).toContain('Keep the receipts for every purchase.');
  expect(en).not.toContain('Rahel');
  await lead.ctx.close();

  // Others: signed out → sign in; another member and the reviewer → 404, for the page and the PDF.
  const anon = await as(null);
  await anon.page.goto(`/funds/applications/${ids[0]}/award`);
  await expect(anon.page).toHaveURL(/\/login/);
  await anon.ctx.close();
  for (const who of [outsider.id, reviewer.id]) {
    const o = await as(who);
    expect((await o.page.goto(`/funds/applications/${ids[0]}/award`))?.status()).toBe(404);
    expect((await o.page.request.get(`/funds/applications/${ids[0]}/award.pdf`)).status()).toBe(404);
    const post = await o.page.request.post(`/funds/applications/${ids[0]}/award`, { form: { intent: 'accept' }, headers: { Origin: baseUrl() } });
    expect(post.status()).toBe(404);
    await o.ctx.close();
  }
  expect((await db.selectFrom('fund_awards').select('accepted_at').where('application_id', '=', ids[0]!).executeTakeFirstOrThrow()).accepted_at).toBeNull();

  // Huda accepts with JavaScript off: recorded with the time; the button is gone.
  const noJs = await as(funded.id, false);
  await noJs.page.goto(`/funds/applications/${ids[0]}/award`);
  await noJs.page.getByRole('button', { name: ar.award.accept }).click();
  await expect(noJs.page.getByText(ar.award.flash.accepted)).toBeVisible();
  await expect(noJs.page.getByRole('button', { name: ar.award.accept })).toHaveCount(0);
  await noJs.ctx.close();
  const row = await db.selectFrom('fund_awards').select(['accepted_at', 'accepted_by']).where('application_id', '=', ids[0]!).executeTakeFirstOrThrow();
  expect(row.accepted_by).toBe(funded.id);
  expect(row.accepted_at).toBeGreaterThan(now);

  // The steward sees who accepted on the round page.
  const st = await as(stewardId);
  await visit(st.page, `/funds/${r.id}`);
  // The round shows its conditions to everyone before they apply, as the letters print them.
  await expect(st.page.getByText('Keep the receipts for every purchase.')).toBeVisible();
  const section = st.page.getByRole('region', { name: 'Award letters' });
  await expect(section.getByRole('listitem').filter({ hasText: 'Arabic homework club' })).toContainText('Accepted on');
  await expectAccessible(st.page);
  await st.ctx.close();

  // Shirin (Farsi) reads her outcome in Farsi: the panel's comment without a name, a mentor, no letter.
  const un = await as(unfunded.id);
  await visit(un.page, `/funds/applications/${ids[1]}`);
  await expect(un.page.getByRole('heading', { name: fa.outcome.notFunded })).toBeVisible();
  await expect(un.page.getByText(fa.outcome.notFundedLead)).toBeVisible();
  await expect(un.page.getByRole('heading', { name: fa.outcome.feedbackTitle })).toBeVisible();
  await expect(un.page.getByText('Tell us who will come and how you will reach them.')).toBeVisible();
  await expect(un.page.getByRole('link', { name: fa.outcome.findMentor })).toBeVisible();
  await expect(un.page.getByRole('link', { name: fa.award.link })).toHaveCount(0);
  expect(await un.page.locator('main').innerText()).not.toContain('Rahel');
  await expectAccessible(un.page);
  expect((await un.page.goto(`/funds/applications/${ids[1]}/award`))?.status()).toBe(404);
  await un.ctx.close();
});

test('applicants find their applications on /funds with the state and the next step; one left waiting for a co-applicant did not count (360 px, no JS)', async ({ browser }) => {
  test.setTimeout(180_000);
  const now = Date.now();
  const stewardId = await userIdOf(STEWARD.email);
  const steward = { id: stewardId, role: 'steward' as const };
  const [reviewer, funded, unfunded, silentPartner, stranger] = [
    await createMember({ name: 'Rosa Reviewer' }),
    await createMember({ name: 'Mina Funded' }),
    await createMember({ name: 'Tomas Unfunded' }),
    await createMember({ name: 'Pavel Partner' }),
    await createMember({ name: 'Sami Stranger' }),
  ];
  const decided = await createRound(
    steward,
    { name: `Mine decided ${now}`, description: 'Small grants.', pot: 800, minGrant: 100, maxGrant: 800, themes: [], cities: [], eligibility: [], questions: [{ text: 'What will you do?', wordLimit: 50 }], criteria: [{ label: 'Need', weight: 1 }], decisionMethod: 'panel', allowPartial: false, minLivedExperience: 0, opensAt: now - 3 * DAY, closesAt: now - 60_000, panel: [reviewer.id] },
    now - 3 * DAY,
  );
  if (!('id' in decided)) throw new Error('round not created');
  await openRound(steward, decided.id, now - 2 * DAY);
  const ids: Record<string, string> = {};
  for (const [who, title] of [[funded, 'Mina’s tea mornings'], [unfunded, 'Tomas’s bike repairs']] as const) {
    const actor = { id: who.id, role: 'member' as const };
    const s = await startApplication(actor, decided.id, {}, now - DAY);
    if (!('id' in s)) throw new Error('not started');
    ids[who.id] = s.id;
    await saveApplication(actor, s.id, { title, summary: 'S', amount: 800, budgetLines: [{ label: 'All', amount: 800 }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: 'Do it.' }, media: {}, removeMedia: [] }, { submit: true }, now - DAY);
  }
  // Tomas also drafts a joint application with Pavel in an open round; Pavel has not confirmed yet.
  const open = await openRoundAsSteward(`Mine open ${now}`);
  const joint = await startApplication({ id: unfunded.id, role: 'member' }, open, { e1: true }, now);
  if (!('id' in joint)) throw new Error('not started');
  await saveApplication({ id: unfunded.id, role: 'member' }, joint.id, { title: 'Tomas and Pavel’s repair café', summary: 'S', amount: 1_000, budgetLines: [{ label: 'Tools', amount: 1_000 }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [silentPartner.id], answers: { q1: 'Fix bikes.' }, media: {}, removeMedia: [] }, { submit: false }, now);
  // Pavel led one in the decided round with Sami as co-applicant; Sami never answered, so it did not count.
  const waiting = await startApplication({ id: silentPartner.id, role: 'member' }, decided.id, {}, now - DAY);
  if (!('id' in waiting)) throw new Error('not started');
  await saveApplication({ id: silentPartner.id, role: 'member' }, waiting.id, { title: 'Pavel’s choir', summary: 'S', amount: 500, budgetLines: [{ label: 'Room', amount: 500 }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [stranger.id], answers: { q1: 'Sing.' }, media: {}, removeMedia: [] }, { submit: true }, now - DAY);
  await openReview(steward, decided.id, now);
  await submitScores({ id: reviewer.id, role: 'member' }, ids[funded.id]!, { c1: { score: 5, comment: 'Warm and needed.' } }, now);
  await submitScores({ id: reviewer.id, role: 'member' }, ids[unfunded.id]!, { c1: { score: 2, comment: 'Say who will come.' } }, now);
  await confirmAwards(steward, decided.id, now);

  const as = async (userId: string, javaScriptEnabled = true) => {
    const ctx = await browser.newContext({ viewport: PHONE, javaScriptEnabled });
    const page = await ctx.newPage();
    await signInAs(page, userId);
    return { ctx, page };
  };
  const mine = (page: import('@playwright/test').Page) => page.getByRole('region', { name: 'My applications and grants' });
  const item = (page: import('@playwright/test').Page, title: string) => mine(page).getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) });

  // Mina: funded, the letter waits — the next step goes straight to it, without JavaScript.
  const m = await as(funded.id, false);
  await m.page.goto('/funds');
  await expect(item(m.page, 'Mina’s tea mornings')).toContainText('Funded — the award letter is waiting to be accepted');
  await item(m.page, 'Mina’s tea mornings').getByRole('link', { name: 'read and accept your award letter' }).click();
  await expect(m.page).toHaveURL(new RegExp(`/funds/applications/${ids[funded.id]}/award$`));
  await m.ctx.close();

  // Tomas: not funded (feedback next) and a joint draft in the open round; the page fits 360 px and is axe clean.
  const t = await as(unfunded.id);
  await visit(t.page, '/funds');
  expect(await hydrates(t.page)).toBe(false);
  await expect(item(t.page, 'Tomas’s bike repairs')).toContainText('Not funded this time');
  await expect(item(t.page, 'Tomas’s bike repairs').getByRole('link', { name: "read the panel's feedback and ask for a mentor" })).toHaveAttribute('href', `/funds/applications/${ids[unfunded.id]}`);
  await expect(item(t.page, 'Tomas and Pavel’s repair café')).toContainText('Draft — not sent yet');
  await expect(item(t.page, 'Tomas and Pavel’s repair café')).toContainText('finish and send it before');
  await expect(mine(t.page)).not.toContainText('Mina’s tea mornings');
  expect(await t.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await expectAccessible(t.page);
  await t.ctx.close();

  // Pavel: his choir did not count (Sami never confirmed), on the list and on its page; he is asked to
  // confirm Tomas's joint draft.
  const p = await as(silentPartner.id);
  await visit(p.page, '/funds');
  await expect(item(p.page, 'Pavel’s choir')).toContainText('Did not count: the round was decided without it');
  await expect(item(p.page, 'Pavel’s choir')).toContainText('Not every co-applicant confirmed before the round closed.');
  await expect(item(p.page, 'Tomas and Pavel’s repair café')).toContainText('you are a co-applicant');
  await expect(item(p.page, 'Tomas and Pavel’s repair café').getByRole('link', { name: 'confirm that you are part of this application' })).toBeVisible();
  await expectAccessible(p.page);
  await visit(p.page, `/funds/applications/${waiting.id}`);
  await expect(p.page.locator('.fund-status')).toContainText('Did not count');
  await expect(p.page.getByRole('heading', { name: 'Not funded this time' })).toHaveCount(0);
  await p.ctx.close();

  // Someone who applied for nothing has no such list, and never sees the others' projects.
  const s = await as(reviewer.id);
  await visit(s.page, '/funds');
  await expect(mine(s.page)).toHaveCount(0);
  await expect(s.page.getByText('Mina’s tea mornings')).toHaveCount(0);
  await s.ctx.close();
});
