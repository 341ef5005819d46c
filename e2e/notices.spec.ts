import { test, expect, type Page } from '@playwright/test';
import { db } from '../db/connection';
import { createNotice } from '../app/modules/notices/notices.server';
import type { NoticeInput } from '../app/modules/notices/notices.schema';
import { STEWARD, baseUrl, createMember, expectAccessible, signInAs, useLanguage, userIdOf, visit } from './support';

const DAY = 24 * 60 * 60_000;
const day = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
const PHONE = { width: 360, height: 740 };

function notice(over: Partial<NoticeInput>): NoticeInput {
  return { type: 'offer', title: 'Notice', description: 'Details here.', city: 'birmingham', themes: [], isPublic: false, ...over } as NoticeInput;
}

async function fillCommon(page: Page, title: string) {
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Description').fill('First paragraph with https://example.org/info.\n\n- one\n- two');
  await page.getByLabel('City').selectOption('coventry');
  await page.getByRole('checkbox', { name: 'Health', exact: true }).check();
}

test('a member posts every type of notice from a 360 px phone', async ({ page }) => {
  // Six posts with uploads and axe scans: allow for a busy machine.
  test.setTimeout(150_000);
  await page.setViewportSize(PHONE);
  const member = await createMember({ name: 'Phone Poster' });
  await signInAs(page, member.id);
  const stamp = Date.now();

  await visit(page, '/notices/new');
  await expectAccessible(page);
  await page.getByRole('link', { name: /^Offer/ }).click();
  await fillCommon(page, `Offer ${stamp}`);
  await page.getByLabel(/^Available until/).fill(day(10));
  await page.getByRole('button', { name: 'Post notice' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Offer ${stamp}`);
  await expect(page.locator('.notice-body a')).toHaveAttribute('rel', 'noopener noreferrer nofollow');
  await expectAccessible(page);

  await visit(page, '/notices/new?type=request');
  await fillCommon(page, `Request ${stamp}`);
  await page.getByRole('button', { name: 'Post notice' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Request ${stamp}`);

  await visit(page, '/notices/new?type=opportunity');
  await fillCommon(page, `Opportunity ${stamp}`);
  await page.getByLabel('Kind of opportunity').selectOption('training');
  await page.getByRole('button', { name: 'Post notice' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Opportunity ${stamp}`);

  // Funding call: a javascript: link is refused next to the field, and what was typed is kept.
  await visit(page, '/notices/new?type=funding');
  await fillCommon(page, `Funding ${stamp}`);
  await page.getByLabel('Funder').fill('Community Fund');
  await page.getByLabel(/^Largest grant/).fill('10000');
  await page.getByLabel('Deadline').fill(day(20));
  await page.getByLabel(/^Link/).fill('javascript:alert(1)');
  await page.getByRole('button', { name: 'Post notice' }).click();
  await expect(page.locator('.field__error').filter({ hasText: 'Enter a web address starting with http:// or https://' })).toBeVisible();
  await expect(page.getByLabel('Funder')).toHaveValue('Community Fund');
  await expectAccessible(page);
  await page.getByLabel(/^Link/).fill('https://fund.example/apply');
  await page.getByRole('button', { name: 'Post notice' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Funding ${stamp}`);
  await expect(page.getByText('Up to £10,000')).toBeVisible();

  // Event: the end must be after the start.
  await visit(page, '/notices/new?type=event');
  await fillCommon(page, `Event ${stamp}`);
  await page.getByLabel(/^Starts/).fill(`${day(5)}T18:00`);
  await page.getByLabel(/^Ends/).fill(`${day(5)}T17:00`);
  await page.getByLabel(/^Place/).fill('Community hall, Coventry');
  await page.getByRole('button', { name: 'Post notice' }).click();
  await expect(page.locator('.field__error').filter({ hasText: 'The end must be after the start' })).toBeVisible();
  await page.getByLabel(/^Ends/).fill(`${day(5)}T20:00`);
  await page.getByRole('button', { name: 'Post notice' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Event ${stamp}`);
  const ics = await page.request.get(`${page.url()}/ics`);
  expect(ics.headers()['content-type']).toContain('text/calendar');
  expect(await ics.text()).toContain(`SUMMARY:Event ${stamp}`);

  // Resource: an executable is refused by its content, a real PDF is accepted and served safely.
  await visit(page, '/notices/new?type=resource');
  await fillCommon(page, `Resource ${stamp}`);
  await page.getByLabel('Choose pictures or files').setInputFiles({ name: 'guide.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]) });
  await page.getByRole('button', { name: 'Post notice' }).click();
  await expect(page.locator('.field__error').filter({ hasText: 'guide.pdf: This file is a program or installer' })).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue(`Resource ${stamp}`);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  await page.getByLabel('Choose pictures or files').setInputFiles({ name: 'guide.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('button', { name: 'Post notice' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Resource ${stamp}`);
  const file = await page.request.get((await page.getByRole('link', { name: 'Download guide.pdf' }).getAttribute('href'))!);
  expect(file.headers()['content-type']).toBe('application/pdf');
  expect(file.headers()['x-content-type-options']).toBe('nosniff');
  expect(file.headers()['content-security-policy']).toContain('sandbox');
  expect(file.headers()['content-disposition']).toContain('guide.pdf');

  await visit(page, '/notices');
  for (const type of ['Offer', 'Request', 'Opportunity', 'Funding', 'Event', 'Resource']) {
    await expect(page.getByRole('link', { name: `${type} ${stamp}` })).toBeVisible();
  }
  await expectAccessible(page);
});

test('a member posts a resource with a picture and a PDF from a 360 px phone; both download, visitors get 404', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await page.setViewportSize(PHONE);
  const member = await createMember({ name: 'File Poster' });
  await signInAs(page, member.id);
  const title = `Two files ${Date.now()}`;
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  await visit(page, '/notices/new?type=resource');
  await fillCommon(page, title);
  await page.getByLabel('Choose pictures or files').setInputFiles([
    { name: 'Room plan.png', mimeType: 'image/png', buffer: png },
    { name: 'Booking form.pdf', mimeType: 'application/pdf', buffer: pdf },
  ]);
  await page.getByLabel(/^Describe the new pictures/).fill('Plan of the ground-floor meeting room');
  await page.getByRole('button', { name: 'Post notice' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('img', { name: 'Plan of the ground-floor meeting room' })).toBeVisible();
  await expect(page.getByText(/PDF, \d+ kB/)).toBeVisible();
  await expectAccessible(page);

  const links = { png: page.getByRole('link', { name: 'Download Room plan.png' }), pdf: page.getByRole('link', { name: 'Download Booking form.pdf' }) };
  const hrefs: string[] = [];
  for (const [ext, link] of Object.entries(links)) {
    const download = page.waitForEvent('download');
    await link.click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(ext === 'png' ? 'Room plan.png' : 'Booking form.pdf');
    hrefs.push((await link.getAttribute('href'))!);
  }
  const res = await page.request.get(hrefs[1]!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  expect(Buffer.from(await res.body()).equals(pdf)).toBe(true);

  // Members-only notice: a visitor gets 404 for its files.
  const visitor = await browser.newContext();
  for (const href of hrefs) expect((await visitor.request.get(`${baseUrl()}${href}`)).status()).toBe(404);
  await visitor.close();

  // The author removes the picture on edit.
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Remove Room plan.png').check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('link', { name: 'Download Room plan.png' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Download Booking form.pdf' })).toBeVisible();
});

test('a member responds, the author is notified and sees who; the share link has the right format', async ({ page, browser }) => {
  const author = await createMember({ name: 'Request Author' });
  const helper = await createMember({ name: 'Kind Helper' });
  const title = `Need Tigrinya interpreter ${Date.now()}`;
  const id = await createNotice(author.id, notice({ type: 'request', title, untilDate: '2099-01-01' }), null);

  await page.setViewportSize(PHONE);
  await signInAs(page, helper.id);
  await visit(page, `/notices/${id}`);
  const share = page.getByRole('link', { name: 'Share on WhatsApp' });
  const href = (await share.getAttribute('href'))!;
  expect(href.startsWith('https://wa.me/?text=')).toBe(true);
  const text = decodeURIComponent(href.slice('https://wa.me/?text='.length));
  expect(text).toBe(`${title}\nNeeded by Jan 1, 2099\n${baseUrl()}/notices/${id}`);
  await expect(page.getByLabel('Link to this notice')).toHaveValue(`${baseUrl()}/notices/${id}`);
  await page.getByRole('button', { name: 'I can help' }).click();
  await expect(page.getByText('1 member can help')).toBeVisible();
  await expectAccessible(page);

  const authorContext = await browser.newContext();
  const authorPage = await authorContext.newPage();
  await signInAs(authorPage, author.id);
  await visit(authorPage, '/notifications');
  await expect(authorPage.getByText(`Kind Helper responded to your notice “${title}”`)).toBeVisible();
  await visit(authorPage, `/notices/${id}`);
  await expect(authorPage.getByText('Kind Helper can help')).toBeVisible();
  await authorPage.getByRole('button', { name: 'Mark as met' }).click();
  await expect(authorPage.getByText('Met', { exact: true })).toBeVisible();
  await authorContext.close();
});

test('a member reports a notice, a steward hides it with a note, and the author is told', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const author = await createMember({ name: 'Reported Author' });
  const reporter = await createMember();
  const title = `Cheap visas guaranteed ${Date.now()}`;
  const id = await createNotice(author.id, notice({ title }), null);

  await signInAs(page, reporter.id);
  await visit(page, `/notices/${id}`);
  await page.getByText('Report this notice').click();
  await page.getByLabel('What is wrong with it?').fill('This looks like a scam');
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByText('Thank you. The stewards will look at your report.')).toBeVisible();

  const stewardContext = await browser.newContext();
  const steward = await stewardContext.newPage();
  await signInAs(steward, await userIdOf(STEWARD.email));
  await visit(steward, '/admin/reports');
  await expectAccessible(steward);
  const card = steward.getByRole('listitem').filter({ has: steward.getByRole('link', { name: title }) });
  await expect(card.getByText('This looks like a scam')).toBeVisible();
  await card.getByLabel('Note to the author').fill('Please do not advertise paid visa services.');
  await card.getByRole('button', { name: 'Hide' }).click();
  await expect(steward.getByText('Hidden. The author has been told.')).toBeVisible();
  await stewardContext.close();
  const log = await db.selectFrom('audit_log').select('action').where('subject_id', '=', id).execute();
  expect(log.map((l) => l.action)).toContain('notices.hide');

  // Other members no longer find it.
  const gone = await visit(page, `/notices/${id}`);
  expect(gone?.status()).toBe(404);

  const authorContext = await browser.newContext();
  const authorPage = await authorContext.newPage();
  await signInAs(authorPage, author.id);
  await visit(authorPage, '/notifications');
  await expect(authorPage.getByText(`A steward hid your notice or comment on “${title}”. Please do not advertise paid visa services.`)).toBeVisible();
  await visit(authorPage, `/notices/${id}`);
  await expect(authorPage.getByText('Note from the stewards: Please do not advertise paid visa services.')).toBeVisible();
  await authorContext.close();
});

