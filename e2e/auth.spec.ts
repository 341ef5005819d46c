import { test, expect, type Page } from '@playwright/test';
import { db } from '../db/connection';
import { newId, newToken, sha256 } from '../app/modules/auth/tokens.server';
import { PASSWORD, baseUrl, createMember, firstLink, latestEmail, signIn, signInAs, signOut, visit } from './support';

async function tryLogin(page: Page, email: string, password: string) {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a wrong password and an unknown email get the same message, and the email stays filled in', async ({ page }) => {
  const member = await createMember();
  await visit(page, '/login');
  await tryLogin(page, member.email, 'not my password at all');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The email address or password is not right');
  const wrongPassword = await alert.textContent();
  await expect(page.getByLabel('Email address')).toHaveValue(member.email);

  await tryLogin(page, `nobody-${Date.now()}@example.org`, 'not my password at all');
  await expect(alert).toContainText('The email address or password is not right');
  expect(await alert.textContent()).toBe(wrongPassword);
  await expect(page).toHaveURL(/\/login$/);
});

test('after 5 wrong passwords, signing in is paused and says for how many minutes', async ({ page }) => {
  const member = await createMember();
  await visit(page, '/login');
  for (let i = 1; i <= 4; i++) {
    await tryLogin(page, member.email, `wrong password ${i}`);
    await expect(page.getByRole('alert')).toContainText('The email address or password is not right');
  }
  await tryLogin(page, member.email, 'wrong password 5');
  await expect(page.getByRole('alert')).toContainText(/Try again in 1[45] minutes\./);
  // Even the right password waits now.
  await tryLogin(page, member.email, PASSWORD);
  await expect(page.getByRole('alert')).toContainText(/Too many tries.*Try again in \d+ minutes?\./);
  await expect(page).toHaveURL(/\/login$/);
});

test('sign-in fields reject missing and 10,000-character input with a message', async ({ page }) => {
  await visit(page, '/login');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter your email address or phone number');
  await expect(page.getByRole('alert')).toContainText('Enter your password');
  await tryLogin(page, `${'a'.repeat(10_000)}@example.org`, 'p'.repeat(10_000));
  await expect(page.locator('.field__error').first()).toContainText('This is too long');
});

test('a sign-in link returns to the page asked for, and never to another site', async ({ page }) => {
  const member = await createMember();
  await visit(page, '/settings');
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsettings/);
  await tryLogin(page, member.email, PASSWORD);
  await expect(page).toHaveURL(/\/settings$/);
  await page.context().clearCookies();
  await visit(page, '/login?redirectTo=//evil.example/steal');
  await tryLogin(page, member.email, PASSWORD);
  await expect(page).toHaveURL(`${baseUrl()}/`);
});

test('a sign-in link with a tab, CR/LF or backslash trick stays on this site (signed in and signing in)', async ({ page }) => {
  const member = await createMember();
  let wentAway = false;
  await page.route('http://evil.example/**', (route) => {
    wentAway = true;
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Phish</title><h1>Phish</h1>' });
  });
  // Signing in through the form with the attack's redirectTo (`/\t/evil.example/phish`).
  await visit(page, '/login?redirectTo=%2F%09%2Fevil.example%2Fphish');
  await tryLogin(page, member.email, PASSWORD);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hello');
  expect(new URL(page.url()).origin).toBe(baseUrl());
  // Already signed in: the loader's redirect.
  for (const to of ['%2F%09%2Fevil.example%2Fphish', '%2F%5Cevil.example', '%2F%0D%0A%2Fevil.example', 'https%3A%2F%2Fevil.example']) {
    const response = await page.goto(`/login?redirectTo=${to}`);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).origin).toBe(baseUrl());
  }
  // The language picker's form takes the same path.
  const lang = await page.request.post('/language', { form: { lang: 'en', redirectTo: '/\t/evil.example' }, headers: { Origin: baseUrl() }, maxRedirects: 0 });
  expect(lang.status()).toBe(302);
  expect(lang.headers()['location']).toBe('/');
  expect(wentAway).toBe(false);
});

