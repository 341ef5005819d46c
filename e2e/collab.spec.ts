import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { test, expect, type Browser, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { createMember, expectAccessible, signOut, visit, baseUrl } from './support';
import { db } from '../db/connection';
import { createBid, addPartner } from '../app/modules/bids/bids.server';
import { createSessionCookie } from '../app/modules/auth/session.server';
import { nodeClient, waitFor } from '../app/modules/collab/node-client';
import { readZipEntry } from '../test/collab-unzip';

const DAY = 24 * 60 * 60_000;

async function seededBid(title = 'Community kitchen in three cities') {
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

async function pageFor(browser: Browser, userId: string, base = baseUrl()): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, baseURL: base });
  const page = await context.newPage();
  const cookie = await createSessionCookie(userId);
  const [pair] = cookie.split(';');
  const [name, value] = pair!.split('=');
  await context.addCookies([{ name: name!, value: value!, url: base }]);
  return page;
}

function editor(page: Page, sectionId: string) {
  return page.locator(`.collab-editor[data-field="section-${sectionId}"] .ProseMirror`);
}

async function openDraft(page: Page, bidId: string, sectionId: string) {
  await visit(page, `/bids/${bidId}`);
  await expect(editor(page, sectionId)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible({ timeout: 10_000 });
}

test('two partners co-edit a section live; reload keeps it; the page is accessible; DOCX export has the text', async ({ browser }) => {
  test.setTimeout(90_000);
  const { id, documentId, sections, lead, partner } = await seededBid();
  const section = sections[0]!;
  const a = await pageFor(browser, lead.id);
  const b = await pageFor(browser, partner.id);
  await openDraft(a, id, section.id);
  await openDraft(b, id, section.id);

  // Presence: each sees the other's initials in the bar.
  await expect(a.locator('.collab-avatars')).toContainText('PP');
  await expect(b.locator('.collab-avatars')).toContainText('LL');

  await editor(a, section.id).click();
  await a.keyboard.type('Hot meals for newly arrived families');
  const started = Date.now();
  await expect(editor(b, section.id)).toContainText('Hot meals for newly arrived families', { timeout: 1000 });
  expect(Date.now() - started).toBeLessThan(1000);

  await editor(b, section.id).click();
  await b.keyboard.press('End');
  await b.keyboard.type(' in Coventry.');
  await expect(editor(a, section.id)).toContainText('families in Coventry.', { timeout: 1000 });
  // The live word count uses the shared counter.
  await expect(a.locator(`.collab-editor[data-field="section-${section.id}"] + .visually-hidden + .collab-count`)).toHaveAttribute('data-words', '8');
  await expect(a.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expectAccessible(a);

  // Reload: the text comes back from the server, once (no duplicates).
  await a.reload();
  await expect(editor(a, section.id).locator('p').first()).toContainText('Hot meals for newly arrived families in Coventry.', { timeout: 15_000 });
  // (The other partner's caret label may sit inside the paragraph; the text itself appears once.)
  expect((await editor(a, section.id).innerText()).split('Hot meals').length).toBe(2);
  await expect(editor(a, section.id).locator('p')).toHaveCount(1);

  // DOCX export downloads and holds the text under the section's heading.
  await a.goto(`/documents/${documentId}/history`);
  const [download] = await Promise.all([a.waitForEvent('download'), a.getByRole('link', { name: 'Download as Word (.docx)' }).click()]);
  const file = await download.path();
  const xml = readZipEntry(fs.readFileSync(file!), 'word/document.xml')!;
  expect(xml).toContain('Hot meals for newly arrived families in Coventry.');
  expect(xml).toContain(section.title);
  await a.context().close();
  await b.context().close();
});

test('offline edits are kept and merge after reconnecting', async ({ browser }) => {
  test.setTimeout(90_000);
  const { id, sections, lead, partner } = await seededBid('Offline bid');
  const section = sections[1]!;
  const a = await pageFor(browser, lead.id);
  const b = await pageFor(browser, partner.id);
  await openDraft(a, id, section.id);
  await openDraft(b, id, section.id);

  await b.context().setOffline(true);
  await expect(b.getByRole('status').filter({ hasText: 'Offline — your changes will sync' })).toBeVisible({ timeout: 10_000 });
  await editor(b, section.id).click();
  await b.keyboard.type('Written on the bus.');
  await editor(a, section.id).click();
  await a.keyboard.type('Written at the office.');
  await b.context().setOffline(false);
  await expect(editor(a, section.id)).toContainText('Written on the bus.', { timeout: 20_000 });
  await expect(editor(b, section.id)).toContainText('Written at the office.', { timeout: 20_000 });
  await expect(b.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible({ timeout: 20_000 });
  await a.context().close();
  await b.context().close();
});

test('offline edits survive closing the page and merge when it is opened again; signing out clears the copy', async ({ browser }) => {
  test.setTimeout(90_000);
  const { id, sections, lead, partner } = await seededBid('Offline copy bid');
  const section = sections[1]!;
  const b = await pageFor(browser, partner.id);
  await openDraft(b, id, section.id);
  const localCopies = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('nomi-collab:')));
  expect(await localCopies(b)).toHaveLength(1);

  await b.context().setOffline(true);
  await expect(b.getByRole('status').filter({ hasText: 'Offline — your changes will sync' })).toBeVisible({ timeout: 10_000 });
  await editor(b, section.id).click();
  await b.keyboard.type('Typed on the bus, then the phone went to sleep.');
  // y-indexeddb writes each change at once; give the write a moment before the page goes away.
  await b.waitForTimeout(500);
  const context = b.context();
  await b.close();

  // Nothing reached the server while offline.
  const a = await pageFor(browser, lead.id);
  await openDraft(a, id, section.id);
  await expect(editor(a, section.id)).not.toContainText('Typed on the bus');

  // Back online, the same browser opens the document again: the local copy is merged and sent.
  await context.setOffline(false);
  const again = await context.newPage();
  await openDraft(again, id, section.id);
  await expect(editor(again, section.id)).toContainText('Typed on the bus, then the phone went to sleep.');
  await expect(editor(a, section.id)).toContainText('Typed on the bus, then the phone went to sleep.', { timeout: 20_000 });
  await expect(again.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible({ timeout: 20_000 });

  // Signing out on a shared phone deletes the local copies.
  expect(await localCopies(again)).toHaveLength(1);
  await signOut(again);
  await again.waitForURL((url) => !url.pathname.startsWith('/bids'));
  await expect.poll(() => localCopies(again), { timeout: 10_000 }).toHaveLength(0);
  await context.close();
  await a.context().close();
});

test('comments: only open threads are highlighted; authors edit and delete their own comments', async ({ browser }) => {
  test.setTimeout(90_000);
  const { id, sections, lead, reviewer } = await seededBid('Comment edits bid');
  const section = sections[0]!;
  const a = await pageFor(browser, lead.id);
  await openDraft(a, id, section.id);
  await editor(a, section.id).click();
  await a.keyboard.type('Our kitchen opens three evenings a week');
  await expect(a.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  await editor(a, section.id).getByText('Our kitchen opens three evenings a week').selectText();
  await a.getByRole('button', { name: 'Comment on selection' }).first().click();
  await a.getByLabel('Your comment').fill('Which evenings?');
  await a.getByRole('button', { name: 'Add comment' }).click();
  const thread = a.locator('.collab-thread').first();
  await expect(thread).toContainText('Which evenings?');
  const highlighted = editor(a, section.id).locator('.collab-comment-open');
  await expect(highlighted.first()).toBeVisible();

  // The author edits the comment (marked as edited).
  await thread.getByText('Edit', { exact: true }).click();
  await thread.getByLabel('Edit your comment').fill('Which evenings, and from when?');
  await thread.getByRole('button', { name: 'Save changes' }).click();
  await expect(thread.locator('.collab-comment-body')).toHaveText('Which evenings, and from when?');
  await expect(thread).toContainText('edited');

  // Someone else sees no edit or delete controls on it.
  const r = await pageFor(browser, reviewer.id);
  await openDraft(r, id, section.id);
  const theirs = r.locator('.collab-thread').first();
  await expect(theirs).toContainText('Which evenings, and from when?');
  await expect(theirs.getByRole('button', { name: 'Delete your comment' })).toHaveCount(0);
  await theirs.getByLabel('Reply').fill('Monday to Wednesday');
  await theirs.getByRole('button', { name: 'Send reply' }).click();
  await expect(theirs).toContainText('Monday to Wednesday');

  // Resolved: the highlight goes; "show resolved" brings a lighter one back.
  await a.reload();
  await expect(editor(a, section.id)).toBeVisible({ timeout: 15_000 });
  await a.locator('.collab-thread').first().getByRole('button', { name: 'Resolve' }).click();
  await expect(editor(a, section.id).locator('.collab-comment-open')).toHaveCount(0);
  await expect(editor(a, section.id).locator('mark.collab-comment-anchor')).toHaveCount(1);
  await a.getByLabel('Highlight resolved comments in the text').check();
  await expect(editor(a, section.id).locator('.collab-comment-resolved').first()).toBeVisible();
  await expectAccessible(a);

  // Deleting the first comment of a thread with a reply leaves a placeholder.
  await a.locator('.collab-resolved > summary').click();
  const resolvedThread = a.locator('.collab-resolved .collab-thread').first();
  await resolvedThread.getByRole('button', { name: 'Delete your comment' }).click();
  await expect(resolvedThread).toContainText('Comment deleted');
  await expect(resolvedThread).not.toContainText('Which evenings, and from when?');
  await expect(resolvedThread).toContainText('Monday to Wednesday');
  await a.context().close();
  await r.context().close();
});

test('deleting a section takes its text out of the shared document; the version saved before keeps it', async ({ browser }) => {
  test.setTimeout(90_000);
  const { id, documentId, sections, lead, partner, reviewer } = await seededBid('Delete section bid');
  const section = sections[3]!;
  const a = await pageFor(browser, lead.id);
  await openDraft(a, id, section.id);
  await editor(a, section.id).click();
  await a.keyboard.type('Private note about the host organisation');
  await expect(a.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  await visit(a, `/bids/${id}/sections`);
  await a.getByText(`Delete section: ${section.title}`).click();
  await a.getByRole('button', { name: 'Yes, delete this section' }).click();
  await expect(a.getByText('Section deleted.')).toBeVisible();

  // A partner's client reading the raw document finds no trace of the text.
  const cookie = (await createSessionCookie(partner.id)).split(';')[0]!;
  const client = nodeClient({ url: `${baseUrl().replace('http', 'ws')}/collab`, documentId, cookie, origin: baseUrl() });
  await waitFor(() => client.events.includes('synced'), 10_000, 'sync');
  expect(Buffer.from(Y.encodeStateAsUpdate(client.doc)).toString('utf8')).not.toContain('Private note');
  client.destroy();

  // The history keeps a version from just before, showing the deleted section's text.
  await visit(a, `/documents/${documentId}/history`);
  await a.getByRole('link', { name: `View: Before deleting the section “${section.title}”` }).click();
  await expect(a.locator('.collab-snapshot-view')).toContainText('Private note about the host organisation');
  await expect(a.locator('.collab-snapshot-view')).toContainText('Deleted section');
  await expectAccessible(a);
  const snapshotId = new URL(a.url()).searchParams.get('view')!;

  // A reviewer is refused on the server; nothing comes back.
  const r = await pageFor(browser, reviewer.id);
  const refused = await r.request.post(`/documents/${documentId}/history`, {
    form: { intent: 'restoreSection', snapshotId, field: `section-${section.id}` },
    headers: { Origin: baseUrl() },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(403);
  await r.context().close();
  expect(await db.selectFrom('bid_sections').select('id').where('id', '=', section.id).executeTakeFirst()).toBeUndefined();

  // An editor brings the section back from that version, with its text, as the last section.
  await a.getByRole('button', { name: `Restore this section “${section.title}” from this version` }).click();
  await expect(a.getByText(`The section “${section.title}” is back, with its text from this version.`)).toBeVisible();
  await expect(a.getByText(`Restored section “${section.title}”`)).toBeVisible();
  await openDraft(a, id, section.id);
  await expect(editor(a, section.id)).toContainText('Private note about the host organisation');
  const titles = (await db.selectFrom('bid_sections').select('title').where('bid_id', '=', id).orderBy('position').execute()).map((x) => x.title);
  expect(titles.at(-1)).toBe(section.title);
  await a.context().close();
});

test('a reviewer can read and comment but not type; outsiders get 404s and a refused socket', async ({ browser }) => {
  test.setTimeout(90_000);
  const { id, documentId, sections, lead, reviewer, outsider } = await seededBid('Access bid');
  const section = sections[0]!;
  const a = await pageFor(browser, lead.id);
  await openDraft(a, id, section.id);
  await editor(a, section.id).click();
  await a.keyboard.type('Only partners write here');
  await expect(a.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  const r = await pageFor(browser, reviewer.id);
  await openDraft(r, id, section.id);
  await expect(editor(r, section.id)).toContainText('Only partners write here');
  await expect(editor(r, section.id)).toHaveAttribute('contenteditable', 'false');
  await editor(r, section.id).click();
  await r.keyboard.type('reviewer was here');
  await expect(editor(r, section.id)).not.toContainText('reviewer was here');
  await expect(r.getByRole('button', { name: 'Bold' })).toHaveCount(0);

  // Reviewer comments on a selection; the lead sees the thread and can resolve it.
  await editor(r, section.id).getByText('Only partners write here').selectText();
  await r.getByRole('button', { name: 'Comment on selection' }).first().click();
  await r.getByLabel('Your comment').fill('Mention the reviewers too?');
  await r.getByRole('button', { name: 'Add comment' }).click();
  await expect(r.locator('.collab-thread')).toContainText('Mention the reviewers too?');
  await expect(editor(a, section.id).locator('mark.collab-comment-anchor')).toHaveText('Only partners write here', { timeout: 5000 });
  await expectAccessible(r);
  await r.context().close();

  // The outsider: the bid page, the history and the exports are 404; the socket is refused.
  const o = await pageFor(browser, outsider.id);
  for (const path of [`/bids/${id}`, `/documents/${documentId}/history`, `/documents/${documentId}/comments`, `/documents/${documentId}/export.docx`, `/documents/${documentId}/export.pdf`]) {
    const response = await o.request.get(path);
    expect(response.status(), path).toBe(404);
  }
  const cookie = (await createSessionCookie(outsider.id)).split(';')[0]!;
  const client = nodeClient({ url: `${baseUrl().replace('http', 'ws')}/collab`, documentId, cookie, origin: baseUrl() });
  await waitFor(() => client.events.some((e) => e.startsWith('denied')), 5000, 'refusal');
  expect(client.events).not.toContain('synced');
  expect(client.doc.getXmlFragment(`section-${section.id}`).length).toBe(0);
  client.destroy();
  await o.context().close();
  await a.context().close();
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(port: number, databasePath: string) {
  // The compiled server, as Playwright's webServer and production start it (issue 17).
  const child = spawn(process.execPath, [`${process.env.BUILD_DIR ?? 'build'}/server.js`], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, DATABASE_PATH: databasePath, LOG_LEVEL: 'warn', SMTP_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/healthz`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

test('a server restart keeps everything typed just before it (flushed on SIGTERM)', async ({ browser }) => {
  test.setTimeout(120_000);
  const { id, sections, lead } = await seededBid('Restart bid');
  const section = sections[2]!;
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const page = await pageFor(browser, lead.id, base);
  const again = await pageFor(browser, lead.id, base);
  // One server per database (server/db-lock.ts): the restarted server gets its own copy, taken after
  // the bid and the session were made.
  const copy = path.join(process.env.E2E_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'nomi-e2e-')), `restart-${Date.now()}.sqlite`);
  await sql`vacuum into ${copy}`.execute(db);
  let server = await startServer(port, copy);
  await openDraft(page, id, section.id);
  await editor(page, section.id).click();
  await page.keyboard.type('Typed right before the restart');
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  // Stop at once (within the 2 s store debounce): the shutdown hook must flush it to the database.
  await page.context().close();
  await server.stop();
  server = await startServer(port, copy);
  await openDraft(again, id, section.id);
  await expect(editor(again, section.id)).toHaveText('Typed right before the restart', { timeout: 15_000 });
  await again.context().close();
  await server.stop();
});

test('history: name a version, compare it with now, view it, and restore it (nothing lost)', async ({ browser }) => {
  test.setTimeout(90_000);
  const { id, documentId, sections, lead } = await seededBid('History bid');
  const section = sections[0]!;
  const page = await pageFor(browser, lead.id);
  await openDraft(page, id, section.id);
  await editor(page, section.id).click();
  await page.keyboard.type('First version of the summary');
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  await visit(page, `/documents/${documentId}/history`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Version history');
  // An empty name is refused next to the field.
  await page.getByRole('button', { name: 'Save named version' }).click();
  await expect(page.locator('.field__error')).toHaveText('Enter a name for this version');
  await page.getByLabel('Name', { exact: true }).fill('sent to partners 3 May');
  await page.getByRole('button', { name: 'Save named version' }).click();
  await expect(page.getByText('sent to partners 3 May').first()).toBeVisible();
  await expectAccessible(page);

  await openDraft(page, id, section.id);
  await editor(page, section.id).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('A rewritten summary');
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  await visit(page, `/documents/${documentId}/history`);
  await page.getByRole('link', { name: 'Compare with now: sent to partners 3 May' }).click();
  await expect(page.locator('.collab-diff ins').filter({ hasText: 'rewritten' })).toHaveCount(1);
  await expect(page.locator('.collab-diff del').filter({ hasText: 'First' })).toHaveCount(1);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'View: sent to partners 3 May' }).click();
  await expect(page.locator('.collab-snapshot-view')).toContainText('First version of the summary');

  await page.getByRole('button', { name: 'Restore: sent to partners 3 May' }).click();
  await expect(page.getByText('Version restored.')).toBeVisible();
  await expect(page.getByText('Before a restore')).toBeVisible();
  await openDraft(page, id, section.id);
  await expect(editor(page, section.id)).toHaveText('First version of the summary');
  await page.context().close();
});
