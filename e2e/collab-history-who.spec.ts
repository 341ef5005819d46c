import { test, expect, type Browser, type Page } from '@playwright/test';
import { createMember, expectAccessible, visit, baseUrl } from './support';
import { db } from '../db/connection';
import { createBid, addPartner } from '../app/modules/bids/bids.server';
import { createSessionCookie } from '../app/modules/auth/session.server';

/**
 * Issue 12.7, history says who: two partners on two phones (360 px) type into one section; the
 * version saved afterwards lists both, and comparing it with the version before shows each person's
 * changes under their own name — in the legend, as a visible label, and as text a screen reader
 * reads ("added by …:") — so colour is never the only cue.
 */
const DAY = 24 * 60 * 60_000;

async function pageFor(browser: Browser, userId: string): Promise<Page> {
  const base = baseUrl();
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, baseURL: base });
  const [pair] = (await createSessionCookie(userId)).split(';');
  const [name, value] = pair!.split('=');
  await context.addCookies([{ name: name!, value: value!, url: base }]);
  return context.newPage();
}

const editor = (page: Page, sectionId: string) => page.locator(`.collab-editor[data-field="section-${sectionId}"] .ProseMirror`);

async function openDraft(page: Page, bidId: string, sectionId: string) {
  await visit(page, `/bids/${bidId}`);
  await expect(editor(page, sectionId)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible({ timeout: 10_000 });
}

async function nameVersion(page: Page, documentId: string, name: string) {
  await visit(page, `/documents/${documentId}/history`);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Save named version' }).click();
  await expect(page.getByText(name).first()).toBeVisible();
}

test('two partners type; the version lists both and the comparison credits each change to its author', async ({ browser }) => {
  test.setTimeout(120_000);
  const lead = await createMember({ name: 'Layla Lead' });
  const partner = await createMember({ name: 'Piotr Partner' });
  const id = await createBid(
    { title: 'Who wrote what', funder: 'Test Funder', deadline: Date.now() + 20 * DAY, amount: 5000_00, currency: 'GBP', themes: [], skillsNeeded: [], template: 'awards-for-all' },
    { id: lead.id },
    'en',
  );
  await addPartner(id, { userId: partner.id, role: 'partner', budgetShare: 0 }, { id: lead.id, role: 'member', name: lead.name });
  const { document_id: documentId } = await db.selectFrom('bids').select('document_id').where('id', '=', id).executeTakeFirstOrThrow();
  const section = (await db.selectFrom('bid_sections').select('id').where('bid_id', '=', id).orderBy('position').executeTakeFirstOrThrow()).id;

  const a = await pageFor(browser, lead.id);
  const b = await pageFor(browser, partner.id);
  await nameVersion(a, documentId!, 'before we wrote');

  await openDraft(a, id, section);
  await openDraft(b, id, section);
  await editor(a, section).click();
  await a.keyboard.type('Layla drafts the need.');
  await expect(editor(b, section)).toContainText('Layla drafts the need.');
  await editor(b, section).click();
  await b.keyboard.press('Control+End');
  await b.keyboard.press('Enter');
  await b.keyboard.type('Piotr adds the outcomes.');
  await expect(editor(a, section)).toContainText('Piotr adds the outcomes.');
  await expect(a.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expect(b.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await b.context().close();

  await nameVersion(a, documentId!, 'both wrote');
  const item = a.locator('.collab-versions > li').filter({ hasText: 'both wrote' });
  await expect(item.locator('.collab-version-editors')).toHaveText('Edited since the version before by Layla Lead and Piotr Partner');

  // Compare the two versions with the (JavaScript-free) form.
  await a.getByRole('link', { name: 'Compare with now: before we wrote' }).click();
  const to = a.getByRole('combobox', { name: 'Compare with' });
  await to.selectOption((await to.locator('option').filter({ hasText: 'both wrote' }).getAttribute('value'))!);
  await a.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(a.getByRole('heading', { level: 2, name: /^Changes from .* to / })).toBeVisible();

  const legend = a.locator('.collab-legend li');
  await expect(legend).toHaveText(['Layla Lead', 'Piotr Partner']);
  const laylas = a.locator('.collab-diff ins').filter({ hasText: 'Layla drafts the need.' });
  const piotrs = a.locator('.collab-diff ins').filter({ hasText: 'Piotr adds the outcomes.' });
  await expect(laylas).toHaveCount(1);
  await expect(piotrs).toHaveCount(1);
  // What a screen reader hears, and the visible name label.
  await expect(laylas.locator('.visually-hidden')).toHaveText('added by Layla Lead: ');
  await expect(piotrs.locator('.visually-hidden')).toHaveText('added by Piotr Partner: ');
  await expect(laylas.locator('.collab-who__label')).toHaveText('Layla Lead');
  await expect(piotrs.locator('.collab-who__label')).toHaveText('Piotr Partner');
  // Two people, two looks: different colour and underline style.
  const look = (l: typeof laylas) => l.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).textDecorationStyle].join(' '));
  expect(await look(laylas)).not.toBe(await look(piotrs));
  // Nothing wider than the phone.
  expect(await a.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(a);
  await a.context().close();
});