test('resetting a forgotten password: the link works once, then says it does not work', async ({ page }) => {
  const member = await createMember({ name: 'Reset Person' });
  await visit(page, '/login');
  await page.getByRole('link', { name: 'I forgot my password' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reset your password');
  await page.getByLabel('Email address').fill(member.email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');

  const link = firstLink((await latestEmail(member.email)).text_body);
  await visit(page, link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a new password');
  await page.getByLabel('Choose a password').fill('short');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.locator('.field__error')).toContainText('at least 10 characters');
  await page.getByLabel('Choose a password').fill('orange bicycle under rain');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Reset Person');

  await page.context().clearCookies();
  await visit(page, link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link does not work');
  await signIn(page, member.email, 'orange bicycle under rain');
});

test('an unknown email gets the same "check your email" answer and no email is written', async ({ page }) => {
  const email = `not-a-member-${Date.now()}@example.org`;
  await visit(page, '/reset-password');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
  await expect(latestEmail(email)).rejects.toThrow();
  // No timing header for a stranger to compare members' answers with (issue 16, item 7).
  const answer = await page.request.post('/reset-password', { form: { email, name__confirm: '' }, headers: { Origin: baseUrl() } });
  expect(answer.status()).toBe(200);
  expect(answer.headers()['server-timing']).toBeUndefined();
});

test('an expired reset link (over 1 hour old) does not work, even when submitted from an open form', async ({ page }) => {
  const member = await createMember();
  const token = newToken();
  const now = Date.now();
  await db.insertInto('password_resets').values({ id: newId(), token_hash: sha256(token), user_id: member.id, created_at: now, expires_at: now + 3_600_000 }).execute();
  await visit(page, `/reset-password?token=${token}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a new password');
  // The hour runs out while the form is open.
  await db.updateTable('password_resets').set({ expires_at: Date.now() - 1 }).where('token_hash', '=', sha256(token)).execute();
  await page.getByLabel('Choose a password').fill('orange bicycle under rain');
  await page.getByRole('button', { name: 'Save new password' }).click();
  // The refusal reloads the page, which now explains the link has run out.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link does not work');
  await expect(page.getByText('The link has already been used or is more than 1 hour old')).toBeVisible();
  await visit(page, `/reset-password?token=${token}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link does not work');
  await visit(page, '/login');
  await tryLogin(page, member.email, 'orange bicycle under rain');
  await expect(page.getByRole('alert')).toContainText('The email address or password is not right');
});

test('a request from another website is refused (403) and changes nothing', async ({ page }) => {
  const member = await createMember();
  await signInAs(page, member.id);
  await visit(page, '/settings');
  // A page on another site that posts a form to us, with the member's cookie attached.
  await page.route('http://evil.example/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><title>Prize</title><form method="post" action="${baseUrl()}/settings"><input name="intent" value="sign-out-everywhere"><button>Win</button></form></html>`,
    }),
  );
  await page.goto('http://evil.example/prize');
  const [response] = await Promise.all([page.waitForResponse(`${baseUrl()}/settings`), page.getByRole('button', { name: 'Win' }).click()]);
  expect(response.status()).toBe(403);
  await expect(page.locator('body')).toHaveText('Cross-site request refused.');
  // Still signed in: the forged "sign out everywhere" did nothing.
  await visit(page, '/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hello');

  // And a scripted POST naming a foreign Origin.
  const forged = await page.request.post('/logout', { headers: { Origin: 'https://evil.example' } });
  expect(forged.status()).toBe(403);
});

// A shared phone (CONTEXT: members share devices). After one member signs out, whoever picks the phone
// up next must not page back through their pages: not from the back/forward cache, not from the
// browser's HTTP cache. OWASP ASVS 4.0.3, V8.2.1: "the application sets sufficient anti-caching
// headers so that sensitive data is not cached in modern browsers".
test('after signing out on a shared phone, Back does not show the member\'s pages', async ({ page }) => {
  const member = await createMember({ name: `Shared Phone ${Date.now()}` });
  await signIn(page, member.email, PASSWORD);
  await visit(page, '/settings');
  await expect(page.getByText(member.name).first()).toBeAttached();
  await visit(page, '/notifications');
  await signOut(page);
  await expect(page).toHaveURL(/\/$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fnotifications/);
  await expect(page.getByText(member.name)).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsettings/);
  await expect(page.getByText(member.name)).toHaveCount(0);
});

test('a signed-in member\'s pages and data are never stored by the browser; a visitor\'s page may be', async ({ page, request }) => {
  const member = await createMember();
  await signIn(page, member.email, PASSWORD);
  for (const path of ['/', '/members', '/notifications', '/members?_data=routes%2Fmembers._index']) {
    const res = await page.request.get(`${baseUrl()}${path}`);
    expect(res.status(), path).toBe(200);
    expect(res.headers()['cache-control'], path).toMatch(/\bno-store\b/);
  }
  const visitor = await request.get(`${baseUrl()}/projects`);
  expect(visitor.headers()['cache-control'] ?? '').not.toMatch(/no-store/);
  // A page for one person, signed in or not (an invitation names them; a reset link is a key).
  const token = newToken();
  const now = Date.now();
  await db.insertInto('invitations').values({ id: newId(), token_hash: sha256(token), email: `invitee-${now}@example.org`, invited_by: member.id, application_id: null, message: 'A PERSONAL MESSAGE', created_at: now, expires_at: now + 86_400_000 }).execute();
  for (const path of [`/invite/${token}`, '/login', '/reset-password']) {
    const res = await request.get(`${baseUrl()}${path}`);
    expect(res.status(), path).toBe(200);
    expect(res.headers()['cache-control'], path).toMatch(/\bno-store\b/);
  }
});

// The other two ways a device's session ends must leave as little behind as signing out does.
test('"sign out everywhere" and deleting the account clear this phone too', async ({ page }) => {
  const member = await createMember({ name: `Everywhere ${Date.now()}` });
  await signIn(page, member.email, PASSWORD);
  await visit(page, '/settings');
  const everywhere = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/settings');
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  expect((await (await everywhere).allHeaders())['clear-site-data']).toBe('"storage"');
  await expect(page).toHaveURL(/\/login/);
  await page.goBack();
  await expect(page.getByText(member.name)).toHaveCount(0);

  const leaving = await createMember({ name: `Leaving ${Date.now()}` });
  await signIn(page, leaving.email, PASSWORD);
  await visit(page, '/settings/data');
  await page.getByLabel('Your password').fill(PASSWORD);
  await page.getByLabel('I understand that this cannot be undone').check();
  const deleted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/settings/data');
  await page.getByRole('button', { name: /Delete my account/ }).click();
  expect((await (await deleted).allHeaders())['clear-site-data']).toBe('"storage"');
  await page.goBack();
  await expect(page.getByText(leaving.name)).toHaveCount(0);
});

// lucia extends a session used in the second half of its 30 days and sends the new expiry. A page
// that hydrates loads the next page's data alone (`?_data=<route>`, without the root loader): that
// answer must carry the new cookie too, or a member who only navigates inside the app is signed out
// on day 30 although the server kept the session alive.
test('a data request in the second half of a session extends the cookie too', async ({ page }) => {
  const member = await createMember();
  await signIn(page, member.email, PASSWORD);
  await db.updateTable('sessions').set({ expires_at: Date.now() + 24 * 3600_000 }).where('user_id', '=', member.id).execute();
  const res = await page.request.get(`${baseUrl()}/members?_data=routes%2Fmembers._index`);
  expect(res.status()).toBe(200);
  const cookie = res.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);
  expect(cookie.find((c) => c.startsWith('nomi_session='))).toMatch(/Max-Age=2592000/);
  // Once: the next answer has nothing to extend.
  const again = await page.request.get(`${baseUrl()}/members?_data=routes%2Fmembers._index`);
  expect(again.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith('nomi_session='))).toEqual([]);
  expect(res.headers()['cache-control']).toMatch(/no-store/);
});
