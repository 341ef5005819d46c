import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { db } from '../db/connection';
import { createMember, signInAs, visit } from './support';

// The Arabic catalogue is written by a translator; until it exists, Arabic pages show English text.
const arabicWritten = (area: string) => fs.existsSync(path.resolve('app/locales/ar', `${area}.json`));

async function chooseLanguage(page: Page, name: string) {
  const menu = page.locator('details.site-menu');
  if ((await menu.getAttribute('open')) === null && (await menu.locator('summary').isVisible())) await menu.locator('summary').click();
  await page.locator('#language-picker').selectOption({ label: name });
  await page.locator('.language-picker button[type="submit"]').click();
}

test('a visitor switches to Arabic: the page turns right to left, stays on the same page, and is remembered', async ({ page }) => {
  await visit(page, '/join');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await chooseLanguage(page, 'العربية');
  await expect(page).toHaveURL(/\/join$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  if (arabicWritten('membership')) await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Ask to join NOMI');
  // Remembered on the next page.
  await visit(page, '/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  if (arabicWritten('auth')) await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Sign in');
  // The server renders Arabic too (no flash of English before hydration).
  const html = await (await page.request.get('/login')).text();
  expect(html).toMatch(/<html lang="ar" dir="rtl"/);

  await chooseLanguage(page, 'English');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
});

test('a browser that asks for Farsi gets a right-to-left page without choosing anything', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'fa-IR', extraHTTPHeaders: { 'Accept-Language': 'fa-IR,fa;q=0.9,en;q=0.5' } });
  const page = await context.newPage();
  await visit(page, '/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fa');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await context.close();
});

test('a member\'s choice is saved to their account and follows them to a new device', async ({ browser, page }) => {
  const member = await createMember({ name: 'Language Member' });
  await signInAs(page, member.id);
  await visit(page, '/settings');
  await chooseLanguage(page, 'العربية');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  expect((await db.selectFrom('users').select('locale').where('id', '=', member.id).executeTakeFirstOrThrow()).locale).toBe('ar');

  const other = await browser.newContext({ extraHTTPHeaders: { 'Accept-Language': 'en-GB' } });
  const otherPage = await other.newPage();
  await signInAs(otherPage, member.id);
  await visit(otherPage, '/');
  await expect(otherPage.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(otherPage.locator('html')).toHaveAttribute('dir', 'rtl');
  // Member-typed text keeps its own direction inside the right-to-left page.
  await expect(otherPage.locator('.site-menu__who strong')).toHaveAttribute('dir', 'auto');
  await other.close();
});
