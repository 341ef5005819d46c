import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { createRound, openRound, setLivedExperience } from '../app/modules/funding/rounds.server';
import { saveApplication, startApplication } from '../app/modules/funding/applications.server';
import { confirmAwards, openReview } from '../app/modules/funding/panel.server';
import { submitScores } from '../app/modules/funding/reviews.server';
import { STEWARD, createMember, expectAccessible, signInAs, userIdOf, visit } from './support';

/**
 * Issue 14 items 2 and 10 on a 360 px phone. These pages ship no JavaScript at all (asserted: no script on
 * the page), so every form here is a plain HTML post; contexts keep JavaScript on only so axe can run
 * (it hangs in a context with JavaScript disabled). A member asks
 * about a round, a panel member answers (rephrasing it), another member sees the answer on the round
 * page without the asker's name; a steward downloads the round report (PDF read back with pdftotext,
 * CSV) and the 360Giving data, which a member cannot.
 */
const DAY = 24 * 60 * 60_000;
const PHONE = { width: 360, height: 740 };

async function steward() {
  return { id: await userIdOf(STEWARD.email), role: 'steward' as const };
}

async function round(name: string, opts: { past: boolean; panel: string[] }) {
  const s = await steward();
  const now = Date.now();
  const opensAt = opts.past ? now - 30 * DAY : now - DAY;
  const closesAt = opts.past ? now - 10 * DAY : now + 10 * DAY;
  const r = await createRound(
    s,
    {
      name,
      description: 'Small grants for new migrant-led projects.',
      pot: 4_000,
      minGrant: 500,
      maxGrant: 2_000,
      themes: ['health', 'education'],
      cities: ['coventry', 'birmingham'],
      eligibility: [],
      questions: [{ text: 'What will you do?', wordLimit: 50 }],
      criteria: [{ label: 'Need', weight: 1 }],
      decisionMethod: 'panel',
      allowPartial: false,
      minLivedExperience: 1,
      opensAt,
      closesAt,
      panel: opts.panel,
    },
    opensAt - DAY,
  );
  if (!('id' in r)) throw new Error('round not created');
  await openRound(s, r.id, opensAt);
  return { id: r.id, opensAt, closesAt };
}

async function noScripts(page: Page) {
  expect(await page.locator('script[type="module"], script[src]').count()).toBe(0);
}

test('round Q&A: asked by one member, answered once by the panel, shown to everyone without the asker’s name', async ({ browser }) => {
  test.setTimeout(120_000);
  const panel = await createMember({ name: 'Nadia Panel' });
  const asker = await createMember({ name: 'Zainab Asker' });
  const reader = await createMember({ name: 'Omar Reader' });
  const r = await round(`Questions round ${Date.now()}`, { past: false, panel: [panel.id] });

  const askerCtx = await browser.newContext({ viewport: PHONE });
  const askerPage = await askerCtx.newPage();
  await signInAs(askerPage, asker.id);
  await visit(askerPage, `/funds/${r.id}`);
  await askerPage.getByRole('link', { name: 'Ask a question or see all the answers' }).click();
  await expect(askerPage.getByRole('heading', { level: 1 })).toContainText('Questions and answers');
  await noScripts(askerPage);
  await expectAccessible(askerPage);
  // An empty question gets a message next to the field.
  await askerPage.getByRole('button', { name: 'Send the question' }).click();
  await expect(askerPage.locator('.field__error').first()).toBeVisible();
  await askerPage.getByLabel('Your question').fill('I am Zainab from Foleshill: can we pay a tutor from the grant?');
  await askerPage.getByRole('button', { name: 'Send the question' }).click();
  await expect(askerPage.getByText('Your question has been sent.')).toBeVisible();
  await expect(askerPage.getByRole('heading', { name: 'Your questions waiting for an answer' })).toBeVisible();
  await expectAccessible(askerPage);

  const panelCtx = await browser.newContext({ viewport: PHONE });
  const panelPage = await panelCtx.newPage();
  await signInAs(panelPage, panel.id);
  await visit(panelPage, `/funds/${r.id}/questions`);
  await expect(panelPage.getByRole('heading', { name: 'Questions waiting for an answer' })).toBeVisible();
  await expect(panelPage.locator('body')).not.toContainText('Zainab Asker');
  await expectAccessible(panelPage);
  await panelPage.getByLabel('The question as everyone will see it').fill('Can the grant pay a tutor?');
  await panelPage.getByLabel('Your answer').fill('Yes, if the budget lines show it.');
  await panelPage.getByRole('button', { name: 'Publish the answer' }).click();
  await expect(panelPage.getByText('Your answer has been published.')).toBeVisible();
  await expect(panelPage.getByText('No questions are waiting.')).toBeVisible();

  const readerCtx = await browser.newContext({ viewport: PHONE });
  const readerPage = await readerCtx.newPage();
  await signInAs(readerPage, reader.id);
  await visit(readerPage, `/funds/${r.id}`);
  const qa = readerPage.locator('section', { has: readerPage.getByRole('heading', { name: 'Questions about this round' }) });
  await expect(qa).toContainText('Can the grant pay a tutor?');
  await expect(qa).toContainText('Yes, if the budget lines show it.');
  await expect(readerPage.locator('body')).not.toContainText('Zainab');
  await expect(readerPage.locator('body')).not.toContainText('Foleshill');
  // No steward report for a plain member.
  await expect(readerPage.getByRole('link', { name: 'Round report and 360Giving data' })).toHaveCount(0);
  await expectAccessible(readerPage);
  // A hand-made answer from a plain member is refused.
  const res = await readerPage.request.post(`/funds/${r.id}/questions`, { form: { intent: 'answer', questionId: 'x', publishedQuestion: 'Q', answer: 'A' } });
  expect(res.status()).toBe(403);
  for (const c of [askerCtx, panelCtx, readerCtx]) await c.close();
});

