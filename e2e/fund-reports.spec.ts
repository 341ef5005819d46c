import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { test, expect } from '@playwright/test';
import { decidedGrant } from '../app/modules/funding/grants.test-helpers';
import { STEWARD, createMember, expectAccessible, signInAs, userIdOf, visit } from './support';

const PHONE = { width: 360, height: 740 };

/** A phone photo with the camera owner's name in its EXIF, which must not survive the upload. */
async function phonePhoto(): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nomi-photo-')), 'workshop.jpg');
  await sharp({ create: { width: 800, height: 600, channels: 3, background: '#2f6f4f' } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'EXIF-SECRET-OWNER', Copyright: 'EXIF-SECRET-OWNER' } })
    .toFile(file);
  return file;
}

test('a steward records the payment, then the grantee sends an end report with a photo from a 360 px phone', async ({ page, browser }) => {
  test.setTimeout(150_000);
  await page.setViewportSize(PHONE);
  const stewardId = await userIdOf(STEWARD.email);
  const grantee = await createMember({ name: 'Hawa Grantee' });
  const { appId } = await decidedGrant({ steward: { id: stewardId } as never, lead: { id: grantee.id } as never, awarded: 800, lines: [['Room hire', 500], ['Snacks', 300]] });

  // The steward records what the network paid; a pound too many is refused with what is left.
  await signInAs(page, stewardId);
  await visit(page, `/funds/grants/${appId}`);
  await expectAccessible(page);
  await page.getByLabel('Amount in whole pounds').fill('801');
  await page.getByLabel('Bank reference').fill('NOMI-E2E-1');
  await page.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByText('At most £800 can be paid.')).toBeVisible();
  await expect(page.getByLabel('Bank reference')).toHaveValue('NOMI-E2E-1');
  await page.getByLabel('Amount in whole pounds').fill('800');
  await page.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByText('Payment recorded.')).toBeVisible();
  await expect(page.getByText('This grant is fully paid.')).toBeVisible();
  await page.context().clearCookies();

  // The grantee writes the end report on a phone.
  await signInAs(page, grantee.id);
  await visit(page, `/funds/grants/${appId}`);
  await page.getByRole('link', { name: 'End report' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'End report' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Write it here').fill('Eight cooking sessions ran; we moved two to Saturdays.');
  await page.getByLabel('How many people did it reach?').fill('30');
  await page.getByLabel('One change it made').fill('Neighbours now cook together without us.');
  await page.getByLabel('One quote').fill('“I made friends here.”');
  await page.getByLabel(/Room hire/).fill('500');
  await page.getByLabel(/Snacks/).fill('300');
  await page.getByLabel('What did not work').fill('Weekday mornings: parents were at work.');
  const photo = await phonePhoto();
  await page.getByLabel('Photo 1', { exact: true }).setInputFiles(photo);
  await page.getByLabel('What photo 1 shows').fill('Cooking together');
  await page.getByLabel('Receipts').setInputFiles(photo);
  // Without the consent tick the photo is refused, and the written answers are kept.
  await page.getByRole('button', { name: 'Send the report' }).click();
  await expect(page.getByRole('alert')).toContainText('everyone recognisable in the photos agreed');
  await expect(page.getByLabel('Write it here')).toHaveValue('Eight cooking sessions ran; we moved two to Saturdays.');
  await expectAccessible(page);

  await page.getByLabel('Photo 1', { exact: true }).setInputFiles(photo);
  await page.getByLabel('What photo 1 shows').fill('Cooking together');
  await page.getByLabel('Receipts').setInputFiles(photo);
  await page.getByLabel('Everyone who can be recognised in these photos agreed to them being used').check();
  await page.getByRole('button', { name: 'Send the report' }).click();
  await expect(page.getByText('Report sent. Thank you.')).toBeVisible();
  await expect(page.getByText('Grant completed')).toBeVisible();

  await page.getByRole('link', { name: 'End report' }).click();
  const img = page.getByRole('img', { name: 'Cooking together' });
  await expect(img).toBeVisible();
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
  const noScroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(noScroll).toBe(true);
  await expectAccessible(page);

  // The stored photo carries no camera metadata.
  const src = await img.getAttribute('src');
  const full = await page.request.get(src!.replace('?thumb=1', '?view=1'));
  expect(full.status()).toBe(200);
  expect((await full.body()).includes(Buffer.from('EXIF-SECRET-OWNER'))).toBe(false);

  // Someone else with the link: the grant and its photo do not exist for them.
  const other = await createMember({ name: 'Not the grantee' });
  const context = await browser.newContext();
  const stranger = await context.newPage();
  await signInAs(stranger, other.id);
  expect((await stranger.goto(`/funds/grants/${appId}/reports/end`))!.status()).toBe(404);
  expect((await stranger.request.get(src!)).status()).toBe(404);
  await context.close();
});

test('without JavaScript a grantee saves a mid-point report draft and sees a breakdown refused without consent', async ({ browser }) => {
  test.setTimeout(90_000);
  const stewardId = await userIdOf(STEWARD.email);
  const grantee = await createMember({ name: 'No Script Grantee' });
  const { appId } = await decidedGrant({ steward: { id: stewardId } as never, lead: { id: grantee.id } as never, awarded: 600, lines: [['Room hire', 600]] });
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
  const page = await context.newPage();
  await signInAs(page, grantee.id);
  await page.goto(`/funds/grants/${appId}/reports/mid`);
  await page.getByLabel('Write it here').fill('Two sessions so far.');
  await page.getByLabel('How many people did it reach?').fill('12');
  await page.getByLabel('Group 1', { exact: true }).fill('Children');
  await page.getByLabel('People in group 1').fill('8');
  await page.getByRole('button', { name: 'Save and finish later' }).click();
  await expect(page.getByRole('alert')).toContainText('Only give groups if the people counted agreed');
  await expect(page.getByLabel('Write it here')).toHaveValue('Two sessions so far.');
  await page.getByLabel('The people counted in these groups agreed to be counted this way').check();
  await page.getByRole('button', { name: 'Save and finish later' }).click();
  await expect(page.getByText('Report saved. You can finish it later.')).toBeVisible();
  await expect(page.getByLabel('People in group 1')).toHaveValue('8');
  await context.close();
});