test('a visitor sees only public notices; members-only notices are 404', async ({ page }) => {
  const author = await createMember();
  const stamp = Date.now();
  const pub = await createNotice(author.id, notice({ type: 'funding', title: `Public call ${stamp}`, funder: 'Trust', deadline: day(30), link: 'https://trust.example', isPublic: true }), null);
  const priv = await createNotice(author.id, notice({ title: `Members only ${stamp}` }), null);
  await page.setViewportSize(PHONE);
  await visit(page, '/notices');
  await expect(page.getByRole('link', { name: `Public call ${stamp}` })).toBeVisible();
  await expect(page.getByRole('link', { name: `Members only ${stamp}` })).toHaveCount(0);
  await expectAccessible(page);
  const ok = await visit(page, `/notices/${pub}`);
  expect(ok?.status()).toBe(200);
  await expect(page.getByText(author.name)).toHaveCount(0);
  await expectAccessible(page);
  // A members-only notice sends the visitor to sign in (they may be a member with a shared link).
  await visit(page, `/notices/${priv}`);
  await expect(page).toHaveURL(new RegExp(`/login\\?redirectTo=${encodeURIComponent(`/notices/${priv}`)}$`));
  await expect(page.getByText(`Members only ${stamp}`)).toHaveCount(0);
  expect((await page.request.get(`/notices/${priv}/ics`)).status()).toBe(404);
});

