import { test, expect } from '@playwright/test';
import { db } from '../db/connection';
import { createMember, signInAs, visit } from './support';

/**
 * Page weight (issue 3/6 targets): live data (TanStack Query) is not part of every page's scripts. The
 * unread badge's polling loads after the page is interactive, and still keeps the count fresh.
 */
async function addNotification(userId: string) {
  await db
    .insertInto('notifications')
    .values({ user_id: userId, kind: 'membership.member_joined', params: JSON.stringify({ name: 'Amina' }), link: '/members', created_at: Date.now() })
    .execute();
}

test('the unread badge shows the count at once and stays fresh without a reload', async ({ page }) => {
  const member = await createMember();
  await addNotification(member.id);
  await page.clock.install();
  await signInAs(page, member.id);
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await visit(page, '/members');
  const badge = page.locator('.site-header__icon-link .badge');
  await expect(badge).toContainText('1');
  // The polling code is fetched after hydration, not listed among the page's scripts.
  const html = await (await page.request.get('/members')).text();
  await expect.poll(() => scripts.some((s) => s.includes('unread-poller'))).toBe(true);
  expect(html).not.toContain('unread-poller');

  // A new notification arrives; within a minute the badge shows it, with no navigation.
  await addNotification(member.id);
  // Let a minute pass (the poller may still be mounting the first time round).
  await expect
    .poll(async () => {
      await page.clock.fastForward(61_000);
      return badge.textContent();
    })
    .toContain('2');
  await expect(badge.locator('.visually-hidden')).toHaveText('2 unread notifications');
});
