import { test, expect } from '@playwright/test';
import { db } from '../db/connection';
import { STEWARD, createMember, signIn, signInAs, userIdOf, visit } from './support';

async function userRow(id: string) {
  return db.selectFrom('users').select(['role', 'status', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow();
}

test('a member who forges a role change gets 403 and nothing changes', async ({ page }) => {
  const member = await createMember({ name: 'Forging Member' });
  const target = await createMember();
  await signInAs(page, member.id);
  const response = await visit(page, '/admin/members');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot see this page');

  const before = { self: await userRow(member.id), target: await userRow(target.id) };
  // From the member's own signed-in page, the way a browser's developer tools would send it.
  const statuses = await page.evaluate(
    async ({ self, other }) => {
      const post = (fields: Record<string, string>) => fetch('/admin/members', { method: 'POST', body: new URLSearchParams(fields) }).then((r) => r.status);
      return [
        await post({ intent: 'role', id: self, role: 'steward' }),
        await post({ intent: 'suspend', id: other }),
        await post({ intent: 'mentor', id: self, value: 'on' }),
      ];
    },
    { self: member.id, other: target.id },
  );
  expect(statuses).toEqual([403, 403, 403]);
  expect(await userRow(member.id)).toEqual(before.self);
  expect(await userRow(target.id)).toEqual(before.target);
  expect(await db.selectFrom('audit_log').select('id').where('subject_id', 'in', [member.id, target.id]).execute()).toEqual([]);
  // The network settings are steward-only too.
  const settings = await page.evaluate(() => fetch('/admin/settings', { method: 'POST', body: new URLSearchParams({ membersCanInvite: 'on' }) }).then((r) => r.status));
  expect(settings).toBe(403);
});

test('a steward makes a member a steward and back; the member is told', async ({ page }) => {
  const member = await createMember({ name: `Role Change ${Date.now()}` });
  await signInAs(page, await userIdOf(STEWARD.email));
  await visit(page, '/admin/members');
  await page.getByLabel('Search by name or email').fill(member.name);
  await page.getByRole('button', { name: 'Search' }).click();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: member.name }) });
  await card.getByLabel(`Role for ${member.name}`).selectOption('steward');
  await card.getByRole('button', { name: 'Change role' }).click();
  await expect(page.getByRole('status')).toHaveText('Role changed');
  expect((await userRow(member.id)).role).toBe('steward');

  const memberPage = await page.context().browser()!.newPage();
  await signInAs(memberPage, member.id);
  await visit(memberPage, '/notifications');
  await expect(memberPage.getByText('A steward changed your role in the network')).toBeVisible();
  // Now a steward, the review pages open.
  expect((await visit(memberPage, '/admin/members'))?.status()).toBe(200);

  await visit(page, `/admin/members?q=${encodeURIComponent(member.name)}`);
  await card.getByLabel(`Role for ${member.name}`).selectOption('member');
  await card.getByRole('button', { name: 'Change role' }).click();
  await expect(page.getByRole('status')).toHaveText('Role changed');
  expect((await userRow(member.id)).role).toBe('member');
  expect((await visit(memberPage, '/admin/members'))?.status()).toBe(403);
});

test('a suspended member is signed out at once: their old cookie no longer works', async ({ browser, page }) => {
  const member = await createMember({ name: `To Suspend ${Date.now()}` });
  const memberPage = await browser.newPage();
  await signIn(memberPage, member.email, member.password);
  await expect(memberPage.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${member.name}`);
  const oldCookies = await memberPage.context().cookies();

  await signInAs(page, await userIdOf(STEWARD.email));
  await visit(page, `/admin/members?q=${encodeURIComponent(member.name)}`);
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: member.name }) });
  await card.getByRole('button', { name: 'Suspend' }).click();
  await expect(page.getByRole('status')).toHaveText('Member suspended and signed out everywhere');
  await expect(card).toContainText('Suspended');

  // The same browser, with the same cookie, is now a visitor.
  await visit(memberPage, '/');
  await expect(memberPage.getByRole('heading', { level: 1 })).toHaveText('The workspace of the Network of Migrant Innovators');
  // Even replaying the old cookie elsewhere does not sign anyone in.
  const replay = await browser.newContext();
  await replay.addCookies(oldCookies);
  const replayPage = await replay.newPage();
  await visit(replayPage, '/settings');
  await expect(replayPage).toHaveURL(/\/login\?redirectTo=%2Fsettings/);
  // And they cannot sign in again.
  await replayPage.getByLabel('Email address').fill(member.email);
  await replayPage.getByLabel('Password', { exact: true }).fill(member.password);
  await replayPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(replayPage.getByRole('alert')).toContainText('The email address or password is not right');

  await card.getByRole('button', { name: 'Reinstate' }).click();
  await expect(page.getByRole('status')).toHaveText('Member reinstated');
  await signIn(replayPage, member.email, member.password);
  await replay.close();
});

test('a steward cannot suspend themselves (no button, and a forged request is refused)', async ({ page }) => {
  const stewardId = await userIdOf(STEWARD.email);
  await signInAs(page, stewardId);
  await visit(page, `/admin/members?q=${encodeURIComponent(STEWARD.email)}`);
  const card = page.getByRole('listitem').filter({ hasText: STEWARD.email });
  await expect(card.getByRole('button', { name: 'Suspend' })).toHaveCount(0);
  const status = await page.evaluate((id) => fetch('/admin/members', { method: 'POST', body: new URLSearchParams({ intent: 'suspend', id }) }).then((r) => r.status), stewardId);
  expect(status).toBe(409);
  expect((await userRow(stewardId)).status).toBe('active');
});
