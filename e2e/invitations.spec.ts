import { test, expect, type Browser } from '@playwright/test';
import { db } from '../db/connection';
import { newId, newToken, sha256 } from '../app/modules/auth/tokens.server';
import { PASSWORD, STEWARD, baseUrl, createMember, firstLink, latestEmail, signIn, signInAs, signOut, userIdOf, visit } from './support';

let n = 0;
const inviteeEmail = () => `invitee-${process.pid}-${Date.now()}-${++n}@example.org`;

/** A steward sends an invitation through the form; returns the link from the email. */
async function inviteThroughForm(browser: Browser, email: string, message = '') {
  const page = await browser.newPage();
  await signInAs(page, await userIdOf(STEWARD.email));
  await visit(page, '/invitations');
  await page.getByLabel('Email address').fill(email);
  if (message) await page.getByLabel('A personal message').fill(message);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('status')).toHaveText(`Invitation sent to ${email}`);
  await expect(page.getByRole('cell', { name: email }).first()).toBeVisible();
  const link = firstLink((await latestEmail(email)).text_body);
  await page.close();
  return link;
}

/** An invitation from the steward straight in the database, for tests about using one. */
async function invitation(email: string) {
  const token = newToken();
  const now = Date.now();
  await db
    .insertInto('invitations')
    .values({ id: newId(), token_hash: sha256(token), email, invited_by: await userIdOf(STEWARD.email), application_id: null, message: null, created_at: now, expires_at: now + 14 * 86_400_000 })
    .execute();
  return `${baseUrl()}/invite/${token}`;
}

