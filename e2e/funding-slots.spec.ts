import { test, expect } from '@playwright/test';
import { createRound, openRound, setLivedExperience } from '../app/modules/funding/rounds.server';
import { saveApplication, startApplication } from '../app/modules/funding/applications.server';
import { offerSlot } from '../app/modules/funding/slots.server';
import { openReview } from '../app/modules/funding/panel.server';
import { db } from '../db/connection';
import { STEWARD, baseUrl, createMember, expectAccessible, signInAs, userIdOf, visit } from './support';

/**
 * Issue 14 items 2 and 5 at 360 px, without JavaScript (these pages ship none): an applicant books a
 * conversation before applying and downloads it as .ics; on pitch day a panel member scores the pitch
 * being given from a phone and the steward's screen shows the spread after a refresh.
 */
const DAY = 24 * 60 * 60_000;
const HOUR = 60 * 60_000;
const PHONE = { width: 360, height: 740 };

async function round(name: string, panel: string[], closesIn: number) {
  const stewardId = await userIdOf(STEWARD.email);
  const steward = { id: stewardId, role: 'steward' as const };
  const r = await createRound(steward, {
    name,
    description: 'Small grants for new migrant-led projects.',
    pot: 10_000,
    minGrant: 500,
    maxGrant: 3_000,
    themes: [],
    cities: [],
    eligibility: [],
    questions: [{ text: 'What will you do?', wordLimit: 50 }],
    criteria: [{ label: 'Need', weight: 2 }, { label: 'Plan', weight: 1 }],
    decisionMethod: 'panel',
    allowPartial: false,
    minLivedExperience: 1,
    opensAt: Date.now() - DAY,
    closesAt: Date.now() + closesIn,
    panel,
  });
  if (!('id' in r)) throw new Error('round not created');
  await openRound(steward, r.id);
  return { id: r.id, steward };
}

test('an applicant books a conversation before applying on a 360 px phone; a second booking is refused', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize(PHONE);
  const host = await createMember({ name: 'Panel Parisa' });
  const { id: roundId } = await round(`Talk first ${Date.now()}`, [host.id], 10 * DAY);
  const hostActor = { id: host.id, role: 'member' as const };
  const start = Math.ceil(Date.now() / HOUR) * HOUR + 2 * DAY;
  const slots: string[] = [];
  for (const [h, mode] of [[0, 'whatsapp'], [1, 'phone']] as const) {
    const r = await offerSlot(hostActor, roundId, { startsAt: start + h * HOUR, minutes: 20, mode, details: 'I will call you on WhatsApp.' });
    if (!('id' in r)) throw new Error(r.problem);
    slots.push(r.id);
  }
  const amal = await createMember({ name: 'Amal Applicant' });
  await signInAs(page, amal.id);

  await visit(page, `/funds/${roundId}`);
  await page.getByRole('link', { name: 'Talk to someone before you apply' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Talk to us before applying' })).toBeVisible();
  // Free times show no host name or details.
  await expect(page.getByText('Panel Parisa')).toHaveCount(0);
  await expectAccessible(page);

  // Booking without choosing a time: a message next to the field, the note kept.
  await page.getByLabel(/What would you like to talk about/).fill('Childcare costs. 07700 900001');
  await page.getByRole('button', { name: 'Book this time' }).click();
  await expect(page.getByText('Choose a time.').first()).toBeVisible();
  await expect(page.getByLabel(/What would you like to talk about/)).toHaveValue('Childcare costs. 07700 900001');
  await expectAccessible(page);

  await page.getByRole('radio', { name: /WhatsApp/ }).check();
  await page.getByRole('button', { name: 'Book this time' }).click();
  await expect(page.getByText('Your conversation is booked.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your conversation' })).toBeVisible();
  await expect(page.getByText('Panel Parisa')).toBeVisible();
  await expect(page.getByText('I will call you on WhatsApp.')).toBeVisible();
  await expectAccessible(page);

  const ics = await page.request.get(await page.getByRole('link', { name: 'Add to my calendar (.ics)' }).getAttribute('href').then((h) => h!));
  expect(ics.status()).toBe(200);
  expect(ics.headers()['content-type']).toContain('text/calendar');
  expect(await ics.text()).toContain('BEGIN:VCALENDAR');

  // A hand-made second booking (the other time) is refused: one conversation per applicant per round.
  const second = await page.request.post(`/funds/${roundId}/conversations`, { form: { intent: 'book', slotId: slots[1]! }, headers: { Origin: baseUrl() }, maxRedirects: 0 });
  expect(second.status()).toBe(409);
  expect((await db.selectFrom('fund_slots').select('booked_by').where('id', '=', slots[1]!).executeTakeFirstOrThrow()).booked_by).toBeNull();

  await page.getByRole('button', { name: 'Cancel the conversation' }).click();
  await expect(page.getByText('The conversation is cancelled.')).toBeVisible();
  await expect(page.getByRole('radio', { name: /WhatsApp/ })).toBeVisible();
});

