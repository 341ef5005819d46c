import { test, expect } from '@playwright/test';
import { STEWARD, expectAccessible, useLanguage, visit } from './support';

// Runs before every other spec: a fresh database has no steward, so the app sends people to /setup.
test('first-run setup creates the first steward, then /setup is gone for good', async ({ page }) => {
  await visit(page, '/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up NOMI Workspace');
  await expectAccessible(page);
  // The same page in Arabic, right to left, passes too.
  await useLanguage(page, 'ar');
  await visit(page, '/setup');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectAccessible(page);
  await page.context().clearCookies();
  await visit(page, '/setup');

  // Bad input first: a short password is refused with a message next to the field, the name is kept.
  await page.getByLabel('Your name').fill(STEWARD.name);
  await page.getByLabel('Email address').fill(STEWARD.email);
  await page.getByLabel('Choose a password').fill('short');
  await page.getByRole('button', { name: 'Create steward account' }).click();
  await expect(page.locator('.field__error').first()).toContainText('at least 10 characters');
  await expect(page.getByLabel('Your name')).toHaveValue(STEWARD.name);
  await expectAccessible(page);

  await page.getByLabel('Choose a password').fill(STEWARD.password);
  await page.getByRole('button', { name: 'Create steward account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${STEWARD.name}`);

  const response = await page.goto('/setup');
  expect(response?.status()).toBe(404);
});
