import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { createRound, openRound } from '../app/modules/funding/rounds.server';
import { saveApplication, startApplication } from '../app/modules/funding/applications.server';
import { getVote, openVote } from '../app/modules/funding/vote.server';
import { runCloseJob } from '../app/modules/governance/proposal-lifecycle.server';
import { openReview } from '../app/modules/funding/panel.server';
import { parsePb } from '../app/modules/funding/pabulib';
import { availablePot } from '../app/modules/funding/money.server';
import { STEWARD, createMember, expectAccessible, signInAs, userIdOf, visit } from './support';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const PHONE = { width: 360, height: 740 };

/**
 * Members decide (issue 14 item 6) on a 360 px phone, without JavaScript (these pages ship none): an
 * applicant sees their own project without a tick box, a member approves two projects and keeps a
 * receipt, checks it, and after the count reads why each project was or was not funded and downloads
 * the anonymous ballots; a steward confirms the awards. The vote is a governance proposal (ADR 0008):
 * the member finds it in /governance's "needs your vote", and the scheduler's close job counts it.
 */
test('a members’ vote: approve on a phone, keep a receipt, read the result and download the ballots', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(PHONE);
  const steward = { id: await userIdOf(STEWARD.email), role: 'steward' as const };
  const applicants = [await createMember({ name: 'Anwar Applicant' }), await createMember({ name: 'Bea Builder' }), await createMember({ name: 'Cem Cook' })];
  const voter = await createMember({ name: 'Vera Voter' });
  const past = Date.now() - 10 * DAY;
  const name = `Members decide ${Date.now()}`;
  const r = await createRound(
    steward,
    { name, description: 'Members choose.', pot: 3_000, minGrant: 500, maxGrant: 2_000, themes: [], cities: [], eligibility: [], questions: [{ text: 'What?', wordLimit: 50 }], criteria: [{ label: 'Need', weight: 1 }], decisionMethod: 'members', allowPartial: false, minLivedExperience: 0, opensAt: past, closesAt: Date.now() - DAY, panel: [] },
    past,
  );
  if (!('id' in r)) throw new Error('round not created');
  await openRound(steward, r.id, past);
  const projects = [
    ['Neighbourhood garden', 'Raised beds and seeds for families in flats.', 1_200],
    ['Bike repair café', 'Fix bikes together every Sunday.', 1_500],
    ['Supper club', 'Cook and eat together once a month.', 900],
  ] as const;
  for (const [i, person] of applicants.entries()) {
    const a = { id: person.id, role: 'member' as const };
    const s = await startApplication(a, r.id, {}, past);
    if (!('id' in s)) throw new Error('not started');
    const [title, summary, amount] = projects[i]!;
    await saveApplication(a, s.id, { title, summary, amount, budgetLines: [{ label: 'All', amount }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: 'A private answer only the panel reads.' }, media: {}, removeMedia: [] }, { submit: true }, past);
  }
  expect(await openVote(steward, r.id, { closesAt: Date.now() + 2 * HOUR })).toBe('ok');
  const proposalId = (await getVote(r.id))!.proposal_id;

  // The applicant sees their own project, without a box to tick.
  await signInAs(page, applicants[0]!.id);
  await visit(page, `/funds/${r.id}`);
  await page.getByRole('link', { name: 'Vote now' }).click();
  await expect(page.getByText('This is your project, so you cannot approve it.')).toBeVisible();
  await expect(page.getByRole('checkbox')).toHaveCount(2);
  await expect(page.getByText('A private answer only the panel reads.')).toHaveCount(0);
  await expectAccessible(page);

  // A member finds the vote in Governance, among the votes waiting for them, and approves two projects.
  await signInAs(page, voter.id);
  await visit(page, '/');
  await expect(page.getByRole('region', { name: 'Needs your vote' }).getByText('(Seed-fund vote)')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Needs your vote' }).getByRole('link', { name })).toBeVisible();
  await visit(page, '/governance');
  const waiting = page.getByRole('region', { name: 'Needs your vote' });
  await expect(waiting.getByText('(Seed-fund vote)')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Open for voting' }).getByRole('link', { name })).toBeVisible();
  await expectAccessible(page);
  await waiting.getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`/funds/${r.id}/vote$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Members' vote");
  await page.getByRole('button', { name: 'Send my vote' }).click();
  await expect(page.getByRole('alert')).toHaveText('Tick at least one project you approve.');
  const ticks = page.getByRole('checkbox', { name: 'I approve this project' });
  await ticks.nth(0).check();
  await ticks.nth(2).check();
  await page.getByRole('button', { name: 'Send my vote' }).click();
  await expect(page.getByRole('heading', { name: 'You have voted. Thank you.' })).toBeVisible();
  const receipt = (await page.locator('.fund-receipt__code').innerText()).trim();
  expect(receipt).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$/);
  await expectAccessible(page);
  // Coming back: no second ballot is offered.
  await visit(page, `/funds/${r.id}/vote`);
  await expect(page.getByText('You have voted in this round. Thank you.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send my vote' })).toHaveCount(0);
  await page.getByLabel('Receipt code').fill(receipt);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your ballot is in the ballot box.' })).toBeVisible();

  // Voted: Governance no longer asks for this vote. (Other specs running at the same time may open
  // proposals whose electorate includes this member, so the region itself may still be there.)
  await visit(page, '/governance');
  await expect(page.getByRole('region', { name: 'Needs your vote' }).getByRole('link', { name })).toHaveCount(0);

  // Voting time is over; the scheduler's close job (governance.close, as the server's scheduler runs it,
  // at a clock three hours on) counts it with the pot as it stands then: the round's own £3,000 and
  // whatever earlier rounds in this shared test database left (it rolls over).
  const pot = await availablePot(r.id);
  expect(pot).toBeGreaterThanOrEqual(3000);
  await runCloseJob({ id: proposalId }, Date.now() + 3 * HOUR);
  expect((await getVote(r.id))!.status).toBe('closed');
  // Governance lists it as closed; following it leads to the result.
  await visit(page, '/governance');
  await expect(page.getByRole('region', { name: 'Closed' }).getByRole('listitem').filter({ hasText: name })).toContainText('Seed-fund vote · ');
  await expect(page.getByRole('region', { name: 'Closed' }).getByRole('listitem').filter({ hasText: name })).toContainText('Counted: see the result');
  await page.getByRole('region', { name: 'Closed' }).getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`/funds/${r.id}/result$`));
  await visit(page, `/funds/${r.id}`);
  await page.getByRole('link', { name: "Result of the members' vote" }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Result of the members' vote");
  await expect(page.getByRole('heading', { name: 'How the money was shared' })).toBeVisible();
  await expect(page.getByText(/Funded at step 1 of the count/)).toBeVisible();
  await expect(page.getByText('Nobody approved it, so no share could be spent on it.')).toBeVisible();
  await expectAccessible(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download the ballots (Pabulib .pb file)' }).click();
  const file = await (await download).path();
  const pb = parsePb(fs.readFileSync(file!, 'utf8'));
  expect(pb.meta.budget).toBe(String(pot));
  expect(pb.votes).toHaveLength(1);
  expect(fs.readFileSync(file!, 'utf8')).not.toContain(voter.id);

  // A steward confirms the awards: the round is decided and in the register.
  await signInAs(page, steward.id);
  await visit(page, `/funds/${r.id}/result`);
  await page.getByRole('button', { name: 'Confirm the awards' }).click();
  await expect(page.getByText('Awards confirmed. The round is decided.')).toBeVisible();
  await expect(page.getByText(/The stewards confirmed these awards/)).toBeVisible();
  await page.getByRole('link', { name: 'See the decision register' }).click();
  await expect(page.getByText(`Seed fund awards: ${name}`)).toBeVisible();
  // The register says what it was: a binding allocation of money by the members' vote, not a poll.
  const entry = page.locator('.minute', { hasText: `Seed fund awards: ${name}` });
  await expect(entry.locator('.meta').first()).toContainText('Seed-fund vote (Method of Equal Shares)');
  await expect(entry).not.toContainText('Poll');
  const awards = entry.getByRole('table', { name: 'Approvals and awards of the seed-fund vote' });
  await expect(awards.getByRole('columnheader')).toHaveText(['Project', 'Approvals', 'Decision']);
  await expect(awards.getByRole('row')).toHaveCount(4);
  // One voter approved two projects, and the pot pays for both; the third had no approvals.
  await expect(awards.getByRole('cell', { name: 'Funded', exact: true })).toHaveCount(2);
  await expect(awards.getByRole('row').filter({ hasText: 'Not funded' })).toContainText('0');
  await expectAccessible(page);
  const csv = await (await page.request.get('/governance/decisions.csv')).text();
  const line = csv.split('\r\n').find((l) => l.includes(`Seed fund awards: ${name}`))!;
  expect(line.split(',')[2]).toBe('fund_vote');
  expect(line).toMatch(/approvals .*; funded /);
  await entry.getByRole('link', { name: 'See the result and ballots of the vote' }).click();
  await expect(page).toHaveURL(new RegExp(`/funds/${r.id}/result$`));
});

test('a steward opens a panel-shortlisted vote from a phone: nothing ticked is refused, then two of three go to the members', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(PHONE);
  const steward = { id: await userIdOf(STEWARD.email), role: 'steward' as const };
  const past = Date.now() - 10 * DAY;
  const name = `Shortlist then members ${Date.now()}`;
  const r = await createRound(
    steward,
    { name, description: 'Panel shortlists, members decide.', pot: 2_000, minGrant: 300, maxGrant: 1_000, themes: [], cities: [], eligibility: [], questions: [{ text: 'What?', wordLimit: 50 }], criteria: [{ label: 'Need', weight: 1 }], decisionMethod: 'panel-then-members', allowPartial: false, minLivedExperience: 0, opensAt: past, closesAt: Date.now() - DAY, panel: [] },
    past,
  );
  if (!('id' in r)) throw new Error('round not created');
  await openRound(steward, r.id, past);
  const titles = ['Tea and talk', 'Sunday football', 'Homework club'];
  // Submitted a minute apart, as people do.
  for (const [i, title] of titles.entries()) {
    const at = past + i * 60_000;
    const person = await createMember({ name: `${title} lead` });
    const a = { id: person.id, role: 'member' as const };
    const s = await startApplication(a, r.id, {}, at);
    if (!('id' in s)) throw new Error('not started');
    await saveApplication(a, s.id, { title, summary: `${title} for the neighbourhood.`, amount: 600, budgetLines: [{ label: 'All', amount: 600 }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: 'Answer' }, media: {}, removeMedia: [] }, { submit: true }, at);
  }
  expect(await openReview(steward, r.id)).toBe('ok');

  await signInAs(page, steward.id);
  await visit(page, `/funds/${r.id}`);
  await page.getByRole('link', { name: "Open the members' vote" }).click();
  await expect(page.getByRole('heading', { name: "Open the members' vote" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Open the vote' }).click();
  await expect(page.getByRole('alert')).toHaveText('Choose at least one application for the vote.');
  await page.getByRole('checkbox', { name: /Tea and talk/ }).check();
  await page.getByRole('checkbox', { name: /Homework club/ }).check();
  await page.getByRole('button', { name: 'Open the vote' }).click();
  await expect(page.getByText("The members' vote is open.")).toBeVisible();
  // The steward's own ballot shows just the two the panel passed, in this voter's own order (the same
  // after a reload), and says why the order differs between members.
  const shown = (await page.getByRole('heading', { level: 3 }).allInnerTexts()).map((x) => x.trim());
  expect([...shown].sort()).toEqual(['Homework club', 'Tea and talk']);
  await expect(page.getByText('Projects are listed in a different order for each member')).toBeVisible();
  await visit(page, `/funds/${r.id}/vote`);
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(shown);
  await expectAccessible(page);
});
