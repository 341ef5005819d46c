import { expect, type Browser, type Page } from '@playwright/test';
import { createMember, visit, baseUrl } from './support';
import { db } from '../db/connection';
import { createBid, addPartner } from '../app/modules/bids/bids.server';
import { createSessionCookie } from '../app/modules/auth/session.server';

const DAY = 24 * 60 * 60_000;

/** A bid with a lead, a partner, a reviewer and an outsider (not on the bid). */
export async function seededBid(title = 'Community kitchen in three cities') {
  const lead = await createMember({ name: 'Layla Lead' });
  const partner = await createMember({ name: 'Piotr Partner' });
  const reviewer = await createMember({ name: 'Rana Reviewer' });
  const outsider = await createMember({ name: 'Oscar Outsider' });
  const id = await createBid(
    { title, funder: 'Test Funder', deadline: Date.now() + 20 * DAY, amount: 5000_00, currency: 'GBP', themes: [], skillsNeeded: [], template: 'awards-for-all' },
    { id: lead.id },
    'en',
  );
  await addPartner(id, { userId: partner.id, role: 'partner', budgetShare: 0 }, { id: lead.id, role: 'member', name: lead.name });
  await addPartner(id, { userId: reviewer.id, role: 'reviewer', budgetShare: 0 }, { id: lead.id, role: 'member', name: lead.name });
  const bid = await db.selectFrom('bids').select('document_id').where('id', '=', id).executeTakeFirstOrThrow();
  const sections = await db.selectFrom('bid_sections').select(['id', 'title']).where('bid_id', '=', id).orderBy('position').execute();
  return { id, documentId: bid.document_id!, sections, lead, partner, reviewer, outsider };
}

/** A phone-sized browser context signed in as the member. */
export async function pageFor(browser: Browser, userId: string, base = baseUrl()): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, baseURL: base });
  const page = await context.newPage();
  const cookie = await createSessionCookie(userId);
  const [pair] = cookie.split(';');
  const [name, value] = pair!.split('=');
  await context.addCookies([{ name: name!, value: value!, url: base }]);
  return page;
}

export function editor(page: Page, sectionId: string) {
  return page.locator(`.collab-editor[data-field="section-${sectionId}"] .ProseMirror`);
}

export async function openDraft(page: Page, bidId: string, sectionId: string) {
  await visit(page, `/bids/${bidId}`);
  await expect(editor(page, sectionId)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible({ timeout: 10_000 });
}

export const localCopies = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('nomi-collab:')));
