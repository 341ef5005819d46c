import fs from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { db } from '../db/connection';
import { createMember, signInAs, visit } from './support';

/**
 * Pages ship only the parts of the catalogue they show (docs/decisions/0004-per-page-catalogues.md).
 * A key missing from a page's parts would show the raw key (`directory.search.title`) to a member:
 * visit every main page, both as a fresh document and by client-side navigation from another area,
 * in English and in Arabic, and look for key-like text in the page.
 */
const PAGES = ['/', '/members', '/orgs', '/members/matches', '/notices', '/bids', '/mentoring', '/governance', '/notifications', '/settings/profile', '/admin'];
const KEY_LIKE = /\b[a-z]+\.[a-zA-Z]+\.[a-zA-Z.]+\b/;

async function expectNoRawKeys(page: Page, where: string) {
  await expect(page.locator('h1').first()).toBeVisible();
  // Visible text, plus labels that assistive technology reads.
  const texts = await page.evaluate(() => {
    const out = [document.querySelector('main')?.innerText ?? '', document.querySelector('header')?.innerText ?? '', document.title];
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      out.push(el.getAttribute('aria-label') ?? '', el.getAttribute('placeholder') ?? '', el.getAttribute('title') ?? '');
    }
    return out.join('\n');
  });
  // Email addresses and web addresses look like keys; leave them out.
  const found = texts
    .split(/\s+/)
    .filter((w) => !w.includes('@') && !/^https?:/.test(w) && !/\.(org|com|uk|net|pdf|docx|csv|ics|sqlite)\b/.test(w))
    .filter((w) => KEY_LIKE.test(w));
  expect(found, `raw translation keys on ${where}`).toEqual([]);
}

/** Navigates the way a <Link> does: client-side, no new document. */
async function navigateClientSide(page: Page, path: string) {
  const marker = await page.evaluate(() => ((window as unknown as { __pageMarker: number }).__pageMarker = Math.random()));
  // Remix's own router, as a <Link> uses it.
  await page.evaluate((to) => (window as unknown as { __remixRouter: { navigate: (to: string) => Promise<void> } }).__remixRouter.navigate(to), path);
  // (navigate() resolves when the page has loaded; /admin redirects to its first tab.)
  expect(new URL(page.url()).pathname.startsWith(path)).toBe(true);
  // Still the same document: the navigation happened in the browser.
  expect(await page.evaluate(() => (window as unknown as { __pageMarker?: number }).__pageMarker)).toBe(marker);
}

for (const lang of ['en', 'ar']) {
  test(`no page shows a raw translation key (${lang}), loaded or reached client-side`, async ({ page }) => {
    test.setTimeout(120_000);
    const steward = await createMember({ role: 'steward', locale: lang });
    await db.updateTable('users').set({ locale: lang }).where('id', '=', steward.id).execute();
    await signInAs(page, steward.id);

    // Each page as a fresh document: only its own parts are embedded.
    for (const path of PAGES) {
      await visit(page, path);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expectNoRawKeys(page, `${path} (document)`);
    }
    // The embedded catalogue is the page's parts, not the whole catalogue (only pages that ship
    // JavaScript embed one, issue 17: bids do).
    await visit(page, '/bids');
    const embedded = JSON.parse((await page.locator('#i18n-resources').textContent()) ?? '{}') as Record<string, unknown>;
    expect(Object.keys(embedded)).toContain('bids');
    expect(Object.keys(embedded)).toContain('directory.tags');
    expect(Object.keys(embedded)).not.toContain('directory');
    expect(Object.keys(embedded)).not.toContain('governance');

    // Then every page reached from another area without a new document, so the parts it needs are
    // fetched before it renders.
    const fetched: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/resources/i18n')) fetched.push(r.url());
    });
    // From a page that ships JavaScript (settings), since /privacy no longer does (issue 17).
    await visit(page, '/settings');
    for (const path of [...PAGES].reverse()) {
      await navigateClientSide(page, path);
      await expectNoRawKeys(page, `${path} (client-side navigation)`);
    }
    expect(fetched.length).toBeGreaterThan(0);
  });
}

test('changing the language in settings (no reload) shows the new language everywhere, with no raw keys', async ({ page }) => {
  const member = await createMember({ locale: 'en' });
  await signInAs(page, member.id);
  await visit(page, '/settings');
  await page.getByLabel('Language of the workspace').selectOption('ar');
  await page.getByRole('region', { name: 'Your account' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  // The flash comes from the settings area, in Arabic.
  const ar = JSON.parse(fs.readFileSync('app/locales/ar/settings.json', 'utf8')) as { account: { saved: string } };
  await expect(page.getByRole('status').filter({ hasText: ar.account.saved })).toBeVisible();
  await expectNoRawKeys(page, '/settings after switching to Arabic');
  await navigateClientSide(page, '/members');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectNoRawKeys(page, '/members in Arabic after switching');
});
