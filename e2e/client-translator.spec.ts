import { test, expect, type Page } from '@playwright/test';
import { createMember, signInAs, useLanguage, visit } from './support';

/** Console errors (React reports hydration mismatches there) and uncaught page errors. */
function collectErrors(page: Page) {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('an Arabic page is translated in the browser without i18next, and hydrates without a mismatch', async ({ page }) => {
  const errors = collectErrors(page);
  await useLanguage(page, 'ar');
  await visit(page, '/privacy');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  // A translated list (returnObjects) shows in Arabic, not empty and not as English.
  await expect(page.locator('main li').first()).toHaveText('الأعضاء فقط يستطيعون رؤية مساحة العمل. الزوار يرون فقط ما اختار العضو أن يجعله عامًا.');
  // /privacy ships no JavaScript (issue 17); /join does (the voice recorder): it hydrates in Arabic.
  await visit(page, '/join');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  // No script of the page carries i18next.
  const scripts = await page.evaluate(() => [...document.querySelectorAll<HTMLScriptElement>('script[src], link[rel="modulepreload"]')].map((s) => (s as HTMLScriptElement).src || (s as unknown as HTMLLinkElement).href));
  for (const src of scripts) expect(await (await page.request.get(src)).text(), src).not.toContain('i18next');
  expect(errors.filter((e) => /hydrat|did not match|Minified React error/i.test(e))).toEqual([]);
});

test('saving another language in settings changes the page without a reload', async ({ page }) => {
  const errors = collectErrors(page);
  const member = await createMember({ name: 'Translator Member' });
  await signInAs(page, member.id);
  await visit(page, '/settings');
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByLabel('Language of the workspace').selectOption('pl');
  await page.getByLabel('Language of the workspace').locator('xpath=ancestor::form').locator('button[type="submit"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  await expect(page.getByText('Twoje dane są zapisane')).toBeVisible();
  await expect(page.getByLabel('Język przestrzeni roboczej')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  expect(errors.filter((e) => /hydrat|did not match|Minified React error/i.test(e))).toEqual([]);
});