test('a member cannot edit or delete someone else’s notice: 403 and nothing changes', async ({ page }) => {
  const author = await createMember();
  const other = await createMember();
  const id = await createNotice(author.id, notice({ title: `Untouchable ${Date.now()}` }), null);
  const before = await db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  await signInAs(page, other.id);
  const edit = await visit(page, `/notices/${id}/edit`);
  expect(edit?.status()).toBe(403);
  await visit(page, '/notices');
  const statuses = await page.evaluate(async (noticeId) => {
    const post = (path: string, fields: Record<string, string>) => {
      const body = new FormData();
      for (const [k, v] of Object.entries(fields)) body.set(k, v);
      return fetch(path, { method: 'POST', body }).then((r) => r.status);
    };
    return [
      await post(`/notices/${noticeId}/edit`, { type: 'offer', title: 'Hijacked', description: 'x', city: 'coventry' }),
      await post(`/notices/${noticeId}`, { intent: 'delete' }),
      await post(`/notices/${noticeId}`, { intent: 'renew' }),
      await post(`/notices/${noticeId}`, { intent: 'close' }),
      await post(`/notices/${noticeId}`, { intent: 'pin' }),
    ];
  }, id);
  expect(statuses).toEqual([403, 403, 403, 403, 403]);
  expect(await db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toEqual(before);
});

test('the author edits and renews; a reply threads under a comment', async ({ page }) => {
  test.setTimeout(90_000);
  const author = await createMember({ name: 'Editing Author' });
  const title = `Laptop to lend ${Date.now()}`;
  const id = await createNotice(author.id, notice({ title }), null);
  await page.setViewportSize(PHONE);
  await signInAs(page, author.id);
  await visit(page, `/notices/${id}/edit`);
  await expectAccessible(page);
  await page.getByLabel('Title').fill('x'.repeat(130));
  await page.getByLabel('Title').evaluate((el: HTMLInputElement) => el.removeAttribute('maxlength'));
  await page.getByLabel('Title').fill('x'.repeat(10_000));
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('.field__error').filter({ hasText: 'This is too long' })).toBeVisible();
  await page.getByLabel('Title').fill(`${title} (updated)`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${title} (updated)`);
  const before = (await db.selectFrom('notices').select('expires_at').where('id', '=', id).executeTakeFirstOrThrow()).expires_at;
  await page.getByRole('button', { name: 'Renew for 30 days' }).click();
  await expect(page.getByText('The notice stays on the board for another 30 days.')).toBeVisible();
  const after = (await db.selectFrom('notices').select('expires_at').where('id', '=', id).executeTakeFirstOrThrow()).expires_at;
  expect(after - before).toBe(30 * DAY);

  await page.getByLabel('Add a comment').fill('Still available this week.');
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(page.getByText('Your comment is posted.')).toBeVisible();
  await page.locator('.notice-reply summary').first().click();
  await page.getByLabel('Your reply to Editing Author').fill('Replying to myself');
  await page.getByRole('button', { name: 'Reply' }).last().click();
  await expect(page.locator('.notice-replies').getByText('Replying to myself')).toBeVisible();
  await expectAccessible(page);
});

test('posting works without JavaScript', async ({ browser }) => {
  const member = await createMember();
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
  const page = await context.newPage();
  await signInAs(page, member.id);
  const title = `No-JS request ${Date.now()}`;
  await page.goto('/notices/new?type=request');
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Post notice' }).click();
  await expect(page.locator('.field__error').first()).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue(title);
  await page.getByLabel('Description').fill('Plain text only.');
  await page.getByLabel('City').selectOption('online');
  await page.getByRole('button', { name: 'Post notice' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await page.goto('/notices?type=request&q=No-JS');
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await context.close();
});

test('without JavaScript, two files go up through the multiple file input', async ({ browser }) => {
  const member = await createMember();
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
  const page = await context.newPage();
  await signInAs(page, member.id);
  const title = `No-JS files ${Date.now()}`;
  await page.goto('/notices/new?type=resource');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Description').fill('Two templates.');
  await page.getByLabel('City').selectOption('online');
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  await page.getByLabel('Choose pictures or files').setInputFiles([
    { name: 'first.pdf', mimeType: 'application/pdf', buffer: pdf },
    { name: 'second.pdf', mimeType: 'application/pdf', buffer: pdf },
  ]);
  await page.getByRole('button', { name: 'Post notice' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('link', { name: 'Download first.pdf' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download second.pdf' })).toBeVisible();
  await context.close();
});

test('the weekly email arrives once and its unsubscribe link works without signing in', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const { runDigest } = await import('../app/modules/notices/digest.server');
  const reader = await createMember({ name: 'Digest Reader' });
  const author = await createMember();
  await signInAs(page, reader.id);
  await visit(page, '/notices/digest');
  await expectAccessible(page);
  await page.getByLabel('Send me the weekly email').check();
  await page.getByRole('checkbox', { name: 'Wolverhampton' }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Your weekly email choices are saved.')).toBeVisible();
  const title = `Digest item ${Date.now()}`;
  await createNotice(author.id, notice({ title, city: 'wolverhampton' }), null);
  const now = Date.now() + 60_000;
  await runDigest(now);
  await runDigest(now + 1000);
  const mails = await db.selectFrom('outbox').selectAll().where('to_address', '=', reader.email).where('kind', '=', 'notices.digest').execute();
  expect(mails).toHaveLength(1);
  expect(mails[0]!.text_body).toContain(title);
  const link = /https?:\/\/\S+\/unsubscribe\/\S+/.exec(mails[0]!.text_body)![0];

  const visitor = await browser.newContext();
  const v = await visitor.newPage();
  await visit(v, new URL(link).pathname);
  await expectAccessible(v);
  await v.getByRole('button', { name: 'Stop the emails' }).click();
  await expect(v.getByRole('heading', { level: 1 })).toHaveText('You are unsubscribed');
  expect(await db.selectFrom('notice_digest_subscriptions').select('user_id').where('user_id', '=', reader.id).executeTakeFirst()).toBeUndefined();
  await visit(v, new URL(link).pathname);
  await expect(v.getByRole('heading', { level: 1 })).toHaveText('This link does not work');
  await visitor.close();
});

test('the board reads right to left in Arabic and stays accessible', async ({ page }) => {
  const member = await createMember({ locale: 'ar' });
  await createNotice(member.id, notice({ type: 'event', title: `أمسية ثقافية ${Date.now()}`, startsAt: `${day(4)}T18:00`, endsAt: `${day(4)}T20:00`, place: 'Coventry', isPublic: true }), null);
  await page.setViewportSize(PHONE);
  await useLanguage(page, 'ar');
  await visit(page, '/notices');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('لوحة الإعلانات');
  await expectAccessible(page);
  await signInAs(page, member.id);
  await visit(page, '/notices/new?type=event');
  await expectAccessible(page);
});
