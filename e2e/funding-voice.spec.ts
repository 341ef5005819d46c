import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { phoneWithMicrophone } from './fake-microphone';
import { test, expect, type Page } from '@playwright/test';
import { db } from '../db/connection';
import { createRound, openRound } from '../app/modules/funding/rounds.server';
import { startApplication } from '../app/modules/funding/applications.server';
import { STEWARD, createMember, expectAccessible, signInAs, userIdOf, visit } from './support';

/**
 * Applying to the seed fund by voice on a cheap phone (issue 14, "Applying"; test list: "apply by
 * recording a voice answer" at 360 px). The recording is real, as in first-hour.spec.ts: Chromium's
 * MediaRecorder records from its fake microphone, which plays a WAV made here; the stored answer is
 * checked by decoding it (ffprobe) and by the page's own player loading it.
 */
const PHONE = { width: 360, height: 740 };
const DAY = 24 * 60 * 60_000;

test.use(phoneWithMicrophone(PHONE));;

async function roundWithOneQuestion(name: string) {
  const steward = { id: await userIdOf(STEWARD.email), role: 'steward' as const };
  const r = await createRound(steward, {
    name,
    description: 'Small grants for new migrant-led projects.',
    pot: 10_000,
    minGrant: 500,
    maxGrant: 3_000,
    themes: [],
    cities: [],
    eligibility: [],
    questions: [{ text: 'What will you do?', wordLimit: 100 }],
    criteria: [{ label: 'Need', weight: 1 }],
    decisionMethod: 'panel',
    allowPartial: false,
    minLivedExperience: 1,
    opensAt: Date.now() - DAY,
    closesAt: Date.now() + 10 * DAY,
    panel: [],
  });
  if (!('id' in r)) throw new Error('round not created');
  await openRound(steward, r.id);
  return r.id;
}

async function applicant(name: string) {
  const member = await createMember({ name });
  const roundId = await roundWithOneQuestion(`Voice seeds ${Date.now()} ${name}`);
  const s = await startApplication({ id: member.id, role: 'member' }, roundId, {});
  if (!('id' in s)) throw new Error('not started');
  return { member, roundId, appId: s.id };
}

/** The page's player loads the stored answer and knows its length (decoded by the browser). */
async function playerDuration(page: Page, label: string): Promise<number> {
  return page.getByLabel(label).evaluate(
    (el: HTMLAudioElement) =>
      new Promise<number>((resolve, reject) => {
        const done = () => (Number.isFinite(el.duration) ? resolve(el.duration) : undefined);
        el.addEventListener('loadedmetadata', done);
        el.addEventListener('durationchange', done);
        el.addEventListener('error', () => reject(new Error('audio did not load')));
        el.preload = 'metadata';
        el.load();
      }),
  );
}

const PLAYER = 'Recorded answer to: What will you do?';

