import { test, expect, type Browser, type Page } from '@playwright/test';
import { baseUrl, createMember, expectAccessible, signInAs, userIdOf, visit, STEWARD } from './support';
import { db } from '../db/connection';
import { createBid, addPartner, listPartners } from '../app/modules/bids/bids.server';
import { toLondonInput } from '../app/modules/bids/constants';

const DAY = 24 * 60 * 60_000;
const PHONE = { width: 360, height: 740 };

async function pageFor(browser: Browser, userId: string, viewport = PHONE): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signInAs(page, userId);
  return page;
}

/** A bid made straight in the database, with a lead, a partner and a reviewer. */
async function seededBid() {
  const lead = await createMember({ name: 'Bid Lead' });
  const partner = await createMember({ name: 'Bid Partner' });
  const reviewer = await createMember({ name: 'Bid Reviewer' });
  const id = await createBid(
    { title: 'Tenancy rights in five languages', funder: 'Test Funder', deadline: Date.now() + 20 * DAY, amount: 6000_00, currency: 'GBP', themes: ['housing'], skillsNeeded: [], template: 'awards-for-all' },
    { id: lead.id },
    'en',
  );
  await addPartner(id, { userId: partner.id, role: 'partner', budgetShare: 0 }, { id: lead.id, name: lead.name });
  await addPartner(id, { userId: reviewer.id, role: 'reviewer', budgetShare: 0 }, { id: lead.id, name: lead.name });
  return { id, lead, partner, reviewer };
}

