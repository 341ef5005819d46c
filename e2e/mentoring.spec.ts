import { randomBytes } from 'node:crypto';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { STEWARD, createMember, expectAccessible, signIn, visit } from './support';
import { db } from '../db/connection';
import { DAY_MS, dayToMs, msToDay, todayISO } from '../app/modules/mentoring/constants';

const PHONE = { width: 360, height: 740 };
const NOTE = `Private note ${randomBytes(4).toString('hex')}`;
const REFLECTION = `Reflection ${randomBytes(4).toString('hex')}`;
const day = (offset: number) => msToDay(dayToMs(todayISO()) + offset * DAY_MS);
const id = () => randomBytes(12).toString('base64url');

async function makeMentor(name: string, capacity = 0) {
  const m = await createMember({ name });
  await db.updateTable('users').set({ is_mentor: 1, city: 'coventry' }).where('id', '=', m.id).execute();
  await db
    .insertInto('profiles')
    .values({ user_id: m.id, headline: 'Bid writer', bio: '', mentoring_open: 1, mentoring_at_capacity: capacity, mentoring_areas: '[]', matching_opt_out: 0, updated_at: Date.now() })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ mentoring_open: 1, mentoring_at_capacity: capacity }))
    .execute();
  return m;
}

/** Script errors and React hydration mismatches on any page of the flow. */
const pageErrors: string[] = [];

async function phone(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(`${page.url()}: ${m.text()}`);
  });
  await signIn(page, who.email, who.password);
  return page;
}

/** Five more pairs with sessions this month, so the report's cells reach five people. */
async function otherPairs() {
  for (let i = 0; i < 5; i++) {
    const a = await createMember();
    const b = await createMember();
    const mid = id();
    const now = Date.now();
    await db
      .insertInto('mentorships')
      .values({ id: mid, mentor_id: a.id, mentee_id: b.id, status: 'active', requested_by: b.id, paired_by_steward: 0, goals: 'x', frequency: 'monthly', mode: 'video', start_on: now, request_message: '', response_message: '', created_at: now, accepted_at: now, updated_at: now })
      .execute();
    await db
      .insertInto('mentoring_sessions')
      .values({ id: id(), mentorship_id: mid, author_id: a.id, held_on: dayToMs(todayISO()), duration_minutes: 60, mode: 'phone', topics: '["funding"]', notes: 'other', created_at: now })
      .execute();
  }
}

