import { randomBytes } from 'node:crypto';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { STEWARD, createMember, expectAccessible, signInAs, userIdOf, visit } from './support';
import { db } from '../db/connection';

const tag = () => randomBytes(3).toString('hex');

// These flows count one or two votes; the network default quorum (two voters, s318) is tested in
// app/modules/governance/quorum-default.server.test.ts.
test.beforeAll(async () => {
  await db.insertInto('network_settings').values({ key: 'governanceQuorumVoters', value: '0' }).onConflict((oc) => oc.column('key').doUpdateSet({ value: '0' })).execute();
});

async function as(browser: Browser, userId: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signInAs(page, userId);
  return page;
}

async function vote(page: Page, url: string, choice: string, secret = false) {
  await visit(page, url);
  await page.getByRole('radio', { name: choice, exact: true }).check();
  await page.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(page.getByText('Your vote is recorded.')).toBeVisible();
  // Receipts are only for secret ballots (issue 13.6): 20 characters (100 bits) in groups of four.
  if (secret) await expect(page.locator('code.receipt')).toHaveText(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
  else await expect(page.locator('code.receipt')).toHaveCount(0);
}

test('propose → discuss → three members vote → close → register entry → minutes export', async ({ browser }) => {
  test.setTimeout(240_000);
  const title = `Adopt the code of conduct ${tag()}`;
  const proposer = await createMember({ name: `Proposer ${tag()}` });
  const b = await createMember({ name: `Voter B ${tag()}` });
  const c = await createMember({ name: `Voter C ${tag()}` });

  // Propose, on a phone.
  const pa = await as(browser, proposer.id, { width: 360, height: 740 });
  await visit(pa, '/governance/new');
  await expectAccessible(pa);
  // Bad input: message next to the field, input kept.
  await pa.getByLabel('Title').fill(title);
  await pa.getByRole('button', { name: 'Create proposal' }).click();
  await expect(pa.getByText('Enter the text of the proposal').first()).toBeVisible();
  await expect(pa.getByLabel('Title')).toHaveValue(title);
  await pa.getByLabel('What is proposed, and why').fill('We adopt the code of conduct discussed at the March gathering.');
  await pa.getByLabel('Kind of decision').selectOption('ordinary');
  await pa.getByRole('button', { name: 'Create proposal' }).click();
  await expect(pa.getByRole('heading', { level: 1 })).toHaveText(title);
  const url = new URL(pa.url()).pathname;
  const proposalId = url.split('/').pop()!;
  await expect(pa.getByRole('link', { name: 'Share on WhatsApp' })).toHaveAttribute('href', /^https:\/\/wa\.me\/\?text=/);

  // Discuss.
  await pa.getByLabel('Add a comment').fill('Please read clause 4 on meetings.');
  await pa.getByRole('button', { name: 'Send' }).last().click();
  await expect(pa.getByText('Please read clause 4 on meetings.')).toBeVisible();
  await expectAccessible(pa);

  // A member who joins after voting opened is not in the frozen electorate: 403, nothing stored.
  const late = await createMember({ name: `Late ${tag()}` });
  const pl = await as(browser, late.id);
  await visit(pl, url);
  await expect(pl.getByText('You are not in the electorate for this vote')).toBeVisible();
  const denied = await pl.request.post(url, { form: { intent: 'vote', choice: 'for' }, headers: { Origin: new URL(pl.url()).origin } });
  expect(denied.status()).toBe(403);
  expect(await db.selectFrom('governance_voters').selectAll().where('proposal_id', '=', proposalId).where('user_id', '=', late.id).execute()).toHaveLength(0);

  // Three members vote; the live count updates for them.
  await vote(pa, url, 'For');
  const pb = await as(browser, b.id);
  await vote(pb, url, 'For');
  await expect(pb.getByRole('heading', { name: 'Running count' })).toBeVisible();
  const pc = await as(browser, c.id);
  await visit(pc, url);
  await pc.getByRole('radio', { name: 'Against', exact: true }).check();
  await pc.getByLabel('Reason').fill('Clause 4 needs more work');
  await pc.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(pc.getByText('Your vote is recorded.')).toBeVisible();
  await expect(pc.locator('code.receipt')).toHaveCount(0);
  // Changing a vote is allowed until close and keeps history.
  await visit(pc, url);
  await expect(pc.getByText('Your vote now: Against.')).toBeVisible();

  // Close early as the facilitator.
  await visit(pa, url);
  await pa.getByRole('button', { name: 'Close voting now' }).click();
  await expect(pa.getByText('Voting closed.')).toBeVisible();
  await expect(pa.locator('.outcome')).toHaveText('Passed');
  await pa.getByLabel('Outcome statement').fill('The code of conduct is adopted from today.');
  await pa.getByRole('button', { name: 'Save outcome' }).click();
  await expect(pa.getByText('Outcome saved.')).toBeVisible();
  // After close a vote is refused.
  const afterClose = await pb.request.post(url, { form: { intent: 'vote', choice: 'against' }, headers: { Origin: new URL(pb.url()).origin } });
  expect(afterClose.status()).toBe(409);

  // Verify the count and a receipt.
  await visit(pc, url);
  await pc.getByRole('link', { name: 'Verify the count' }).click();
  await expect(pc.getByText('the result matches')).toBeVisible();
  await expectAccessible(pc);

  // The register has a numbered entry; CSV and PDF exports work.
  await visit(pb, '/governance/decisions');
  const entry = pb.locator('.minute', { hasText: title });
  await expect(entry).toContainText('Decision');
  await expect(entry).toContainText('The code of conduct is adopted from today.');
  await expectAccessible(pb);
  const csv = await pb.request.get('/governance/decisions.csv');
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain(title);
  const pdf = await pb.request.get('/governance/decisions.pdf');
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // The governance log shows who closed it.
  await visit(pb, '/governance/audit');
  await expect(pb.getByText('Closed voting').first()).toBeVisible();
  await expectAccessible(pb);
});

test('hidden results never reach the page data or the live tally before close', async ({ browser }) => {
  test.setTimeout(90_000);
  const proposer = await createMember({ name: `Hider ${tag()}` });
  const p = await as(browser, proposer.id);
  await visit(p, '/governance/new');
  const title = `Hidden vote ${tag()}`;
  await p.getByLabel('Title').fill(title);
  await p.getByLabel('What is proposed, and why').fill('Secret and hidden.');
  await p.getByLabel('Kind of decision').selectOption('special');
  await p.getByLabel('Secret ballot', { exact: false }).check();
  await p.getByLabel('Hide results until voting closes').check();
  await p.getByRole('button', { name: 'Create proposal' }).click();
  await expect(p.getByRole('heading', { level: 1 })).toHaveText(title);
  const url = new URL(p.url()).pathname;
  await vote(p, url, 'For', true);
  const receipt = (await p.locator('code.receipt').textContent())!;
  // A secret ballot can be changed until close, found by its receipt code and nothing else.
  await visit(p, url);
  await p.getByLabel('Your receipt code').fill('AAAAA-AAAAA');
  await p.getByRole('radio', { name: 'Against', exact: true }).check();
  await p.getByRole('button', { name: 'Change my vote' }).click();
  await expect(p.getByText('That receipt code does not match a ballot in this vote.')).toBeVisible();
  await expect(p.getByRole('radio', { name: 'Against', exact: true })).toBeChecked();
  await p.getByLabel('Your receipt code').fill(receipt.toLowerCase());
  await p.getByRole('button', { name: 'Change my vote' }).click();
  await expect(p.getByText('Your vote is recorded.')).toBeVisible();
  await expect(p.locator('code.receipt')).not.toHaveText(receipt);
  await expect(p.getByText('Results are hidden until voting closes.')).toBeVisible();
  const data = await p.request.get(`${url}?_data=routes%2Fgovernance.proposals.%24id`);
  const body = await data.json();
  expect(body.result).toBeNull();
  expect(JSON.stringify(body)).not.toMatch(/"for":\s*1/);
  const live = await p.request.get(`/resources/governance/${url.split('/').pop()}/tally`);
  expect(live.status()).toBe(403);
  expect((await live.json()).tally).toBeNull();
});

test('election by STV end to end, with the count stage by stage', async ({ browser }) => {
  test.setTimeout(240_000);
  const names = [`Amira ${tag()}`, `Bogdan ${tag()}`, `Chen ${tag()}`];
  const cands = [];
  for (const n of names) cands.push(await createMember({ name: n }));
  const voters = [await createMember({ name: `Elector 1 ${tag()}` }), await createMember({ name: `Elector 2 ${tag()}` }), await createMember({ name: `Elector 3 ${tag()}` })];
  const p = await as(browser, voters[0]!.id);
  await visit(p, '/governance/new');
  await p.getByLabel('Title').fill(`Elect the first director ${tag()}`);
  await p.getByLabel('What is proposed, and why').fill('One director seat for two years.');
  await p.getByLabel('Kind of decision').selectOption('election');
  const section = p.locator('details', { hasText: 'Election settings' });
  if ((await section.getAttribute('open')) === null) await section.locator('summary').click();
  await p.getByLabel('Seats to fill').fill('1');
  for (const n of names) await p.getByRole('checkbox', { name: n }).check();
  await p.getByRole('button', { name: 'Create proposal' }).click();
  await p.waitForURL(/\/governance\/proposals\//);
  await expect(p.locator('.page-header .meta')).toContainText('secret ballot');
  const url = new URL(p.url()).pathname;
  await expectAccessible(p);

  // Five ballots: Amira [A], Bogdan [B], A>B, B>A, C>B. First preferences A 2, B 2, C 1; quota 3.
  // Chen is excluded and the ballot moves to Bogdan, who reaches the quota.
  const ballots: Array<[string, string[]]> = [
    [cands[0]!.id, [names[0]!]],
    [cands[1]!.id, [names[1]!]],
    [voters[0]!.id, [names[0]!, names[1]!]],
    [voters[1]!.id, [names[1]!, names[0]!]],
    [voters[2]!.id, [names[2]!, names[1]!]],
  ];
  for (const [who, ranking] of ballots) {
    const page = who === voters[0]!.id ? p : await as(browser, who);
    await visit(page, url);
    await expect(page.getByRole('group', { name: 'Rank the candidates' })).toBeVisible();
    for (let r = 0; r < ranking.length; r++) await page.getByRole('combobox', { name: ranking[r]!, exact: true }).selectOption(String(r + 1), { timeout: 10_000 });
    await page.getByRole('button', { name: 'Cast my vote' }).click();
    await expect(page.getByText('Your vote is recorded.')).toBeVisible();
    if (page !== p) await page.context().close();
  }
  await visit(p, url);
  await p.getByRole('button', { name: 'Close voting now' }).click();
  await expect(p.locator('.outcome')).toHaveText('Elected');
  const table = p.getByRole('table', { name: 'The count, stage by stage' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(3); // header + first preferences + Chen's exclusion
  await expect(p.getByText(`Elected: ${names[1]}`, { exact: true })).toBeVisible();
  await expect(p.getByText('5 members voted', { exact: true })).toBeVisible();
  await expectAccessible(p);
});

test('CIC roadmap step linked to a decision', async ({ browser }) => {
  test.setTimeout(90_000);
  const stewardId = await userIdOf(STEWARD.email);
  const title = `Agree to incorporate ${tag()}`;
  const now = Date.now();
  const { createProposal, closeProposal } = await import('../app/modules/governance/proposal-lifecycle.server');
const { castVote } = await import('../app/modules/governance/proposal-voting.server');
  const id = await createProposal(
    { title, body: 'The network becomes a CIC.', kind: 'ordinary', secret: false, hideResults: false, allowCloseEarly: true, quorumPercent: 0, writtenMajority: 'ordinary', pollMode: 'single', pollBinding: false, options: [], maxScore: 5, seats: 1, opensAt: now, closesAt: now + 86_400_000 },
    { id: stewardId, role: 'steward' },
  );
  await castVote(id, { id: stewardId }, stewardId, { choice: 'for' });
  await closeProposal(id, stewardId);

  const s = await as(browser, stewardId, { width: 360, height: 740 });
  await visit(s, '/governance/cic');
  await expect(s.getByRole('heading', { level: 1 })).toHaveText('CIC transition');
  const step = s.locator('#step-agree_to_incorporate');
  await step.locator('summary').click();
  await step.getByLabel('Status').selectOption('done');
  await step.getByLabel('Owner').selectOption({ label: STEWARD.name });
  await step.getByLabel('Linked proposal').selectOption({ label: title });
  await step.getByLabel('Link to a document').fill('javascript:alert(1)');
  await step.getByRole('button', { name: 'Save step' }).click();
  await expect(s.getByText('Enter a link starting with / or https://')).toBeVisible();
  await s.locator('#step-agree_to_incorporate').getByLabel('Link to a document').fill('/governance/decisions');
  await s.locator('#step-agree_to_incorporate').getByRole('button', { name: 'Save step' }).click();
  await expect(s.getByText('Step saved.')).toBeVisible();
  await expect(s.locator('#step-agree_to_incorporate')).toContainText(title);
  await expect(s.locator('#step-agree_to_incorporate')).toContainText('Passed');
  await expect(s.getByText(/of 8 steps done/)).toBeVisible();
  await expectAccessible(s);

  // A member who is neither steward, director nor owner cannot change a step.
  const m = await createMember();
  const mp = await as(browser, m.id);
  await visit(mp, '/governance/cic');
  const denied = await mp.request.post('/governance/cic', { form: { intent: 'step', key: 'choose_model', status: 'done' }, headers: { Origin: new URL(mp.url()).origin } });
  expect(denied.status()).toBe(403);
  const row = await db.selectFrom('governance_cic_steps').select('status').where('key', '=', 'choose_model').executeTakeFirstOrThrow();
  expect(row.status).not.toBe('done');
});

test('CIC documents: readable without JavaScript (text fallback), closed to unknown keys', async ({ browser }) => {
  test.setTimeout(90_000);
  const m = await createMember();
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signInAs(page, m.id);
  await page.goto('/governance/documents/community_interest_statement');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Community interest statement (CIC36)');
  await expect(page.getByRole('heading', { name: 'What happens to any surplus' })).toBeVisible();
  await page.goto('/governance/documents/cic34');
  await expect(page.getByRole('heading', { name: 'Members by city' })).toBeVisible();
  const missing = await page.request.get('/governance/documents/not-a-document');
  expect(missing.status()).toBe(404);
  await context.close();
});

test('a proposal put to a named group: only its members see the vote form; the group is frozen when voting opens', async ({ browser }) => {
  test.setTimeout(180_000);
  const stewardId = await userIdOf(STEWARD.email);
  const inside = await createMember({ name: `Hub member ${tag()}` });
  const outside = await createMember({ name: `Outsider ${tag()}` });
  const groupName = `Wolverhampton hub ${tag()}`;
  const title = `Hub opening hours ${tag()}`;

  // Members can see groups but not manage them.
  const po = await as(browser, outside.id);
  await visit(po, '/governance/groups');
  await expect(po.getByRole('heading', { level: 1 })).toHaveText('Groups');
  await expect(po.getByRole('button', { name: 'Create group' })).toHaveCount(0);
  const denied = await po.request.post('/governance/groups', { form: { intent: 'create', name: 'Mine' }, headers: { Origin: new URL(po.url()).origin } });
  expect(denied.status()).toBe(403);

  // A steward creates the group and adds a member, on a phone.
  const ps = await as(browser, stewardId, { width: 360, height: 740 });
  await visit(ps, '/governance/groups');
  await expectAccessible(ps);
  await ps.getByLabel('Group name').fill(groupName);
  await ps.getByRole('button', { name: 'Create group' }).click();
  await expect(ps.getByRole('heading', { level: 1 })).toHaveText(groupName);
  await expect(ps.getByText('Group created.')).toBeVisible();
  const groupUrl = new URL(ps.url()).pathname;
  await ps.getByLabel('Member', { exact: true }).selectOption({ label: inside.name });
  await ps.getByRole('button', { name: 'Add to group' }).click();
  await expect(ps.getByText('Member added to the group.')).toBeVisible();
  await expect(ps.getByRole('link', { name: inside.name })).toBeVisible();
  await expectAccessible(ps);

  // The steward puts a proposal to the group.
  await visit(ps, '/governance/new');
  await ps.getByLabel('Title').fill(title);
  await ps.getByLabel('What is proposed, and why').fill('The hub opens on Saturday mornings.');
  await ps.getByLabel('Kind of decision').selectOption('ordinary');
  await ps.getByLabel('Who may vote?').selectOption({ label: `${groupName} (1 voting member)` });
  await ps.getByRole('button', { name: 'Create proposal' }).click();
  await expect(ps.getByRole('heading', { level: 1 })).toHaveText(title);
  const url = new URL(ps.url()).pathname;
  const proposalId = url.split('/').pop()!;
  await expect(ps.getByText('Voters: members of the group')).toBeVisible();
  await expect(ps.getByText('1 voter', { exact: false })).toBeVisible();
  // The steward is not in the group: no vote form.
  await expect(ps.getByText(`Only members of the group ${groupName}`)).toBeVisible();
  await expect(ps.getByRole('button', { name: 'Cast my vote' })).toHaveCount(0);

  // Adding the outsider after opening does not let them vote: no form, 403, nothing stored.
  await visit(ps, groupUrl);
  await ps.getByLabel('Member', { exact: true }).selectOption({ label: outside.name });
  await ps.getByRole('button', { name: 'Add to group' }).click();
  await expect(ps.getByText('Member added to the group.')).toBeVisible();
  await visit(po, url);
  await expect(po.getByRole('button', { name: 'Cast my vote' })).toHaveCount(0);
  const refused = await po.request.post(url, { form: { intent: 'vote', choice: 'for' }, headers: { Origin: new URL(po.url()).origin } });
  expect(refused.status()).toBe(403);
  expect(await db.selectFrom('governance_voters').selectAll().where('proposal_id', '=', proposalId).execute()).toHaveLength(0);

  // The group member sees the form and votes.
  const pi = await as(browser, inside.id);
  await vote(pi, url, 'For');
  await expectAccessible(pi);

  // Group changes are in the governance log.
  await visit(ps, '/governance/audit');
  await expect(ps.getByText('Created a group').first()).toBeVisible();
  await expect(ps.getByText('Added a member to a group').first()).toBeVisible();
});

test('consent: an objection blocks it; the proposer amends and re-opens it for a new round', async ({ browser }) => {
  test.setTimeout(180_000);
  const proposer = await createMember({ name: `Consent proposer ${tag()}` });
  const objector = await createMember({ name: `Objector ${tag()}` });
  const title = `Share one stall ${tag()}`;
  const pp = await as(browser, proposer.id);
  await visit(pp, '/governance/new');
  await pp.getByLabel('Title').fill(title);
  await pp.getByLabel('What is proposed, and why').fill('Projects share one stall at the fair.');
  await pp.getByLabel('Kind of decision').selectOption('consent');
  await pp.getByRole('button', { name: 'Create proposal' }).click();
  await expect(pp.getByRole('heading', { level: 1 })).toHaveText(title);
  const url = new URL(pp.url()).pathname;
  const proposalId = url.split('/').pop()!;

  // A background document: the proposer attaches it; members can download it, visitors cannot.
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  await pp.getByLabel('Attach a background document').setInputFiles({ name: 'stall-plan.pdf', mimeType: 'application/pdf', buffer: pdf });
  await pp.getByRole('button', { name: 'Attach', exact: true }).click();
  await expect(pp.getByText('Document attached.')).toBeVisible();
  const href = (await pp.getByRole('link', { name: 'stall-plan.pdf' }).getAttribute('href'))!;
  await expectAccessible(pp);

  const po = await as(browser, objector.id);
  const download = await po.request.get(href);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toBe('application/pdf');
  const visitor = await browser.newContext();
  const anonymous = await visitor.request.get(href, { maxRedirects: 0 });
  expect(anonymous.status()).not.toBe(200);
  expect((await anonymous.body()).subarray(0, 5).toString()).not.toBe('%PDF-');
  await visitor.close();
  await visit(po, url);
  await po.getByRole('radio', { name: 'I object', exact: true }).check();
  await po.getByLabel('Reason').fill('The rota clashes with Ramadan evenings');
  await po.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(po.getByText('Your vote is recorded.')).toBeVisible();

  await visit(pp, url);
  await pp.getByRole('button', { name: 'Close voting now' }).click();
  await expect(pp.locator('.outcome')).toHaveText('Not passed');
  await pp.locator('summary', { hasText: 'Amend and re-open' }).click();
  // Closed already: the form says the first decision stays in the register and will be superseded.
  await expect(pp.getByText('The decision of the round that ended stays in the register.')).toBeVisible();
  await pp.locator('#reopen-body').fill('Projects share one stall; the rota avoids evenings.');
  await pp.locator('#reopen-days').fill('3');
  await pp.getByRole('button', { name: 'Amend and re-open' }).click();
  await expect(pp.getByText('The proposal is open again for a new round.')).toBeVisible();
  await expect(pp.locator('.page-header .meta')).toContainText('Round 2');
  await expect(pp.getByRole('heading', { name: 'Objections in earlier rounds' })).toBeVisible();
  await expect(pp.getByText('The rota clashes with Ramadan evenings')).toBeVisible();
  await expectAccessible(pp);

  // Members are told (by the scheduler), and the objector votes again in the new round.
  await expect
    .poll(async () => (await db.selectFrom('notifications').select('id').where('user_id', '=', objector.id).where('kind', '=', 'governance.reopened').execute()).length, { timeout: 20_000 })
    .toBe(1);
  await visit(po, url);
  await po.getByRole('radio', { name: 'I consent', exact: true }).check();
  await po.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(po.getByText('Your vote is recorded.')).toBeVisible();
  await visit(pp, url);
  await pp.getByRole('button', { name: 'Close voting now' }).click();
  await expect(pp.locator('.outcome')).toHaveText('Passed');
  const register = await db.selectFrom('governance_decisions').select(['number', 'outcome', 'supersedes']).where('proposal_id', '=', proposalId).orderBy('number').execute();
  expect(register.map((r) => r.outcome)).toEqual(['rejected', 'passed']);
  expect(register[1]!.supersedes).toBe(register[0]!.number);
  // The minutes show both entries; the later one says which it supersedes.
  await visit(pp, '/governance/decisions');
  await expect(pp.locator(`#decision-${register[0]!.number}`)).toBeVisible();
  await expect(pp.locator(`#decision-${register[1]!.number} .meta`).first()).toContainText(`supersedes decision ${register[0]!.number}`);
});

// The reason box allows 2,000 characters and counts a line break as one (HTML: maxlength uses the
// value's "API value", where a line break is LF); the form sends each as CR LF. The server cut the
// sent text at 2,001 before turning CR LF into LF, so a full reason with line breaks lost its ending.
test('a reason of the full 2,000 characters with line breaks is kept whole', async ({ browser }) => {
  test.setTimeout(60_000);
  const stewardId = await userIdOf(STEWARD.email);
  const member = await createMember();
  const now = Date.now();
  const { createProposal } = await import('../app/modules/governance/proposal-lifecycle.server');
  const id = await createProposal(
    { title: `Reasons kept ${tag()}`, body: 'Say why.', kind: 'ordinary', secret: false, hideResults: false, allowCloseEarly: true, quorumPercent: 0, writtenMajority: 'ordinary', pollMode: 'single', pollBinding: false, options: [], maxScore: 5, seats: 1, opensAt: now, closesAt: now + 86_400_000 },
    { id: stewardId, role: 'steward' },
  );
  const line = 'x'.repeat(99);
  const reason = `${Array.from({ length: 19 }, () => line).join('\n')}\n${'y'.repeat(2000 - 19 * 100 - 3)}END`;
  expect(reason.length).toBe(2000);
  // Without JavaScript, as the form is built to work: the browser itself encodes the form.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signInAs(page, member.id);
  await page.goto(`/governance/proposals/${id}`);
  await page.getByRole('radio', { name: 'For', exact: true }).check();
  await page.getByLabel('Reason').fill(reason);
  // The browser accepted all of it.
  expect(await page.getByLabel('Reason').inputValue()).toBe(reason);
  await page.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(page.getByText('Your vote is recorded.')).toBeVisible();
  const row = await db.selectFrom('governance_ballots').select('reason').where('proposal_id', '=', id).where('voter_id', '=', member.id).executeTakeFirstOrThrow();
  expect(row.reason).toBe(reason);
});
