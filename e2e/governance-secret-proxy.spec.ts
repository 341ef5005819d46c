/**
 * Issue 15.5: a member votes by proxy in a secret ballot (Companies Act 2006 s324: a member may
 * appoint a proxy to attend, speak and vote). Two people, two browsers: the member, on a 360 px phone
 * with JavaScript, appoints a proxy and keeps the proxy code; the proxy, in a browser without
 * JavaScript, votes for them (and for themself, from the same page); the member then votes in person
 * with the code, which replaces the proxy's ballot. The count has the member's vote, not the proxy's.
 * That nothing on disk links ballot and member is shown on the raw database file and WAL in
 * app/modules/governance/secret-proxy.server.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { createMember, expectAccessible, signInAs, visit } from './support';
import { db } from '../db/connection';

const tag = () => randomBytes(3).toString('hex');
const CODE = /^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/;

// Two voters in this vote; the network's default quorum is tested elsewhere (quorum-default.server.test.ts).
test.beforeAll(async () => {
  await db.insertInto('network_settings').values({ key: 'governanceQuorumVoters', value: '0' }).onConflict((oc) => oc.column('key').doUpdateSet({ value: '0' })).execute();
});

async function as(browser: Browser, userId: string, options: { viewport: { width: number; height: number }; javaScriptEnabled?: boolean }): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signInAs(page, userId);
  return page;
}

test('secret ballot by proxy: the member appoints, the proxy votes without JavaScript, the member votes in person over it', async ({ browser }) => {
  test.setTimeout(180_000);
  const member = await createMember({ name: `Amina Proxy-Giver ${tag()}` });
  const holder = await createMember({ name: `Tomasz Proxy-Holder ${tag()}` });
  const title = `Choose the hall for the AGM ${tag()}`;
  const now = Date.now();
  const { createProposal } = await import('../app/modules/governance/proposal-lifecycle.server');
  const id = await createProposal(
    { title, body: 'The hall at Digbeth or the one at Foleshill.', kind: 'ordinary', secret: true, hideResults: true, allowCloseEarly: true, quorumPercent: 0, writtenMajority: 'ordinary', pollMode: 'single', pollBinding: false, options: [], maxScore: 5, seats: 1, opensAt: now, closesAt: now + 86_400_000 },
    { id: member.id, role: 'member' },
  );
  const url = `/governance/proposals/${id}`;

  // The member, on a phone, appoints the proxy for this secret ballot.
  const m = await as(browser, member.id, { viewport: { width: 360, height: 740 } });
  await visit(m, '/governance/proxies');
  await expect(m.getByText('Secret ballots and elections too')).toBeVisible();
  // No member chosen: the message is next to that field, and the chosen vote is kept.
  await m.getByLabel('For which vote?').selectOption({ label: title });
  await m.getByLabel('Member who will vote for you').evaluate((el) => el.removeAttribute('required'));
  await m.getByRole('button', { name: 'Appoint proxy' }).click();
  await expect(m.getByRole('alert')).toHaveText('Choose a member');
  await expect(m.getByLabel('Member who will vote for you')).toHaveAttribute('aria-invalid', 'true');
  await expect(m.getByLabel('For which vote?')).toHaveValue(id);
  await m.getByLabel('Member who will vote for you').selectOption({ label: holder.name });
  await m.getByRole('button', { name: 'Appoint proxy' }).click();
  await expect(m.getByText('Your proxy code: keep it')).toBeVisible();
  const code = (await m.locator('code.receipt').textContent())!.trim();
  expect(code).toMatch(CODE);
  await expect(m.getByRole('link', { name: /download/i })).toHaveAttribute('href', /^data:text\/plain/);
  // Fits the phone: nothing wider than the screen.
  expect(await m.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(m);
  // The code is not stored anywhere the server can read it back.
  const stored = JSON.stringify(await db.selectFrom('governance_proxies').selectAll().where('grantor_id', '=', member.id).execute());
  expect(stored).not.toContain(code);
  expect(stored).not.toContain(code.replace(/-/g, ''));

  // The proxy, in a browser without JavaScript, votes for the member: its own receipt for that ballot.
  const h = await as(browser, holder.id, { viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
  await h.goto(url);
  await expect(h.getByRole('heading', { name: 'Vote as a proxy' })).toBeVisible();
  const forMember = h.locator('.proxy-vote').filter({ hasText: member.name });
  await expect(forMember.getByText('Secret ballot: your vote for')).toBeVisible();
  await forMember.getByRole('radio', { name: 'Against', exact: true }).check();
  await forMember.getByRole('button', { name: `Cast vote for ${member.name}` }).click();
  await expect(h.getByText(`This is the receipt for the secret vote you cast for ${member.name}`)).toBeVisible();
  const proxyReceipt = (await h.locator('code.receipt').textContent())!.trim();
  expect(proxyReceipt).toMatch(CODE);
  // From the same page, the proxy's own vote is its own (not taken for a resent proxy form).
  await h.locator('#vote').locator('..').getByRole('radio', { name: 'Against', exact: true }).check();
  await h.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(h.getByText('Your vote is recorded.')).toBeVisible();
  const ownReceipt = (await h.locator('code.receipt').textContent())!.trim();
  expect(ownReceipt).not.toBe(proxyReceipt);
  // Voting again for the member needs the receipt of that ballot.
  await expect(h.locator('.proxy-vote').filter({ hasText: member.name }).getByLabel('Your receipt code')).toBeVisible();

  // The member sees that the proxy voted, and votes in person with the proxy code.
  await visit(m, url);
  await expect(m.getByText('Your proxy has voted for you.')).toBeVisible();
  await expectAccessible(m);
  expect(await m.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await m.getByLabel('Your proxy code').fill('AAAA-BBBB-CCCC-DDDD-EEEE');
  await m.getByRole('radio', { name: 'For', exact: true }).check();
  await m.getByRole('button', { name: 'Vote myself instead' }).click();
  await expect(m.getByText("That proxy code does not open your proxy's ballot.")).toBeVisible();
  await expect(m.getByLabel('Your proxy code')).toHaveAttribute('aria-invalid', 'true');
  await expect(m.getByRole('radio', { name: 'For', exact: true })).toBeChecked();
  // Typed as people do: lower case, spaces instead of dashes.
  await m.getByLabel('Your proxy code').fill(code.toLowerCase().replace(/-/g, ' '));
  await m.getByRole('button', { name: 'Vote myself instead' }).click();
  await expect(m.getByText('Your vote is recorded.')).toBeVisible();
  const memberReceipt = (await m.locator('code.receipt').textContent())!.trim();
  expect(memberReceipt).toMatch(CODE);
  await expect(m.getByText('You have voted. Your ballot is stored without your name')).toBeVisible();

  // The proxy can no longer vote for the member: the page says so, and a hand-made POST is refused.
  await h.goto(url);
  await expect(h.locator('.proxy-vote').filter({ hasText: member.name }).getByText('This member has voted in person')).toBeVisible();
  const refused = await h.request.post(url, { form: { intent: 'proxy-vote', voterId: member.id, choice: 'against', changeCode: proxyReceipt }, headers: { Origin: new URL(h.url()).origin } });
  expect(refused.status()).toBe(409);
  // Close: the member's For and the proxy's own Against count; the replaced Against does not.
  await m.getByRole('button', { name: 'Close voting now' }).click();
  await expect(m.getByText('Voting closed.')).toBeVisible();
  const closed = await db.selectFrom('governance_proposals').select(['status', 'result']).where('id', '=', id).executeTakeFirstOrThrow();
  expect(closed.status).toBe('closed');
  expect(JSON.parse(closed.result!)).toMatchObject({ counts: { for: 1, against: 1, abstain: 0 } });
  expect(await db.selectFrom('governance_voters').select('user_id').where('proposal_id', '=', id).where('proxy_sealed_tag', 'is not', null).execute()).toHaveLength(0);
  // After close anyone can check a receipt: the member's counted, the proxy's replaced one not.
  await visit(m, url);
  await m.getByLabel('Check a receipt code').fill(memberReceipt);
  await m.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(m.getByText("This receipt's ballot is in the count.")).toBeVisible();
  await m.getByLabel('Check a receipt code').fill(proxyReceipt);
  await m.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(m.getByText('No ballot with this receipt is in the count.')).toBeVisible();
});