test('request → accept → log on a phone → confirm and rate → reminder → report shows hours, never notes', async ({ browser }) => {
  test.setTimeout(120_000);
  const mentor = await makeMentor(`Mentor ${randomBytes(3).toString('hex')}`);
  const full = await makeMentor(`Busy Mentor ${randomBytes(3).toString('hex')}`, 1);
  const mentee = await createMember({ name: `Mentee ${randomBytes(3).toString('hex')}` });
  const outsider = await createMember();

  // The mentee finds the mentor in the chooser and asks.
  const menteePage = await phone(browser, mentee);
  await visit(menteePage, '/mentoring/new');
  await expect(menteePage.getByRole('heading', { level: 1 })).toHaveText('Ask for mentoring');
  await expect(menteePage.getByText(full.name)).toHaveCount(0);
  await expectAccessible(menteePage);

  // A mentor at capacity: a clear message, and the request is refused.
  await visit(menteePage, `/mentoring/new?mentor=${full.id}`);
  await expect(menteePage.getByRole('status')).toContainText('as many mentees as they can support');
  await menteePage.getByLabel('What do you want to achieve?').fill('Learn bid writing');
  await menteePage.getByRole('button', { name: 'Send request' }).click();
  await expect(menteePage.locator('.field__error').first()).toContainText('as many mentees');
  expect(await db.selectFrom('mentorships').select('id').where('mentor_id', '=', full.id).execute()).toHaveLength(0);

  await visit(menteePage, '/mentoring/new');
  await menteePage.getByRole('link', { name: `Ask ${mentor.name}` }).click();
  await expect(menteePage.getByRole('heading', { level: 1 })).toHaveText(`Ask ${mentor.name} for mentoring`);
  await expectAccessible(menteePage);
  await menteePage.getByLabel('What do you want to achieve?').fill('Write our first funding bid');
  await menteePage.getByLabel('Every two weeks').check();
  await menteePage.getByLabel('Phone').check();
  await menteePage.getByRole('button', { name: 'Send request' }).click();
  await expect(menteePage.getByRole('heading', { level: 1 })).toHaveText(`Mentored by ${mentor.name}`);
  const mentorshipId = new URL(menteePage.url()).pathname.split('/')[2]!;

  // The mentor accepts with a message.
  const mentorPage = await phone(browser, mentor);
  await visit(mentorPage, '/mentoring');
  await mentorPage.getByRole('link', { name: `${mentee.name} asked you for mentoring` }).click();
  await mentorPage.getByLabel('Your message').fill('Happy to help, Tuesdays suit me.');
  await mentorPage.getByRole('button', { name: 'Accept' }).click();
  await expect(mentorPage.getByRole('status').filter({ hasText: 'You accepted' })).toBeVisible();
  await expectAccessible(mentorPage);

  // Log a session with two actions on a 360 px phone; bad input first.
  await mentorPage.getByRole('link', { name: 'Log a session' }).click();
  await expect(mentorPage.getByRole('heading', { level: 1 })).toHaveText('Log a session');
  await mentorPage.getByLabel('Minutes').fill('0');
  await mentorPage.getByLabel('Phone').check();
  await mentorPage.getByLabel('Funding').check();
  await mentorPage.getByLabel('Private notes').fill(NOTE);
  const a1 = mentorPage.getByRole('group', { name: 'Action 1' });
  await a1.getByLabel('What').fill('Draft the budget');
  await a1.getByLabel('Who').selectOption('mentee');
  // Due today: its reminder (08:00 UTC the day before) is already due, whatever the hour the test runs.
  await a1.getByLabel('By when').fill(day(0));
  const a2 = mentorPage.getByRole('group', { name: 'Action 2' });
  await a2.getByLabel('What').fill('Send a template');
  await a2.getByLabel('Who').selectOption('mentor');
  await a2.getByLabel('By when').fill(day(-3));
  await mentorPage.getByRole('button', { name: 'Save session' }).click();
  await expect(mentorPage.locator('.field__error', { hasText: 'whole number from 1 to 720' })).toBeVisible();
  await expect(mentorPage.locator('.field__error', { hasText: 'cannot be due before the session' })).toBeVisible();
  await expect(mentorPage.getByLabel('Private notes')).toHaveValue(NOTE);
  await expectAccessible(mentorPage);
  expect(await db.selectFrom('mentoring_sessions').select('id').where('mentorship_id', '=', mentorshipId).execute()).toHaveLength(0);

  await mentorPage.getByLabel('Minutes').fill('45');
  await a2.getByLabel('By when').fill(day(5));
  await mentorPage.getByRole('button', { name: 'Save session' }).click();
  await expect(mentorPage.getByRole('status').filter({ hasText: 'Session saved' })).toBeVisible();
  const width = await mentorPage.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);

  // The mentee confirms and rates it.
  await visit(menteePage, `/mentoring/${mentorshipId}`);
  await menteePage.getByRole('link', { name: /Session: 45 minutes, Phone/ }).click();
  await expect(menteePage.getByText(NOTE)).toBeVisible();
  await menteePage.getByLabel('4', { exact: true }).check();
  await menteePage.getByLabel('A short reflection').fill(REFLECTION);
  await menteePage.getByRole('button', { name: 'Confirm it happened' }).click();
  await expect(menteePage.getByRole('status').filter({ hasText: 'The session is confirmed' })).toBeVisible();
  await expectAccessible(menteePage);

  // The reminder for the action due today arrives (the scheduler runs inside the server).
  await expect
    .poll(
      async () => {
        await visit(menteePage, '/notifications');
        return menteePage.getByText(`Reminder: a mentoring action is due on ${day(0)}`).count();
      },
      { timeout: 20_000 },
    )
    .toBe(1);

  // My open actions: tick one off.
  await visit(menteePage, '/mentoring');
  await expectAccessible(menteePage);
  await menteePage.getByRole('button', { name: /^Done\s?: Draft the budget$/ }).click();
  await expect(menteePage.getByRole('status').filter({ hasText: 'Action ticked off' })).toBeVisible();

  // The home page shows a mentoring card.
  await visit(menteePage, '/');
  await expect(menteePage.getByRole('heading', { name: 'Mentoring', level: 2 })).toBeVisible();

  // My own record, printable, without the private note.
  await visit(menteePage, '/mentoring/record');
  await expect(menteePage.getByRole('heading', { name: `Mentored by ${mentor.name}` })).toBeVisible();
  await expect(menteePage.getByText(NOTE)).toHaveCount(0);
  await expectAccessible(menteePage);

  // Someone outside the pair: 404 to read and to write, and nothing is written.
  const outsiderPage = await phone(browser, outsider);
  expect((await outsiderPage.goto(`/mentoring/${mentorshipId}`))?.status()).toBe(404);
  expect((await outsiderPage.goto(`/mentoring/${mentorshipId}/log`))?.status()).toBe(404);
  const origin = new URL(outsiderPage.url()).origin;
  const post = await outsiderPage.request.post(`/mentoring/${mentorshipId}/log`, {
    headers: { Origin: origin },
    form: { heldOn: todayISO(), duration: '30', mode: 'video', notes: 'intruder' },
  });
  expect(post.status()).toBe(404);
  expect(await db.selectFrom('mentoring_sessions').select('id').where('mentorship_id', '=', mentorshipId).execute()).toHaveLength(1);

  // The steward: 404 on the pair's pages; the report shows hours, never notes or names.
  await otherPairs();
  const stewardPage = await phone(browser, STEWARD);
  expect((await stewardPage.goto(`/mentoring/${mentorshipId}`))?.status()).toBe(404);
  await visit(stewardPage, '/mentoring/report');
  await expect(stewardPage.getByRole('heading', { level: 1 })).toHaveText('Mentoring report');
  await expect(stewardPage.locator('[data-total="hours"] dd')).toHaveText(/^\d+(\.\d)?$/);
  await expect(stewardPage.locator('[data-total="sessions"] dd')).toHaveText(/^\d+$/);
  const html = await stewardPage.content();
  for (const secret of [NOTE, REFLECTION, mentor.name, mentee.name, 'Draft the budget', 'Write our first funding bid']) expect(html).not.toContain(secret);
  await expectAccessible(stewardPage);
  const csv = await (await stewardPage.request.get('/mentoring/report.csv')).text();
  expect(csv).toContain('Hours');
  for (const secret of [NOTE, REFLECTION, mentor.name, mentee.name]) expect(csv).not.toContain(secret);

  // A member who is not a steward cannot open the report.
  expect((await outsiderPage.goto('/mentoring/report'))?.status()).toBe(403);
  expect(pageErrors.filter((e) => !/status of 40[34]/.test(e))).toEqual([]);
});

