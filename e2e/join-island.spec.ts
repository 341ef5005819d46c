import { test, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import { phoneWithMicrophone, voiceLikeWav } from './fake-microphone';
import { sql } from 'kysely';
import { db } from '../db/connection';
import { useLanguage, visit } from './support';

/**
 * The voice recorder on /join as an island (issue 17: the page no longer ships the app client). Checked
 * as a newcomer meets it: a cheap phone at 360 px, Chromium's real MediaRecorder on a fake microphone,
 * in Arabic (right to left), under the page's Content-Security-Policy.
 */
test.use(phoneWithMicrophone({ width: 360, height: 740 }));

// Every spec's browser asks to join from 127.0.0.1, and /join allows five a hour per address: these
// tests send three, so they give the address's allowance back before and after (the limit itself is
// tested in app/modules/auth).
// (rate_limits belongs to rate-limiter-flexible, not to our schema.)
const clearJoinLimit = async () => {
  await sql`delete from rate_limits where key like 'joinIp%'`.execute(db);
};
test.beforeEach(clearJoinLimit);
test.afterEach(clearJoinLimit);

const ar = (JSON.parse(fs.readFileSync('app/locales/ar/uploads.json', 'utf8')) as { recorder: Record<string, string> }).recorder;

/** Script errors and scripts the CSP refused (a wrong nonce shows only here). */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

async function record(page: Page, labels: { record: string; stop: string; recorded: string }) {
  await page.getByRole('button', { name: labels.record }).click();
  await expect(page.getByRole('timer')).toHaveText(/^0:0[1-9] /, { timeout: 15_000 });
  await page.getByRole('button', { name: labels.stop }).click();
  await expect(page.getByText(labels.recorded)).toBeVisible();
}

test('in Arabic on a phone the island records under the CSP, right to left and translated', async ({ page }) => {
  const errors = collectErrors(page);
  await useLanguage(page, 'ar');
  await visit(page, '/join');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
  await record(page, ar as { record: string; stop: string; recorded: string });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  expect(errors).toEqual([]);
});

test('a recording made before a form error is still there on the page the server sends back', async ({ page }) => {
  // Issue 13.1's newcomer records instead of writing, then forgets a field. With the app client the
  // form was sent by fetch and the recorder kept its recording; the island's page is sent by the browser.
  const errors = collectErrors(page);
  await visit(page, '/join');
  await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
  await record(page, { record: 'Record a voice note', stop: 'Stop recording', recorded: 'Your recording is ready. Listen to it before you send.' });
  // No name, no contact: the server says so.
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Enter your name').first()).toBeVisible();
  await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
  await expect(page.getByText('Your recording is ready. Listen to it before you send.')).toBeVisible();
  const kept = await page.getByLabel('Voice or video note').evaluate((el: HTMLInputElement) => el.files?.length ?? 0);
  expect(kept).toBe(1);
  // Put right, the form goes with the same recording.
  const email = `join-island-${process.pid}-${Date.now()}@example.org`;
  await page.getByLabel('Your name').fill('Amina Rahimi');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Where are you based?').selectOption('coventry');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you. We have your message');
  const application = await db.selectFrom('applications').select(['note_mime', 'note_path']).where('email', '=', email).executeTakeFirstOrThrow();
  expect(application.note_mime).toBe('audio/webm');
  // Nothing of the voice stays in the browser once the form is sent (a shared phone).
  await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
  const left = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('nomi-islands', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('notes');
        open.onsuccess = () => {
          const count = open.result.transaction('notes').objectStore('notes').count();
          count.onsuccess = () => resolve(count.result);
        };
      }),
  );
  expect(left).toBe(0);
  expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
});

test('a note the server refused is not put back (it would only be refused again)', async ({ page }) => {
  await visit(page, '/join');
  await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
  await page.getByLabel('Your name').fill('Disguised Upload');
  await page.getByLabel('Email address').fill(`join-island-refused-${process.pid}-${Date.now()}@example.org`);
  await page.getByLabel('Where are you based?').selectOption('coventry');
  await page.getByLabel('Voice or video note').setInputFiles({ name: 'note.mp3', mimeType: 'audio/mpeg', buffer: Buffer.from('just some text, not audio') });
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('.field__error')).toContainText('This file is not a voice or video note we can play');
  await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
  expect(await page.getByLabel('Voice or video note').evaluate((el: HTMLInputElement) => el.files?.length ?? 0)).toBe(0);
  await expect(page.getByText('Your recording is ready. Listen to it before you send.')).toHaveCount(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the page is a plain form: a chosen note is sent with it', async ({ page }) => {
    await page.goto('/join');
    const email = `join-nojs-${process.pid}-${Date.now()}@example.org`;
    await page.getByLabel('Your name').fill('Bogdan Ionescu');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Where are you based?').selectOption('birmingham');
    await page.getByLabel('Voice or video note').setInputFiles({ name: 'note.wav', mimeType: 'audio/wav', buffer: voiceLikeWav(2) });
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you. We have your message');
    const application = await db.selectFrom('applications').select('note_mime').where('email', '=', email).executeTakeFirstOrThrow();
    expect(application.note_mime).not.toBeNull();
  });
});