test('a panel member scores a pitch from a 360 px phone; the steward screen shows the spread', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(PHONE);
  const reviewer = await createMember({ name: 'Reviewer Rahel' });
  await setLivedExperience({ id: reviewer.id, role: 'member' }, true);
  const { id: roundId, steward } = await round(`Pitch day ${Date.now()}`, [reviewer.id], HOUR);
  const applicant = await createMember({ name: 'Bashir Applicant' });
  const s = await startApplication({ id: applicant.id, role: 'member' }, roundId, {});
  if (!('id' in s)) throw new Error();
  await saveApplication({ id: applicant.id, role: 'member' }, s.id, { title: 'Bike repair cafe', summary: 'Fix bikes together.', amount: 1000, budgetLines: [{ label: 'Tools', amount: 1000 }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: 'Fix bikes.' }, media: {}, removeMedia: [] }, { submit: true });
  expect(await openReview(steward, roundId, Date.now() + 2 * HOUR)).toBe('ok');

  // The steward sets up the running order and starts the pitch, on their own screen — with JavaScript
  // off, as on a borrowed laptop with scripts blocked.
  const stewardContext = await browser.newContext({ viewport: { width: 1024, height: 768 }, javaScriptEnabled: false });
  const screen = await stewardContext.newPage();
  await signInAs(screen, steward.id);
  await screen.goto(`/funds/${roundId}/pitch`);
  await screen.getByRole('button', { name: 'Set up pitch day' }).click();
  await expect(screen.getByText('The running order is ready.')).toBeVisible();
  await screen.getByRole('button', { name: 'Start this pitch' }).click();
  await expect(screen.getByRole('status').filter({ hasText: 'Pitching now:' })).toContainText('Bike repair cafe');

  // A second screen with JavaScript follows the scores without being reloaded.
  const liveContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const live = await liveContext.newPage();
  await signInAs(live, steward.id);
  await visit(live, `/funds/${roundId}/pitch`);
  await expect(live.locator('.fund-pitch__item--now')).toContainText('Scores in');
  // axe needs scripts, so the screen is checked here.
  await expectAccessible(live);

  // The panel member, on a phone, scores it as it happens.
  await signInAs(page, reviewer.id);
  await visit(page, `/funds/${roundId}/pitch`);
  await page.getByRole('link', { name: 'Score this pitch' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bike repair cafe' })).toBeVisible();
  await expectAccessible(page);
  // A score without a comment is refused, with the message next to it and the choice kept.
  const need = page.getByRole('group', { name: 'Need' });
  const plan = page.getByRole('group', { name: 'Plan' });
  await need.getByRole('radio', { name: '4' }).check();
  await plan.getByRole('radio', { name: '3' }).check();
  await plan.getByLabel('Comment').fill('Realistic.');
  await page.getByRole('button', { name: 'Save my scores' }).click();
  await expect(page.getByText('Please write a short comment').first()).toBeVisible();
  await expect(need.getByRole('radio', { name: '4' })).toBeChecked();
  await expectAccessible(page);
  await need.getByLabel('Comment').fill('People are waiting for this.');
  await page.getByRole('button', { name: 'Save my scores' }).click();
  await expect(page.getByText('Your scores are saved.')).toBeVisible();
  await expect(page.getByText('you have scored it')).toBeVisible();
  // No spread on the panel member's page.
  await expect(page.getByText('Scores in')).toHaveCount(0);

  // The steward's screen, refreshed, shows the score's spread (weighted (4×2+3)/3 = 3.7).
  await screen.reload();
  await expect(screen.locator('.fund-pitch__item--now')).toContainText('3.7');
  await expect(live.locator('.fund-pitch__item--now')).toContainText('3.7', { timeout: 30_000 });
  await stewardContext.close();
  await liveContext.close();
});