test('without JavaScript: goals, an action and closing with a reflection; then nothing more can be logged', async ({ browser }) => {
  test.setTimeout(90_000);
  const mentor = await makeMentor(`NoJS Mentor ${randomBytes(3).toString('hex')}`);
  const mentee = await createMember({ name: `NoJS Mentee ${randomBytes(3).toString('hex')}` });
  const mid = id();
  const now = Date.now();
  await db
    .insertInto('mentorships')
    .values({ id: mid, mentor_id: mentor.id, mentee_id: mentee.id, status: 'active', requested_by: mentee.id, paired_by_steward: 0, goals: 'Grow the project', frequency: 'monthly', mode: 'video', start_on: now, request_message: '', response_message: '', created_at: now, accepted_at: now, updated_at: now })
    .execute();

  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email address').fill(mentee.email);
  await page.getByLabel('Password', { exact: true }).fill(mentee.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto(`/mentoring/${mid}`);

  // An empty goal is refused with a message; then a real one is added and achieved.
  await page.getByRole('button', { name: 'Add goal' }).click();
  await expect(page.getByText('Write the goal')).toBeVisible();
  await page.getByLabel('New goal').fill('Open a bank account');
  await page.getByRole('button', { name: 'Add goal' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Goal added' })).toBeVisible();
  await page.locator('summary', { hasText: 'Update progress' }).click();
  await page.getByLabel('Status').selectOption('achieved');
  await page.getByLabel('Progress note').fill('Account opened with the host organisation');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Goals achieved' })).toBeVisible();

  // An action due in the past is refused; a good one is added.
  await page.locator('summary', { hasText: 'Add an action' }).click();
  await page.getByLabel('What').fill('Send the accounts');
  await page.getByLabel('Who').selectOption('both');
  await page.getByLabel('By when').fill(day(-2));
  await page.getByRole('button', { name: 'Add action' }).click();
  await expect(page.getByText('The date cannot be in the past').first()).toBeVisible();
  await expect(page.getByLabel('What')).toHaveValue('Send the accounts');
  await page.getByLabel('By when').fill(day(3));
  await page.getByRole('button', { name: 'Add action' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Action added' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Prepare for the next session' })).toBeVisible();

  // Closing needs a reflection; then the mentorship is closed and cannot be logged on.
  await page.locator('summary', { hasText: 'Close this mentoring' }).click();
  await page.getByRole('button', { name: 'Close the mentoring' }).click();
  await expect(page.getByText('Write a short reflection').first()).toBeVisible();
  await page.getByLabel('Your closing reflection').fill('I can now run our money myself.');
  await page.getByRole('button', { name: 'Close the mentoring' }).click();
  await expect(page.getByRole('heading', { name: 'Closing reflections' })).toBeVisible();
  await expect(page.getByText('I can now run our money myself.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Log a session' })).toHaveCount(0);

  const post = await page.request.post(`/mentoring/${mid}/log`, {
    headers: { Origin: new URL(page.url()).origin },
    form: { heldOn: todayISO(), duration: '30', mode: 'video' },
  });
  expect(post.status()).toBe(409);
  expect(await db.selectFrom('mentoring_sessions').select('id').where('mentorship_id', '=', mid).execute()).toHaveLength(0);
  await context.close();
});
