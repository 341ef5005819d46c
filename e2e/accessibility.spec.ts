import { test, expect, type Page } from '@playwright/test';
import { db } from '../db/connection';
import { newId, newToken, sha256 } from '../app/modules/auth/tokens.server';
import { createMember, expectAccessible, signInAs, useLanguage, visit } from './support';

/**
 * An axe scan (WCAG 2.2 AA) of every foundation page, in English and in Arabic (right to left).
 * /setup on a fresh database is scanned by first-run.setup.ts's flow; here it is a 404 page.
 */

async function validResetToken(userId: string) {
  const token = newToken();
  const now = Date.now();
  await db.insertInto('password_resets').values({ id: newId(), token_hash: sha256(token), user_id: userId, created_at: now, expires_at: now + 3_600_000 }).execute();
  return token;
}

async function validInvitation(email: string) {
  const token = newToken();
  const now = Date.now();
  await db
    .insertInto('invitations')
    .values({ id: newId(), token_hash: sha256(token), email, invited_by: null, application_id: null, message: 'Welcome — we met at the library.', created_at: now, expires_at: now + 86_400_000 })
    .execute();
  return token;
}

async function check(page: Page, path: string, lang: 'en' | 'ar', status?: number) {
  const response = await visit(page, path);
  if (status) expect(response?.status()).toBe(status);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expectAccessible(page);
}

test.describe.configure({ mode: 'parallel' });

for (const lang of ['en', 'ar'] as const) {
  test.describe(`every page passes axe in ${lang === 'en' ? 'English' : 'Arabic'}`, () => {
    // Each axe scan takes a second or two on a small machine.
    test.setTimeout(90_000);

    test('landing, join and sign-in pages, with their error states', async ({ page }) => {
      await useLanguage(page, lang);
      await check(page, '/', lang);
      await check(page, '/join', lang);
      // The form with its error summary and field errors.
      await page.locator('form[enctype="multipart/form-data"] button[type="submit"]').click();
      await expect(page.locator('.error-summary')).toBeVisible();
      await expectAccessible(page);
      await check(page, '/join?sent=1', lang);
      await check(page, '/login', lang);
      await page.locator('#main form button[type="submit"]').click();
      await expect(page.locator('.error-summary')).toBeVisible();
      await expectAccessible(page);
    });

    test('password reset (both steps), privacy and not-found pages', async ({ page }) => {
      const member = await createMember();
      await useLanguage(page, lang);
      await check(page, '/reset-password', lang);
      await check(page, `/reset-password?token=${await validResetToken(member.id)}`, lang);
      await check(page, '/reset-password?token=not-a-real-token', lang);
      await check(page, '/privacy', lang);
      await check(page, '/no-such-page', lang, 404);
      await check(page, '/setup', lang, 404);
    });

    test('invitation pages, valid and not', async ({ page }) => {
      await useLanguage(page, lang);
      await check(page, `/invite/${await validInvitation(`a11y-${lang}-${Date.now()}@example.org`)}`, lang);
      await check(page, '/invite/not-a-real-token', lang, 404);
    });

    test('member pages', async ({ page }) => {
      const steward = await createMember({ role: 'steward', locale: lang });
      await signInAs(page, steward.id);
      await check(page, '/', lang);
      await check(page, '/settings', lang);
      await check(page, '/notifications', lang);
      await check(page, '/invitations', lang);
    });

    test('steward pages', async ({ page }) => {
      const steward = await createMember({ role: 'steward', locale: lang });
      // Something to review, so the review page shows its full form.
      await db
        .insertInto('applications')
        .values({ id: newId(), name: 'Layla Haddad', email: `applicant-a11y-${lang}-${Date.now()}@example.org`, city: 'coventry', languages: '["ar","en"]', about: 'A homework club.', locale: lang, note_path: null, note_mime: null, note_size: null, note_duration: null, status: 'pending', created_at: Date.now() })
        .execute();
      await signInAs(page, steward.id);
      await check(page, '/admin/applications', lang);
      await check(page, '/admin/members', lang);
      await check(page, '/admin/outbox', lang);
      await check(page, '/admin/settings', lang);
    });
  });
}