test('a steward invites someone; they open the link from the outbox, sign up, sign out and sign in again', async ({ browser, page }) => {
  const email = inviteeEmail();
  const steward = await browser.newPage();
  await signInAs(steward, await userIdOf(STEWARD.email));
  await visit(steward, '/invitations');
  await steward.getByLabel('Email address').fill(email);
  await steward.getByLabel('A personal message').fill('Lovely to meet you at the Coventry meetup!');
  await steward.getByRole('button', { name: 'Send invitation' }).click();
  await expect(steward.getByRole('status')).toHaveText(`Invitation sent to ${email}`);

  // The steward sees the email in the outbox — who it is for, its kind, its status — but never its
  // text: the link in it would let a steward take the account (issue 16, item 2).
  await visit(steward, '/admin/outbox');
  await steward.getByLabel('Emails to this address').fill(email);
  await steward.getByRole('button', { name: 'Search' }).click();
  await expect(steward).toHaveURL(/to=/);
  const mail = steward.getByRole('article').filter({ hasText: email }).first();
  await expect(mail.getByRole('heading')).toHaveText('Invitation');
  await expect(mail).toContainText('Kept (no mail server)');
  const firstLinkSent = firstLink((await latestEmail(email)).text_body);
  const token = firstLinkSent.split('/invite/')[1]!;
  expect(await steward.content()).not.toContain(token);
  expect(await steward.content()).not.toContain('Lovely to meet you at the Coventry meetup!');
  const json = await steward.request.get(`/admin/outbox?to=${encodeURIComponent(email)}&_data=routes%2Fadmin.outbox`);
  expect(await json.text()).not.toContain(token);

  // "Send a new link": the invitee gets a fresh invitation, and the first link stops working.
  await mail.getByRole('button', { name: 'Send a new link' }).click();
  await expect(steward.getByRole('status')).toHaveText('Sent again.');
  const link = firstLink((await latestEmail(email)).text_body);
  expect(link).not.toBe(firstLinkSent);
  expect((await page.request.get(firstLinkSent)).status()).toBe(404);

  await visit(page, link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create your account');
  await expect(page.locator('blockquote')).toContainText('Lovely to meet you at the Coventry meetup!');
  await expect(page.getByText(email)).toBeVisible();
  await page.getByLabel('Your name').fill('Samira Ahmadi');
  await page.getByLabel('Choose a password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Samira Ahmadi');
  await expect(page.getByText('Welcome to the network! Your account is ready.')).toBeVisible();

  await signOut(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The workspace of the Network of Migrant Innovators');
  await signIn(page, email, PASSWORD);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Samira Ahmadi');

  // The steward sees it accepted, and was told.
  await visit(steward, '/invitations');
  // Two rows now: the first invitation (withdrawn by "Send a new link") and the accepted one.
  await expect(steward.getByRole('row').filter({ hasText: email }).filter({ hasText: 'Accepted' })).toHaveCount(1);
  const told = await db.selectFrom('notifications').select('params').where('user_id', '=', await userIdOf(STEWARD.email)).where('kind', '=', 'membership.member_joined').execute();
  expect(told.map((t) => JSON.parse(t.params).name)).toContain('Samira Ahmadi');
});

test('a used, an expired, a withdrawn and a made-up invitation each say so and make no account', async ({ browser, page }) => {
  // Used.
  const usedEmail = inviteeEmail();
  const used = await invitation(usedEmail);
  await visit(page, used);
  await page.getByLabel('Your name').fill('First Person');
  await page.getByLabel('Choose a password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, First Person');
  await page.context().clearCookies();
  const again = await visit(page, used);
  expect(again?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This invitation has been used');

  // Expired: its end date moved into the past, as if 14 days had gone by.
  const expiredEmail = inviteeEmail();
  const expired = await invitation(expiredEmail);
  await db.updateTable('invitations').set({ expires_at: Date.now() - 1000 }).where('token_hash', '=', sha256(expired.split('/invite/')[1]!)).execute();
  const response = await visit(page, expired);
  expect(response?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This invitation has ended');
  await expect(page.getByLabel('Choose a password')).toHaveCount(0);

  // Withdrawn by the steward.
  const withdrawnEmail = inviteeEmail();
  const withdrawn = await inviteThroughForm(browser, withdrawnEmail);
  const steward = await browser.newPage();
  await signInAs(steward, await userIdOf(STEWARD.email));
  await visit(steward, '/invitations');
  await steward.getByRole('row').filter({ hasText: withdrawnEmail }).getByRole('button', { name: 'Withdraw' }).click();
  await expect(steward.getByRole('status')).toHaveText('Invitation withdrawn');
  await expect(steward.getByRole('row').filter({ hasText: withdrawnEmail })).toContainText('Withdrawn');
  expect((await visit(page, withdrawn))?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We do not know this invitation');

  // Made up.
  expect((await visit(page, '/invite/this-is-not-a-real-token'))?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We do not know this invitation');

  for (const email of [expiredEmail, withdrawnEmail]) {
    expect(await db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
  }
});

test('an invitation opened in two tabs: the second sign-up is refused and says the invitation is used', async ({ browser, page }) => {
  const email = inviteeEmail();
  const link = await invitation(email);
  const other = await browser.newPage();
  await visit(page, link);
  await visit(other, link);
  await page.getByLabel('Your name').fill('Tab One');
  await page.getByLabel('Choose a password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Tab One');
  await other.getByLabel('Your name').fill('Tab Two');
  await other.getByLabel('Choose a password').fill(PASSWORD);
  await other.getByRole('button', { name: 'Create my account' }).click();
  // The refused sign-up reloads the page, which now says the invitation is used.
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('This invitation has been used');
  expect(await db.selectFrom('users').select('name').where('email', '=', email).execute()).toEqual([{ name: 'Tab One' }]);
});

test('signing up with an email that already has an account says emailTaken', async ({ page }) => {
  const email = inviteeEmail();
  const first = await invitation(email);
  const second = await invitation(email);
  await visit(page, first);
  await page.getByLabel('Your name').fill('Already Here');
  await page.getByLabel('Choose a password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Already Here');
  await page.context().clearCookies();
  await visit(page, second);
  await page.getByLabel('Your name').fill('Second Try');
  await page.getByLabel('Choose a password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByRole('alert')).toContainText('There is already an account with this email address');
  expect(await db.selectFrom('users').select('name').where('email', '=', email).execute()).toEqual([{ name: 'Already Here' }]);
});

test('bad input on the invitation and sign-up forms gets a message next to the field, never a crash', async ({ browser, page }) => {
  const stewardPage = await browser.newPage();
  await signInAs(stewardPage, await userIdOf(STEWARD.email));
  await visit(stewardPage, '/invitations');
  // Not an email address.
  await stewardPage.getByLabel('Email address').fill('not an email');
  await stewardPage.getByRole('button', { name: 'Send invitation' }).click();
  await expect(stewardPage.locator('.field__error')).toContainText('Enter an email address like name@example.org');
  // Someone who is already a member.
  const member = await createMember();
  await stewardPage.getByLabel('Email address').fill(member.email);
  await stewardPage.getByRole('button', { name: 'Send invitation' }).click();
  await expect(stewardPage.locator('.field__error')).toContainText('This person is already a member');
  // 10,000 characters of message.
  await stewardPage.getByLabel('Email address').fill(inviteeEmail());
  await stewardPage.getByLabel('A personal message').fill('x'.repeat(10_000));
  await stewardPage.getByRole('button', { name: 'Send invitation' }).click();
  await expect(stewardPage.locator('.field__error')).toContainText('This is too long');

  await visit(page, await invitation(inviteeEmail()));
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter your name');
  await expect(page.getByRole('alert')).toContainText('Enter your password');
  await page.getByLabel('Your name').fill('y'.repeat(10_000));
  await page.getByLabel('Choose a password').fill('password123');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.locator('.field__error').first()).toContainText('This is too long');
  await expect(page.locator('.field__error').nth(1)).toContainText('too common');
  await page.getByLabel('Your name').fill('Short Pass');
  await page.getByLabel('Choose a password').fill('short');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.locator('.field__error')).toContainText('at least 10 characters');
  // A long passphrase is fine.
  await page.getByLabel('Choose a password').fill('my grandmother grew figs in the garden');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Short Pass');
});

test('members cannot send invitations unless the network allows it', async ({ page }) => {
  const member = await createMember();
  await signInAs(page, member.id);
  const response = await visit(page, '/invitations');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot see this page');
  // A forged POST is refused too, and sends nothing.
  const status = await page.evaluate(async () => {
    const res = await fetch('/invitations', { method: 'POST', body: new URLSearchParams({ email: 'forged@example.org' }) });
    return res.status;
  });
  expect(status).toBe(403);
  expect(await db.selectFrom('invitations').select('id').where('email', '=', 'forged@example.org').execute()).toEqual([]);
});

test('when a steward lets members invite, a member can send an invitation', async ({ browser, page }) => {
  const steward = await browser.newPage();
  await signInAs(steward, await userIdOf(STEWARD.email));
  await visit(steward, '/admin/settings');
  await steward.getByLabel('Members can invite people').check();
  await steward.getByRole('button', { name: 'Save' }).click();
  await expect(steward.getByRole('status')).toHaveText('Settings saved');
  try {
    const member = await createMember({ name: 'Inviting Member' });
    await signInAs(page, member.id);
    await visit(page, '/invitations');
    const email = inviteeEmail();
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect(page.getByRole('status')).toHaveText(`Invitation sent to ${email}`);
    expect((await latestEmail(email)).text_body).toContain('Inviting Member has invited you');
    // A member sees only their own invitations.
    await expect(page.getByRole('heading', { name: 'Your invitations' })).toBeVisible();
    await expect(page.getByRole('row')).toHaveCount(2);
  } finally {
    await visit(steward, '/admin/settings');
    await steward.getByLabel('Members can invite people').uncheck();
    await steward.getByRole('button', { name: 'Save' }).click();
    await expect(steward.getByRole('status')).toHaveText('Settings saved');
  }
});
