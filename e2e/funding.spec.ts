import { test, expect } from '@playwright/test';
import { createRound, openRound } from '../app/modules/funding/rounds.server';
import { STEWARD, createMember, expectAccessible, signInAs, userIdOf, visit } from './support';

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
