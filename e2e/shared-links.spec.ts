import { test, expect } from '@playwright/test';
import { createNotice } from '../app/modules/notices/notices.server';
import type { NoticeInput } from '../app/modules/notices/notices.schema';
import { db } from '../db/connection';
import { PASSWORD, STEWARD, createMember, expectAccessible, userIdOf, visit } from './support';

/**
 * Issue 13, item 2: a member who opens a WhatsApp-shared members-only link in WhatsApp's own browser
 * (signed out there) got "Page not found". Members-only pages now send a signed-out visitor to sign in
 * and back — while what is private stays 404, and a visitor learns nothing about what exists.
 */
const PHONE = { width: 360, height: 740 };

function notice(over: Partial<NoticeInput>): NoticeInput {
  return { type: 'offer', title: 'Notice', description: 'Details here.', city: 'coventry', themes: [], isPublic: false, ...over } as NoticeInput;
}

async function signInOnForm(page: import('@playwright/test').Page, email: string) {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a members-only notice shared on WhatsApp, opened signed out on a phone: sign in, then the notice', async ({ page }) => {
  const author = await createMember();
  const reader = await createMember();
  const title = `Free room for workshops ${Date.now()}`;
  const id = await createNotice(author.id, notice({ title }), null);
  await page.setViewportSize(PHONE);
  const shared = `/notices/${id}`;
  await visit(page, shared);
  await expect(page).toHaveURL(new RegExp(`/login\\?redirectTo=${encodeURIComponent(shared)}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await expect(page.getByText(title)).toHaveCount(0);
  await expectAccessible(page);
  await signInOnForm(page, reader.email);
  await expect(page).toHaveURL(new RegExp(`${shared}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
});

test('a visitor cannot tell a hidden or made-up notice from a members-only one; members still get 404 for them', async ({ page }) => {
  const author = await createMember();
  const reader = await createMember();
  const hiddenId = await createNotice(author.id, notice({ title: `Taken down ${Date.now()}` }), null);
  await db.updateTable('notices').set({ hidden: 1 }).where('id', '=', hiddenId).execute();
  for (const path of [`/notices/${hiddenId}`, '/notices/does-not-exist-0000']) {
    await page.context().clearCookies();
    await visit(page, path);
    await expect(page).toHaveURL(new RegExp(`/login\\?redirectTo=${encodeURIComponent(path)}$`));
    await signInOnForm(page, reader.email);
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  }
  // A steward's own page is no different: signed out, sign in first; a member is refused 403.
  await page.context().clearCookies();
  await visit(page, '/admin/applications');
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fapplications$/);
  expect(await userIdOf(STEWARD.email)).toBeTruthy();
});