test('a member answers a question by recording their voice on a 360 px phone, saves, reloads, listens and submits', async ({ page }) => {
  test.setTimeout(120_000);
  const { member, appId } = await applicant('Samira Speaks');
  await signInAs(page, member.id);
  await visit(page, `/funds/applications/${appId}`);

  await page.getByLabel('Name of your project').fill('Kitchen stories');
  await page.getByRole('button', { name: 'Record a voice note' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recording' })).toBeVisible();
  // The recorder's own clock, not a sleep: two seconds of speech.
  await expect(page.getByRole('timer')).toHaveText(/^0:0[2-9] \/ 3:00$/, { timeout: 15_000 });
  await page.getByRole('button', { name: 'Stop recording' }).click();
  await expect(page.getByText('Your recording is ready. Listen to it before you send.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Draft saved.')).toBeVisible();

  // Stored as the recorder made it (WebM/Opus), cleaned and measured: decoding it gives the length spoken.
  const answer = await db.selectFrom('fund_answers').selectAll().where('application_id', '=', appId).where('question_id', '=', 'q1').executeTakeFirstOrThrow();
  expect(answer.media_mime).toBe('audio/webm');
  const file = path.join(process.env.UPLOAD_DIR!, answer.media_path!);
  const probed = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_name', '-of', 'json', file], { encoding: 'utf8' }));
  expect(probed.streams[0].codec_name).toBe('opus');
  expect(Number(probed.format.duration)).toBeGreaterThan(1.5);

  // A reload (a phone that lost the page) keeps the answer, and it plays.
  await page.reload();
  await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
  await expect(page.getByLabel('Name of your project')).toHaveValue('Kitchen stories');
  await expect(page.getByText('A recorded answer is saved.')).toBeVisible();
  // Told before the decision what happens to the recording if the application is not funded.
  await expect(page.getByText('If this application is not funded, your recorded answers will be deleted 90 days after the decision.')).toBeVisible();
  expect(await playerDuration(page, PLAYER)).toBeGreaterThan(1.5);
  await expectAccessible(page);

  // Submitting needs no written answer when there is a spoken one.
  await page.getByLabel('Public summary').fill('Cooking and telling stories together.');
  await page.getByLabel('Amount you ask for (pounds)').fill('1000');
  await page.getByLabel('Budget line 1', { exact: true }).fill('Food');
  await page.getByLabel('Amount for line 1 (pounds)').fill('1000');
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByText('Your application is submitted.')).toBeVisible();
  await expect(page.locator('.fund-status')).toContainText('Submitted');
  expect(await playerDuration(page, PLAYER)).toBeGreaterThan(1.5);

  // Someone else asking for the recording by its address gets nothing.
  const other = await createMember({ name: 'Nosy Listener' });
  const ctx = await page.context().browser()!.newContext();
  const nosy = await ctx.newPage();
  await signInAs(nosy, other.id);
  expect((await nosy.request.get(`/funds/applications/${appId}/answers/q1`)).status()).toBe(404);
  await ctx.close();
});

test('a disguised executable as a voice answer is refused next to the question, and what was typed is kept', async ({ page }) => {
  const { member, appId } = await applicant('Tariq Types');
  await signInAs(page, member.id);
  await visit(page, `/funds/applications/${appId}`);
  await page.getByLabel('Name of your project').fill('Bike repair club');
  await page.getByLabel('Your written answer').fill('We fix bikes with young people on Sundays.');
  // A Windows program ("MZ" header and PE signature) named and typed as a voice note.
  const exe = Buffer.alloc(4096);
  exe.write('MZ', 0);
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('PE\0\0', 0x80, 'binary');
  await page.getByLabel('Or record or choose a voice or video answer').setInputFiles({ name: 'my-answer.webm', mimeType: 'audio/webm', buffer: exe });
  await page.getByRole('button', { name: 'Save draft' }).click();

  const error = page.locator('#answer-q1-error');
  await expect(error).toHaveText('This file is not a voice or video note we can play. Choose an MP3, M4A, MP4, WebM, OGG, OPUS or WAV file');
  await expect(page.getByLabel('Your written answer')).toHaveValue('We fix bikes with young people on Sundays.');
  await expect(page.getByLabel('Name of your project')).toHaveValue('Bike repair club');
  await expect(page.getByLabel('Or record or choose a voice or video answer')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  // Nothing half-written: no answer row, no stored file.
  expect(await db.selectFrom('fund_answers').selectAll().where('application_id', '=', appId).execute()).toEqual([]);
});

test('an applicant whose application was not funded is told when its recordings will be deleted', async ({ page }) => {
  const { member, roundId, appId } = await applicant('Lena Later');
  await db.insertInto('fund_answers').values({ application_id: appId, question_id: 'q1', text: '', media_path: 'notes/gone-soon.webm', media_mime: 'audio/webm', media_size: 1000, updated_at: Date.now() }).execute();
  const decidedAt = Date.UTC(2026, 10, 20, 12);
  await db.updateTable('fund_rounds').set({ status: 'decided', decided_at: decidedAt }).where('id', '=', roundId).execute();
  await db.updateTable('fund_applications').set({ status: 'not-funded', submitted_at: decidedAt - DAY }).where('id', '=', appId).execute();
  await signInAs(page, member.id);
  await visit(page, `/funds/applications/${appId}`);
  // FUND_MEDIA_RETENTION_DAYS is 90 by default: 20 November 2026 + 90 days.
  await expect(page.getByText('Your recorded answers will be deleted on February 18, 2027, because this application was not funded.')).toBeVisible();
  await expectAccessible(page);
});
