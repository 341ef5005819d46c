import { test, expect } from '@playwright/test';
import { db } from '../db/connection';
import { createMember, hydrates, signInAs, visit } from './support';

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
  // A page that ships JavaScript (bids: the live editor and countdowns); pages without a live widget
  // have no scripts at all and show the count fresh on every page load (issue 17, test below).
  await visit(page, '/bids');
  const badge = page.locator('.site-header__icon-link .badge');
  await expect(badge).toContainText('1');
  // The polling code is fetched after hydration, not listed among the page's scripts.
  const html = await (await page.request.get('/bids')).text();
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

/**
 * Issue 17: pages without a live widget ship no JavaScript at all (a phone has nothing to run before it
 * answers a tap); pages with one (the voice recorder on /join, bids) still hydrate. The no-JavaScript
 * spec proves those pages work without it.
 */
test('main pages ship no JavaScript; pages with a live widget still hydrate', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  for (const path of ['/', '/projects', '/privacy']) {
    await visit(page, path);
    expect(await hydrates(page), path).toBe(false);
    expect(await page.locator('script:not([type="application/json"])').count(), path).toBe(0);
  }
  expect(scripts).toEqual([]);

  await visit(page, '/join');
  expect(await hydrates(page)).toBe(true);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');

  const member = await createMember();
  await addNotification(member.id);
  await signInAs(page, member.id);
  scripts.length = 0;
  for (const path of ['/', '/members', '/notices', '/governance']) {
    await visit(page, path);
    expect(await hydrates(page), path).toBe(false);
    // Still the whole page: the menu (a details element), the language picker, the unread count.
    await expect(page.locator('details.site-menu'), path).toHaveCount(1);
    await expect(page.locator('#language-picker'), path).toHaveCount(1);
    await expect(page.locator('.site-header__icon-link .badge'), path).toContainText('1');
  }
  expect(scripts).toEqual([]);
  await visit(page, '/bids');
  expect(await hydrates(page)).toBe(true);
});