test('a steward downloads the round report (PDF, CSV) and the 360Giving data on a phone; a member cannot', async ({ browser }) => {
  test.setTimeout(120_000);
  const reviewer = await createMember({ name: 'Rania Reviewer' });
  await setLivedExperience({ id: reviewer.id, role: 'member' }, true);
  const alone = await createMember({ name: 'Hamid Alone' });
  const second = await createMember({ name: 'Beata Second' });
  const name = `Evidence round ${Date.now()}`;
  const r = await round(name, { past: true, panel: [reviewer.id] });
  const s = await steward();
  const ids: string[] = [];
  for (const [m, title, amount] of [
    [alone, 'Hamid’s homework club', 1_500],
    [second, 'Beata’s health walks', 2_000],
  ] as const) {
    const a = await startApplication({ id: m.id, role: 'member' }, r.id, {}, r.opensAt + DAY);
    if (!('id' in a)) throw new Error('not started');
    await saveApplication(
      { id: m.id, role: 'member' },
      a.id,
      { title, summary: `${title} for families.`, amount, budgetLines: [{ label: 'Sessions', amount }], themes: ['education'], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: 'We will meet weekly.' }, media: {}, removeMedia: [] },
      { submit: true },
      r.opensAt + DAY,
    );
    ids.push(a.id);
  }
  expect(await openReview(s, r.id)).toBe('ok');
  for (const id of ids) await submitScores({ id: reviewer.id, role: 'member' }, id, { c1: { score: 4, comment: 'Clear need.' } });
  expect(await confirmAwards(s, r.id)).toBe('ok');

  const ctx = await browser.newContext({ viewport: PHONE, acceptDownloads: true });
  const page = await ctx.newPage();
  await signInAs(page, s.id);
  await visit(page, `/funds/${r.id}`);
  await page.getByRole('link', { name: 'Round report and 360Giving data' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await noScripts(page);
  await expectAccessible(page);
  // Nothing is wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Report (PDF)' }).click()]);
  const pdfPath = await pdf.path();
  const text = execFileSync('pdftotext', ['-layout', pdfPath!, '-']).toString();
  expect(text).toContain(name);
  expect(text).toContain('Grants by city');
  expect(text).toContain('£3,500');
  expect(text).not.toContain('Hamid');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Report (CSV)' }).click()]);
  const csvText = fs.readFileSync((await csv.path())!, 'utf8');
  expect(csvText).toContain('"Grants by theme"');
  expect(csvText).not.toContain('Hamid');

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'This round (JSON)' }).click()]);
  const data = JSON.parse(fs.readFileSync((await json.path())!, 'utf8')) as { grants: { recipientIndividual?: { name: string }; amountAwarded: number }[] };
  expect(data.grants.map((g) => g.recipientIndividual?.name)).toEqual(['Individual Recipient', 'Individual Recipient']);
  expect(JSON.stringify(data)).not.toContain('homework club');

  // Lessons are saved without JavaScript; a re-grant needs both halves.
  await page.getByLabel("Funder's name").fill('Example Community Foundation');
  await page.getByRole('button', { name: 'Save' }).first().click();
  await expect(page.getByText("Give both the funder's name and their grant identifier, or neither.").first()).toBeVisible();
  await expect(page.getByLabel("Funder's name")).toHaveValue('Example Community Foundation');
  await page.getByLabel('Their grant identifier').fill('360G-examplecf-99');
  await page.getByLabel('What the stewards learnt from this round').fill('Evening sessions suited working parents.');
  await page.getByRole('button', { name: 'Save' }).first().click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(page.getByText('Re-grant of funds from Example Community Foundation (360G-examplecf-99)')).toBeVisible();
  await expect(page.getByRole('paragraph').filter({ hasText: 'Evening sessions suited working parents.' })).toBeVisible();

  // A member (here an applicant who was funded) is refused the report and its files.
  const memberCtx = await browser.newContext({ viewport: PHONE });
  const memberPage = await memberCtx.newPage();
  await signInAs(memberPage, alone.id);
  for (const path of [`/funds/${r.id}/report`, `/funds/${r.id}/report/pdf`, `/funds/${r.id}/report/csv`, '/funds/360giving/json']) {
    expect((await memberPage.request.get(path)).status(), path).toBe(403);
  }
  await ctx.close();
  await memberCtx.close();
});