test('create a bid from a funder template; past deadline and bad word limits are refused; budget split must add up', async ({ browser }) => {
  test.setTimeout(120_000);
  const lead = await createMember({ name: 'Amina Lead' });
  const friend = await createMember({ name: 'Ioana Friend' });
  const page = await pageFor(browser, lead.id);

  // The noticeboard links here with the call prefilled.
  await visit(page, '/bids/new?funder=The%20National%20Lottery%20Community%20Fund&call=Awards%20for%20All&amount=9500&link=https://example.org/call');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Start a joint bid');
  await expect(page.getByLabel('Funder')).toHaveValue('The National Lottery Community Fund');
  await expect(page.getByLabel('Amount requested')).toHaveValue('9500');
  await expectAccessible(page);

  // A deadline in the past is refused, next to the field; what was typed is kept and nothing is saved.
  await page.getByRole('radio', { name: /Awards for All/ }).check();
  await page.getByLabel('Title of the bid').fill('Safe homes, strong voices');
  await page.getByLabel('Deadline').fill(toLondonInput(Date.now() - 2 * DAY));
  await page.getByRole('button', { name: 'Create the bid' }).click();
  await expect(page.locator('.field--error').filter({ hasText: 'The deadline must be in the future.' })).toBeVisible();
  await expect(page.getByLabel('Title of the bid')).toHaveValue('Safe homes, strong voices');
  expect(await db.selectFrom('bids').select('id').where('title', '=', 'Safe homes, strong voices').execute()).toHaveLength(0);

  await page.getByLabel('Deadline').fill(toLondonInput(Date.now() + 30 * DAY));
  await page.getByRole('button', { name: 'Create the bid' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Safe homes, strong voices');
  const bid = await db.selectFrom('bids').selectAll().where('title', '=', 'Safe homes, strong voices').executeTakeFirstOrThrow();
  expect(bid.amount).toBe(9500_00);
  // The template's sections, with their word limits, are listed with their counts.
  const counts = page.getByRole('table', { name: 'Words in each section' });
  await expect(counts.getByRole('row')).toHaveCount(7);
  await expect(counts).toContainText('Project summary');
  await expect(counts).toContainText('0 of 100 words');
  await expect(page.getByText(/Due in \d+ days/)).toBeVisible();
  await expectAccessible(page);

  // Sections: a word limit of 0 or below is refused, with the input kept.
  await page.getByRole('link', { name: 'Sections' }).click();
  await page.getByLabel('Title of the new section').fill('Letters of support');
  await page.getByLabel('Word limit').last().fill('0');
  await page.getByRole('button', { name: 'Add a section' }).click();
  await expect(page.getByText('A word limit must be a whole number above 0, or left empty.').first()).toBeVisible();
  await expect(page.getByLabel('Title of the new section')).toHaveValue('Letters of support');
  await page.getByLabel('Word limit').last().fill('-20');
  await page.getByRole('button', { name: 'Add a section' }).click();
  await expect(page.getByText('A word limit must be a whole number above 0, or left empty.').first()).toBeVisible();
  expect(await db.selectFrom('bid_sections').select('id').where('bid_id', '=', bid.id).where('title', '=', 'Letters of support').execute()).toHaveLength(0);
  await page.getByLabel('Word limit').last().fill('250');
  await page.getByRole('button', { name: 'Add a section' }).click();
  await expect(page.getByText('Section added.')).toBeVisible();
  await expectAccessible(page);
  // Deleting asks first (works without JavaScript too).
  await page.getByText('Delete section: Budget', { exact: true }).click();
  await page.getByRole('button', { name: 'Yes, delete this section' }).click();
  await expect(page.getByText('Section deleted.')).toBeVisible();
  expect((await db.selectFrom('bid_sections').select('title').where('bid_id', '=', bid.id).orderBy('position').execute()).map((r) => r.title)).toEqual([
    'Project summary',
    'Why your project is needed',
    'What you will do (activities)',
    'The difference your project will make',
    'Who will benefit',
    'Letters of support',
  ]);

  // Partners with budget shares.
  await page.getByRole('link', { name: 'Partners and budget' }).click();
  const invite = page.getByRole('region', { name: 'Invite a partner' });
  await invite.getByLabel('Member').selectOption({ label: friend.name });
  await invite.getByLabel('Budget share').fill('4000');
  await invite.getByLabel('What they will deliver').fill('Workshops in Romanian');
  await invite.getByRole('button', { name: 'Invite to the bid' }).click();
  await expect(page.getByText('Partner invited. They have been told.')).toBeVisible();
  await expect(page.getByText('Still to share out: £5,500.')).toBeVisible();
  await expectAccessible(page);

  // A split that does not add up is refused with a clear message, and nothing is saved.
  await page.getByLabel('Share for Amina Lead').fill('5000');
  await page.getByLabel(`Share for ${friend.name}`).fill('4000');
  await page.getByRole('button', { name: 'Save the budget' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The shares add up to £9,000, which is £500 less than the amount requested (£9,500). Nothing was saved.' })).toBeVisible();
  await expect(page.getByLabel('Share for Amina Lead')).toHaveValue('5000');
  expect((await listPartners(bid.id)).map((p) => p.budget_share).sort()).toEqual([0, 4000_00]);
  await page.getByLabel('Share for Amina Lead').fill('5500');
  await page.getByRole('button', { name: 'Save the budget' }).click();
  await expect(page.getByText('Budget saved.')).toBeVisible();
  await expect(page.getByText('The shares add up to the amount requested.')).toBeVisible();
  expect((await listPartners(bid.id)).map((p) => p.budget_share).sort()).toEqual([4000_00, 5500_00]);

  // The invited partner was told and now sees the bid in their list.
  const friendPage = await pageFor(browser, friend.id);
  await visit(friendPage, '/bids');
  await expect(friendPage.getByRole('link', { name: 'Safe homes, strong voices' })).toBeVisible();
  await expectAccessible(friendPage);
});

test('only partners see a bid: outsiders and stewards get 404 on the page, its files and its exports', async ({ browser }) => {
  const { id, lead } = await seededBid();
  const leadPage = await pageFor(browser, lead.id, { width: 1280, height: 800 });

  // The lead attaches a real PDF; a disguised program is refused by its content.
  await visit(leadPage, `/bids/${id}/files`);
  await leadPage.getByLabel('File', { exact: true }).setInputFiles({ name: 'budget.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00' + 'x'.repeat(400) + 'This program cannot be run in DOS mode') });
  await leadPage.getByRole('button', { name: 'Upload' }).click();
  await expect(leadPage.getByText('This file is not a PDF, Word, Excel or image file.')).toBeVisible();
  expect(await db.selectFrom('bid_attachments').select('id').where('bid_id', '=', id).execute()).toHaveLength(0);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  await leadPage.getByLabel('File', { exact: true }).setInputFiles({ name: 'letter of support.pdf', mimeType: 'application/pdf', buffer: pdf });
  await leadPage.getByRole('button', { name: 'Upload' }).click();
  await expect(leadPage.getByText('File added.')).toBeVisible();
  await expectAccessible(leadPage);
  const file = await db.selectFrom('bid_attachments').selectAll().where('bid_id', '=', id).executeTakeFirstOrThrow();
  const download = await leadPage.request.get(`/bids/${id}/files/${file.id}`);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-disposition']).toContain('attachment');
  expect(download.headers()['x-content-type-options']).toMatch(/^nosniff/);
  expect(download.headers()['content-security-policy']).toContain('sandbox');

  const bid = await db.selectFrom('bids').select('document_id').where('id', '=', id).executeTakeFirstOrThrow();
  const outsider = await createMember({ name: 'Not A Partner' });
  const stewardId = await userIdOf(STEWARD.email);
  for (const who of [outsider.id, stewardId]) {
    const page = await pageFor(browser, who);
    for (const path of [`/bids/${id}`, `/bids/${id}/partners`, `/bids/${id}/tasks`, `/bids/${id}/files`, `/bids/${id}/files/${file.id}`, `/documents/${bid.document_id}/export.docx`, `/documents/${bid.document_id}/export.pdf`, `/documents/${bid.document_id}/history`]) {
      const response = await page.request.get(path);
      expect(response.status(), `${path} for ${who === stewardId ? 'steward' : 'outsider'}`).toBe(404);
      expect(await response.text()).not.toContain('Tenancy rights in five languages');
    }
    // Nor can they change anything.
    const post = await page.request.post(`/bids/${id}/tasks`, { form: { intent: 'add', title: 'Sneaky task' }, headers: { Origin: baseUrl() } });
    expect(post.status()).toBe(404);
    await visit(page, '/bids');
    await expect(page.getByText('Tenancy rights in five languages')).toHaveCount(0);
  }
  expect(await db.selectFrom('bid_tasks').select('id').where('bid_id', '=', id).execute()).toHaveLength(0);
});

test('a reviewer reads but cannot change: no editing controls, and the server refuses their changes', async ({ browser }) => {
  const { id, reviewer } = await seededBid();
  const page = await pageFor(browser, reviewer.id);
  await visit(page, `/bids/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tenancy rights in five languages');
  await expect(page.getByText('You are a reviewer: you can read and comment, but not change the text.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sections' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Details and status' })).toHaveCount(0);
  await expectAccessible(page);
  await visit(page, `/bids/${id}/tasks`);
  await expect(page.getByRole('button', { name: 'Add the task' })).toHaveCount(0);
  await visit(page, `/bids/${id}/files`);
  await expect(page.getByRole('button', { name: 'Upload' })).toHaveCount(0);

  for (const [path, form] of [
    [`/bids/${id}/sections`, { intent: 'add', title: 'Reviewer section', wordLimit: '' }],
    [`/bids/${id}/tasks`, { intent: 'add', title: 'Reviewer task' }],
    [`/bids/${id}/partners`, { intent: 'budget' }],
    [`/bids/${id}/settings`, { intent: 'status', status: 'withdrawn' }],
  ] as const) {
    // Same-origin requests (past the CSRF check), refused by the bid's own rules.
    const response = await page.request.post(path, { form, headers: { Origin: baseUrl() } });
    expect(response.status(), path).toBe(403);
    expect(await response.text()).not.toContain('Cross-site');
  }
  expect((await page.request.get(`/bids/${id}/sections`)).status()).toBe(403);
  expect(await db.selectFrom('bid_sections').select('id').where('bid_id', '=', id).where('title', '=', 'Reviewer section').execute()).toHaveLength(0);
  const status = await db.selectFrom('bids').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  expect(status.status).toBe('idea');
});

test('tasks and the outcome: a lead records an award; the page works without JavaScript', async ({ browser }) => {
  const { id, lead, partner } = await seededBid();
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await signInAs(page, lead.id);
  await page.goto(`/bids/${id}/tasks`);
  await page.getByLabel('What needs doing').fill("Get the host organisation's bank details");
  await page.getByLabel('Who does it').selectOption({ label: partner.name });
  await page.getByRole('button', { name: 'Add the task' }).click();
  await expect(page.getByText('Task added.')).toBeVisible();
  await page.getByRole('button', { name: "Mark done: Get the host organisation's bank details" }).click();
  await expect(page.getByText('Task done.')).toBeVisible();
  const assigned = await db.selectFrom('notifications').select('kind').where('user_id', '=', partner.id).where('kind', '=', 'bids.task_assigned').execute();
  expect(assigned).toHaveLength(1);

  await page.goto(`/bids/${id}/settings`);
  await page.getByRole('radio', { name: 'Awarded', exact: true }).check();
  await page.getByLabel('Date of the decision').fill(new Date().toISOString().slice(0, 10));
  await page.getByRole('button', { name: 'Save the decision' }).click();
  await expect(page.getByText('Enter an amount in numbers').first()).toBeVisible();
  await page.getByLabel('Amount awarded').fill('5800');
  await page.getByLabel('Feedback from the funder').fill('A strong, well-evidenced partnership.');
  await page.getByRole('button', { name: 'Save the decision' }).click();
  await expect(page.getByText('Awarded £5,800')).toBeVisible();
  await expect(page.getByText('A strong, well-evidenced partnership.')).toBeVisible();
  // Without JavaScript the draft's text is shown read-only.
  await expect(page.getByRole('heading', { name: 'Project summary' })).toBeVisible();
});
