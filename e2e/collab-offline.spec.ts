import { test, expect, type Page } from '@playwright/test';
import { editor, openDraft, pageFor, seededBid } from './collab-support';
import { baseUrl, signOut, visit } from './support';
import { db } from '../db/connection';
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

/** The section's text without the other people's carets (their name labels sit inside the editor). */
function draftText(page: Page, sectionId: string) {
  return editor(page, sectionId).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret, .collaboration-carets__label').forEach((c) => c.remove());
    return copy.textContent ?? '';
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
  await expect.poll(async () => (await draftText(a, section.id)) === (await draftText(b, section.id)), { timeout: 20_000 }).toBe(true);
  // Each phone's own words stay in the order they were typed.
  const text = await draftText(a, section.id);
  for (const list of [words.a, words.b]) {
    const positions = list.map((w) => text.indexOf(w));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
  }

  // Sign-out leaves nothing of the worker's caches (nor the draft's local copy) on this phone.
  await signOut(a);
  await a.waitForURL((url) => !url.pathname.startsWith('/bids'));
  // Nothing kept in any cache. (Workbox's expiration bookkeeping, still running for a file served just
  // before, may open an emptied cache again a moment later: it only ever deletes from it.)
  const kept = () =>
    a.evaluate(async () => {
      let entries = 0;
      for (const name of await caches.keys()) entries += (await (await caches.open(name)).keys()).length;
      return entries;
    });
  await expect.poll(kept, { timeout: 10_000 }).toBe(0);
  await expect.poll(() => a.evaluate(async () => (await indexedDB.databases()).filter((d) => d.name?.startsWith('nomi-collab:')).length)).toBe(0);
  // Whoever uses the phone next cannot page Back to the draft.
  await a.goBack();
  await expect(a).toHaveURL(/\/login\?redirectTo=/);
  await expect(a.getByText(words.a[0]!)).toHaveCount(0);
  await a.context().close();
  await b.context().close();
});

test('a bid page this member never opened is not served offline, and a signed-out visit is not kept', async ({ browser }) => {
  const { id, lead } = await seededBid('Never opened offline');
  const other = await seededBid('Opened before');
  // A partner on both bids who has only ever opened the second.
  await addPartner(id, { userId: other.lead.id, role: 'partner', budgetShare: 0 }, { id: lead.id, role: 'member', name: lead.name });
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

test("a partner removed while connected loses the worker's kept page of that bid, not the others'", async ({ browser }) => {
  test.setTimeout(90_000);
  const { id, sections, lead, partner } = await seededBid('Removed partner offline');
  const kept = await seededBid('Still a partner here');
  await addPartner(kept.id, { userId: partner.id, role: 'partner', budgetShare: 0 }, { id: kept.lead.id, role: 'member', name: kept.lead.name });
  const b = await pageFor(browser, partner.id);
  await openDraft(b, kept.id, kept.sections[0]!.id);
  await expect.poll(() => pageIsKept(b), { timeout: 20_000 }).toBe(true);
  await openDraft(b, id, sections[0]!.id);
  await expect.poll(() => pageIsKept(b), { timeout: 20_000 }).toBe(true);

  // The lead removes the partner (the real form post): accessChanged closes the editor, the page wipes.
  const a = await pageFor(browser, lead.id);
  await visit(a, `/bids/${id}`);
  const row = await db.selectFrom('bid_partners').select('id').where('bid_id', '=', id).where('user_id', '=', partner.id).executeTakeFirstOrThrow();
  const response = await a.request.post(`/bids/${id}/partners`, { form: { intent: 'remove', partnerId: row.id }, headers: { Origin: baseUrl() }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
  await expect(b.locator('[data-reason="revoked"]')).toBeVisible();
  await expect.poll(() => pageIsKept(b)).toBe(false);
  expect(await b.evaluate(async (path) => Boolean(await caches.match(path)), `/bids/${kept.id}`)).toBe(true);

  // Offline, the removed bid's page is not served from this phone any more.
  await b.context().setOffline(true);
  await expect(b.goto(`/bids/${id}`)).rejects.toThrow();
  await b.context().setOffline(false);
  await a.context().close();
  await b.context().close();
});
