import { test, expect, type Page } from '@playwright/test';
import { db } from '../db/connection';
import { newId, newToken, sha256 } from '../app/modules/auth/tokens.server';
import { PASSWORD, STEWARD, createMember, firstLink, latestEmail, signInAs, userIdOf } from './support';

/** The main flows on a phone with JavaScript off (or not yet loaded): plain HTML forms all the way. */
test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  async function openMenu(page: Page) {
    const menu = page.locator('details.site-menu');
    if ((await menu.getAttribute('open')) === null && (await menu.locator('summary').isVisible())) await menu.locator('summary').click();
  }

  test('sign in, see errors, and sign out', async ({ page }) => {
    const member = await createMember({ name: 'No Script Member' });
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The server renders the error summary with a link to each field.
    await expect(page.getByRole('alert')).toContainText('Enter your password');
    await expect(page.getByRole('alert').getByRole('link', { name: 'Enter your password' })).toBeVisible();
    await page.getByLabel('Email address').fill(member.email);
    await page.getByLabel('Password', { exact: true }).fill('wrong password here');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('The email address or password is not right');
    await expect(page.getByLabel('Email address')).toHaveValue(member.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, No Script Member');

    await openMenu(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The workspace of the Network of Migrant Innovators');
    await page.goto('/settings');
    await expect(page).toHaveURL(/\/login\?redirectTo=/);
  });

  test('a steward invites someone, who accepts the invitation', async ({ page, browser }) => {
    const email = `nojs-invitee-${Date.now()}@example.org`;
    await signInAs(page, await userIdOf(STEWARD.email));
    await page.goto('/invitations');
    await page.getByLabel('Email address').fill('not an email');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter an email address like name@example.org');
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect(page.getByRole('status')).toHaveText(`Invitation sent to ${email}`);

    const invitee = await browser.newContext({ javaScriptEnabled: false });
    const inviteePage = await invitee.newPage();
    await inviteePage.goto(firstLink((await latestEmail(email)).text_body));
    await inviteePage.getByLabel('Your name').fill('Offline Invitee');
    await inviteePage.getByLabel('Choose a password').fill('short');
    await inviteePage.getByRole('button', { name: 'Create my account' }).click();
    await expect(inviteePage.locator('.field__error')).toContainText('at least 10 characters');
    await expect(inviteePage.getByLabel('Your name')).toHaveValue('Offline Invitee');
    await inviteePage.getByLabel('Choose a password').fill(PASSWORD);
    await inviteePage.getByRole('button', { name: 'Create my account' }).click();
    await expect(inviteePage.getByRole('heading', { level: 1 })).toHaveText('Hello, Offline Invitee');
    await invitee.close();
  });

  test('someone applies without a note', async ({ page }) => {
    const email = `nojs-applicant-${Date.now()}@example.org`;
    await page.goto('/join');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter your name');
    await page.getByLabel('Your name').fill('Offline Applicant');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Where are you based?').selectOption('wolverhampton');
    await page.getByRole('checkbox', { name: 'Urdu' }).check();
    await page.getByLabel('What are you working on?').fill('A women\'s sewing group that sells upcycled clothes.');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you. We have your message');
    const row = await db.selectFrom('applications').select(['name', 'city', 'languages', 'note_path']).where('email', '=', email).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Offline Applicant', city: 'wolverhampton', languages: '["ur"]', note_path: null });
  });

  test('switch the language to Arabic and back', async ({ page }) => {
    await page.goto('/login');
    await openMenu(page);
    await page.locator('#language-picker').selectOption('ar');
    await page.locator('.language-picker button[type="submit"]').click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await openMenu(page);
    await page.locator('#language-picker').selectOption('en');
    await page.locator('.language-picker button[type="submit"]').click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  });

  test('a member changes their password; other devices are signed out', async ({ page, browser }) => {
    const member = await createMember();
    const other = await browser.newContext({ javaScriptEnabled: false });
    const otherPage = await other.newPage();
    await signInAs(otherPage, member.id);
    await signInAs(page, member.id);
    await page.goto('/settings');
    await page.getByLabel('Your current password').fill(PASSWORD);
    await page.getByLabel('Choose a password').fill('sunflower tram parade');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('status')).toHaveText('Password changed. Other devices have been signed out.');
    await otherPage.goto('/settings');
    await expect(otherPage).toHaveURL(/\/login\?redirectTo=/);
    await other.close();
  });

  test('a member chooses a new password from a reset link', async ({ page }) => {
    const member = await createMember({ name: 'Offline Reset' });
    const token = newToken();
    const now = Date.now();
    await db.insertInto('password_resets').values({ id: newId(), token_hash: sha256(token), user_id: member.id, created_at: now, expires_at: now + 3_600_000 }).execute();
    await page.goto(`/reset-password?token=${token}`);
    await page.getByLabel('Choose a password').fill('lantern meadow copper');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Offline Reset');
  });

  test('a bid lead finds a partner with the searchable member picker: search, choose, invite', async ({ page }) => {
    const { createBid } = await import('../app/modules/bids/bids.server');
    const { saveProfile } = await import('../app/modules/directory/profiles.server');
    const { ProfileSchema } = await import('../app/modules/directory/directory.schema');
    const lead = await createMember({ name: 'Picker Lead' });
    const stamp = Date.now();
    const friend = await createMember({ name: `Zofia Picker ${stamp}` });
    await saveProfile(friend.id, ProfileSchema.parse({ city: 'wolverhampton', languages: ['pl'], headline: 'Budget planning' }));
    const bidId = await createBid(
      { title: 'Picker bid', funder: 'Test Funder', deadline: Date.now() + 20 * 24 * 3600_000, amount: 5000_00, currency: 'GBP', themes: ['housing'], skillsNeeded: [], template: 'awards-for-all' },
      { id: lead.id },
      'en',
    );
    await signInAs(page, lead.id);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`/bids/${bidId}/partners`);
    const invite = page.getByRole('region', { name: 'Invite a partner' });
    // No dropdown of every member: a search box, and a short list.
    await expect(invite.getByRole('combobox', { name: 'Member' })).toHaveCount(0);
    await invite.getByLabel('Search by name, city, language or skill').fill(`Picker ${stamp}`);
    await invite.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/[?&]member=/);
    await expect(invite.getByRole('radio')).toHaveCount(1);
    // The same search by language name and with a typo in another word finds her too.
    await invite.getByLabel('Search by name, city, language or skill').fill('Polish budjet');
    await invite.getByRole('button', { name: 'Search' }).click();
    await expect(invite.getByRole('radio', { name: friend.name })).toBeVisible();
    await invite.getByRole('radio', { name: friend.name }).check();
    await invite.getByLabel('What they will deliver').fill('Budget planning');
    await invite.getByRole('button', { name: 'Invite to the bid' }).click();
    await expect(page.getByText('Partner invited. They have been told.')).toBeVisible();
    const partners = await db.selectFrom('bid_partners').select('user_id').where('bid_id', '=', bidId).execute();
    expect(partners.map((p) => p.user_id)).toContain(friend.id);
  });
});
