import { test, expect } from '@playwright/test';
import { STEWARD, signIn } from './support';

test('the steward can sign in and see the dashboard', async ({ page }) => {
  await signIn(page, STEWARD.email, STEWARD.password);
  await expect(page.getByRole('heading', { name: 'Applications' })).toBeVisible();
});
