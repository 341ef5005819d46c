import { test, expect, type Page } from '@playwright/test';
import { editor, openDraft, pageFor, seededBid } from './collab-support';
import { signOut, visit } from './support';
import { addPartner } from '../app/modules/bids/bids.server';

/**
 * Issue 12.2, "Offline for real". Two partners on one bid, two phones. One loses the network for a
 * minute (setOffline) while both keep typing; the offline one reloads the page while still offline —
 * the browser must not show its "no internet" page: the service worker serves the bid page it kept, the
 * draft opens from this phone's copy (IndexedDB) and stays editable. Back online, both converge with
 * nothing lost. Sign-out then leaves none of the worker's caches behind.
 */

/** The bid page is kept by the service worker (it was opened, on this phone, by this member). */
async function pageIsKept(page: Page) {
  return page.evaluate(async () => {
    if (!('caches' in self)) return false;
    return Boolean(await caches.match(location.pathname));
  });
}

async function typeAtEnd(page: Page, sectionId: string, text: string) {
  await editor(page, sectionId).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

test('offline for a minute, reloaded while offline: the draft opens, takes edits and converges', async ({ browser }) => {
  test.setTimeout(240_000);
  const { id, sections, lead, partner } = await seededBid('Offline for real');
  const section = sections[0]!;
  const a = await pageFor(browser, lead.id);
  const b = await pageFor(browser, partner.id);
  await openDraft(a, id, section.id);
  await openDraft(b, id, section.id);
  await typeAtEnd(a, section.id, ' Lead before.');
  await expect(editor(b, section.id)).toContainText('Lead before.');

  // The worker is registered from the bid page and keeps this page (even the first visit's).
  await expect.poll(() => pageIsKept(a), { timeout: 20_000 }).toBe(true);
  await expect(a.locator('.collab-status')).toHaveAttribute('data-state', 'saved');

  await a.context().setOffline(true);
  await expect(a.locator('.collab-status')).toHaveAttribute('data-state', 'offline');
  await expect(a.locator('.collab-last-synced')).toBeVisible();

  // A minute apart: both type, in turns, ~2 s apart (the reload happens halfway).
  const words: { a: string[]; b: string[] } = { a: [], b: [] };
  const started = Date.now();
  let reloaded = false;
  for (let i = 0; Date.now() - started < 60_000; i++) {
    const wa = ` alpha${i}`;
    const wb = ` beta${i}`;
    await typeAtEnd(a, section.id, wa);
    words.a.push(wa.trim());
    await typeAtEnd(b, section.id, wb);
    words.b.push(wb.trim());
    if (!reloaded && Date.now() - started > 30_000) {
      reloaded = true;
      // Reload while offline: no "no internet" page; the kept page and this phone's copy of the draft.
      await a.reload();
      await expect(a.locator('h1')).toContainText('Offline for real');
      await a.waitForSelector('html[data-hydrated]', { state: 'attached' });
      await expect(editor(a, section.id)).toBeVisible({ timeout: 15_000 });
      await expect(editor(a, section.id)).toContainText(`Lead before.${words.a.map((w) => ` ${w}`).join('')}`);
      await expect(a.locator('.collab-status')).toHaveAttribute('data-state', 'offline');
      await expect(a.locator('.collab-status')).toContainText('Offline');
      await expect(a.locator('.collab-last-synced')).toBeVisible();
    }
    await a.waitForTimeout(1_500);
  }
  expect(reloaded).toBe(true);
  // Offline, the partner's words never arrived; the offline phone's words never left.
  await expect(editor(a, section.id)).not.toContainText('beta0');
  await expect(editor(b, section.id)).not.toContainText('alpha0');

  await a.context().setOffline(false);
  await expect(a.locator('.collab-status')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
  const all = [...words.a, ...words.b, 'Lead before.'];
  for (const page of [a, b]) {
    for (const w of all) await expect(editor(page, section.id)).toContainText(w, { timeout: 20_000 });
  }
  await expect.poll(async () => (await editor(a, section.id).innerText()) === (await editor(b, section.id).innerText()), { timeout: 20_000 }).toBe(true);
  // Each phone's own words stay in the order they were typed.
  const text = await editor(a, section.id).innerText();
  for (const list of [words.a, words.b]) {
    const positions = list.map((w) => text.indexOf(w));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
  }

  // Sign-out leaves nothing of the worker's caches (nor the draft's local copy) on this phone.
  await signOut(a);
  await a.waitForURL((url) => !url.pathname.startsWith('/bids'));
  await expect.poll(() => a.evaluate(async () => (await caches.keys()).length), { timeout: 10_000 }).toBe(0);
  await expect.poll(() => a.evaluate(async () => (await indexedDB.databases()).filter((d) => d.name?.startsWith('nomi-collab:')).length)).toBe(0);
  await a.context().close();
  await b.context().close();
});

test('a bid page this member never opened is not served offline, and a signed-out visit is not kept', async ({ browser }) => {
  const { id, lead } = await seededBid('Never opened offline');
  const other = await seededBid('Opened before');
  // A partner on both bids who has only ever opened the second.
  await addPartner(id, { userId: other.lead.id, role: 'partner', budgetShare: 0 }, { id: lead.id, name: lead.name });
  const a = await pageFor(browser, other.lead.id);
  await openDraft(a, other.id, other.sections[0]!.id);
  // Wait until the page opened is kept, so the worker controls this phone.
  await expect.poll(() => pageIsKept(a), { timeout: 20_000 }).toBe(true);
  await a.context().setOffline(true);
  await expect(a.goto(`/bids/${id}`)).rejects.toThrow();
  await a.context().setOffline(false);
  // A signed-out visitor's view (a redirect to sign in) is not kept under the bid's address.
  await a.context().clearCookies();
  await visit(a, `/bids/${id}`);
  expect(new URL(a.url()).pathname).not.toBe(`/bids/${id}`);
  expect(await a.evaluate(async (path) => Boolean(await caches.match(path)), `/bids/${id}`)).toBe(false);
  await a.context().close();
});
