import { test, expect } from '@playwright/test';
import { createMember, expectAccessible, latestEmail, signIn, signInAs, STEWARD, userIdOf, visit } from './support';
import { db } from '../db/connection';
import { newId } from '../app/modules/auth/tokens.server';
import { saveProfile } from '../app/modules/directory/profiles.server';
import { createOrg } from '../app/modules/directory/orgs.server';
import { OrgSchema, ProfileSchema } from '../app/modules/directory/directory.schema';

const unique = () => Math.random().toString(36).slice(2, 8);

async function setProfile(userId: string, over: Record<string, unknown>) {
  const result = await saveProfile(userId, ProfileSchema.parse({ languages: [], offers: [], needs: [], themes: [], ...over }));
  if (!result.ok) throw new Error('profile not saved');
}

test('a hidden phone stays hidden from members, and visitors cannot see a members-only profile', async ({ page, browser }) => {
  // Three sign-ins and a dozen full page loads (no JavaScript on these pages): slow on a busy machine.
  test.setTimeout(90_000);
  const owner = await createMember({ name: `Owner ${unique()}` });
  const headline = `Tenancy clinic ${unique()}`;
  const other = await createMember({ name: `Other ${unique()}` });
  await signIn(page, owner.email, owner.password);
  await visit(page, '/settings/profile');
  await expectAccessible(page);
  await page.getByLabel('Headline').fill(headline);
  await page.getByRole('textbox', { name: 'Phone (optional)' }).fill('07911 123456');
  await page.getByLabel('Who can see your phone number').selectOption('me');
  await page.getByRole('textbox', { name: 'WhatsApp (optional)' }).fill('+40 712 345 678');
  await page.getByLabel('Who can see your WhatsApp number').selectOption('members');
  await page.getByRole('group', { name: 'Skills I can offer' }).getByLabel('Bid writing').check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Your profile is saved.')).toBeVisible();

  // A bad number gives a message next to the field and keeps what was typed.
  await page.getByRole('textbox', { name: 'Phone (optional)' }).fill('12345');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.locator('.field__error').first()).toContainText('Enter a real phone number');
  await expect(page.getByRole('textbox', { name: 'Phone (optional)' })).toHaveValue('12345');

  const context = await browser.newContext();
  const second = await context.newPage();
  await signIn(second, other.email, other.password);
  await visit(second, `/members/${owner.id}`);
  await expect(second.getByRole('heading', { level: 1 })).toHaveText(owner.name);
  await expect(second.getByText(headline)).toBeVisible();
  const html = await second.content();
  expect(html).not.toContain('7911123456');
  expect(html).not.toContain('tel:');
  const whatsapp = second.getByRole('link', { name: /Message on WhatsApp/ });
  await expect(whatsapp).toHaveAttribute('href', /^https:\/\/wa\.me\/40712345678\?text=/);
  await expectAccessible(second);
  await context.close();

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  // A signed-out visitor is sent to sign in and back (a shared link, issue 13.2), never shown the profile.
  await visitor.goto(`/members/${owner.id}`);
  await expect(visitor).toHaveURL(/\/login\?redirectTo=%2Fmembers%2F/);
  expect(await visitor.content()).not.toContain(headline);
  const photo = await visitor.request.get(`/members/${owner.id}/photo`);
  expect(photo.status()).toBe(404);
  await visitorContext.close();
});

// /members ships no JavaScript (issue 17): the search runs on Enter or the Search button, as a plain GET
// form; on pages that hydrate, the same form also searches as you type.
test('search and filters are in the URL, and the link can be shared', async ({ page }) => {
  const word = `zq${unique()}`;
  const coventry = await createMember({ name: `Cov ${unique()}` });
  const brum = await createMember({ name: `Brum ${unique()}` });
  await setProfile(coventry.id, { headline: `${word} storytelling`, city: 'coventry' });
  await setProfile(brum.id, { headline: `${word} storytelling`, city: 'birmingham' });
  const me = await createMember();
  await signIn(page, me.email, me.password);
  await visit(page, '/members');
  await page.getByLabel('Search members').fill(word);
  await page.getByLabel('Search members').press('Enter');
  await expect(page).toHaveURL(new RegExp(`q=${word}`));
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('2 members found.');
  await page.getByText('Filters', { exact: true }).click();
  await page.getByLabel('City').selectOption('coventry');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/city=coventry/);
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('1 member found.');
  await expect(page.getByRole('link', { name: coventry.name })).toBeVisible();
  await expectAccessible(page);

  const shared = page.url();
  const fresh = await page.context().newPage();
  await visit(fresh, shared);
  await expect(fresh.getByRole('link', { name: coventry.name })).toBeVisible();
  await expect(fresh.getByRole('link', { name: brum.name })).toHaveCount(0);
  await expect(fresh.getByLabel('Search members')).toHaveValue(word);

  // FTS syntax typed in the box is just text: no error page.
  const res = await page.goto(`/members?q=${encodeURIComponent('"NEAR( * -x')}`);
  expect(res?.status()).toBe(200);
});

test('matches explain themselves, and an introduction arrives by email and in a thread', async ({ page, browser }) => {
  const seeker = await createMember({ name: `Seeker ${unique()}` });
  const writer = await createMember({ name: `Writer ${unique()}` });
  await setProfile(seeker.id, { needs: ['bid-writing'], city: 'coventry', languages: ['ar'] });
  await setProfile(writer.id, { offers: ['bid-writing'], city: 'coventry', languages: ['ar'], headline: 'Bid writer' });
  await signIn(page, seeker.email, seeker.password);
  await visit(page, '/members/matches');
  const card = page.getByRole('listitem').filter({ hasText: writer.name });
  await expect(card).toContainText('Offers Bid writing, which you are looking for · also in Coventry · speaks Arabic');
  await expectAccessible(page);

  await card.getByRole('link', { name: writer.name }).click();
  await expect(page.getByRole('heading', { name: 'Why you might work together' })).toBeVisible();
  await page.getByLabel('Your message').fill('Hello! Shall we apply to the lottery together?');
  await page.getByRole('button', { name: 'Send introduction' }).click();
  await expect(page.getByText(`Your introduction to ${writer.name} is sent.`)).toBeVisible();
  await expect(page.getByText('Hello! Shall we apply to the lottery together?')).toBeVisible();

  const mail = await latestEmail(writer.email);
  expect(mail.subject).toContain(`${seeker.name} introduced themselves`);
  expect(mail.text_body).toContain('Shall we apply to the lottery together?');
  expect(mail.text_body).not.toContain(seeker.email);

  const context = await browser.newContext();
  const reply = await context.newPage();
  await signIn(reply, writer.email, writer.password);
  const link = /\/conversations\/[\w-]+/.exec(mail.text_body)![0];
  await visit(reply, link);
  await reply.getByLabel('Message').fill('Yes, let us talk on Monday.');
  await reply.getByRole('button', { name: 'Send' }).click();
  await expect(reply.getByText('Yes, let us talk on Monday.')).toBeVisible();
  await expectAccessible(reply);
  await context.close();
});

test('the public directory shows only opted-in organisations; only leads may edit', async ({ page, browser }) => {
  const lead = await createMember({ name: `Lead ${unique()}` });
  const tag = unique();
  await createOrg(lead.id, OrgSchema.parse({ name: `Listed ${tag}`, slug: `listed-${tag}`, legalForm: 'cic', publicListing: 'on', description: 'Upcycling' }));
  await createOrg(lead.id, OrgSchema.parse({ name: `Hidden ${tag}`, slug: `hidden-${tag}`, legalForm: 'unincorporated', description: 'Upcycling' }));

  await visit(page, `/projects?q=${tag}`);
  await expect(page.getByRole('link', { name: `Listed ${tag}` })).toBeVisible();
  await expect(page.getByText(`Hidden ${tag}`)).toHaveCount(0);
  await expectAccessible(page);
  // One tab is the current one, for screen readers too (both said "current page" before).
  await expect(page.locator('nav.subnav [aria-current="page"]')).toHaveCount(1);
  await expect(page.locator('nav.subnav [aria-current="page"]')).toHaveAttribute('href', '/projects');
  // Signed out, an unlisted organisation asks for sign-in like any members-only page (issue 13.2): the
  // same answer as for a made-up name, so it tells a stranger nothing.
  await page.goto(`/orgs/hidden-${tag}`);
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Forgs%2Fhidden-/);
  expect(await page.content()).not.toContain(`Hidden ${tag}`);
  await page.goto(`/orgs/listed-${tag}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Listed ${tag}`);
  await expect(page.getByText(lead.name)).toHaveCount(0);

  const context = await browser.newContext();
  const member = await context.newPage();
  const other = await createMember();
  await signIn(member, other.email, other.password);
  expect((await member.goto(`/orgs/listed-${tag}/edit`))?.status()).toBe(403);
  const post = await member.request.post(`/orgs/listed-${tag}/edit`, {
    form: { intent: 'save', name: 'Hacked', slug: `listed-${tag}`, legalForm: 'cic' },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(post.status()).toBe(403);
  await visit(member, `/orgs/listed-${tag}`);
  await expect(member.getByRole('heading', { level: 1 })).toHaveText(`Listed ${tag}`);
  await context.close();
});

test('fits a 360 px phone, also in Arabic, and stewards-only tag merging refuses members', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const m = await createMember({ name: `Phone ${unique()}` });
  await setProfile(m.id, { headline: 'A rather long headline about tenancy rights workshops for families', offers: ['bid-writing', 'budgeting'], needs: ['translation'], whatsapp: '+40 712 345 678', whatsappVisibility: 'members' });
  await signIn(page, m.email, m.password);
  for (const path of ['/members', `/members/${m.id}`, '/members/matches', '/settings/profile', '/orgs']) {
    await visit(page, path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
  }
  await visit(page, '/members');
  await page.getByText('Menu', { exact: true }).click();
  await page.getByLabel('Language', { exact: true }).selectOption('ar');
  await page.getByRole('button', { name: 'Change' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page);
  expect((await page.goto('/admin/tags'))?.status()).toBe(403);
  await context.close();
});

/** A notice posted by the member and a mentorship with a session they logged, straight in the database. */
async function noticeAndMentoring(memberId: string, mentorId: string) {
  const now = Date.now();
  const base = { body_html: '<p>Spare room</p>', city: 'birmingham', themes: '[]', details: '{}', key_date: null, starts_at: null, ends_at: null, is_public: 0, pinned: 0 };
  const noticeId = newId();
  await db
    .insertInto('notices')
    .values({ id: noticeId, author_id: memberId, type: 'offer', title: 'Meeting room to share', body: 'Spare room', ...base, expires_at: now + 86_400_000 * 30, status: 'open', closed_at: null, hidden: 0, hidden_note: null, hidden_at: null, file_path: null, file_name: null, file_mime: null, file_size: null, created_at: now, updated_at: now })
    .execute();
  const ms = newId();
  await db
    .insertInto('mentorships')
    .values({ id: ms, mentor_id: mentorId, mentee_id: memberId, status: 'active', requested_by: memberId, paired_by_steward: 0, goals: 'Learn budgeting', frequency: 'monthly', mode: 'online', start_on: now, request_message: 'Please', response_message: 'MENTOR PRIVATE WORDS', mentor_reflection: null, mentee_reflection: null, created_at: now, accepted_at: now, closed_at: null, updated_at: now })
    .execute();
  await db
    .insertInto('mentoring_sessions')
    .values({ id: newId(), mentorship_id: ms, author_id: memberId, held_on: now, duration_minutes: 45, mode: 'online', topics: '[]', notes: 'We planned my first budget', created_at: now, edited_at: null, confirmed_at: null, confirmed_by: null, reflection: null, rating: null })
    .execute();
  await db
    .insertInto('mentoring_sessions')
    .values({ id: newId(), mentorship_id: ms, author_id: mentorId, held_on: now - 86_400_000, duration_minutes: 30, mode: 'phone', topics: '[]', notes: 'MENTOR PRIVATE NOTES', created_at: now, edited_at: null, confirmed_at: null, confirmed_by: null, reflection: null, rating: null })
    .execute();
  return { noticeId };
}

test('a member can download their data and delete their account; stewards cannot reinstate it', async ({ page }) => {
  const m = await createMember({ name: `Leaving ${unique()}` });
  const mentor = await createMember({ name: `Mentor ${unique()}` });
  await setProfile(m.id, { headline: 'Leaving soon', phone: '07911 123459', phoneVisibility: 'me' });
  await setProfile(mentor.id, { headline: 'Mentor', phone: '07911 123460', phoneVisibility: 'me' });
  const { noticeId } = await noticeAndMentoring(m.id, mentor.id);
  await signIn(page, m.email, m.password);
  await visit(page, '/settings/data');
  await expectAccessible(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data' }).click()]);
  const data = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
  expect(data.profile.phone).toBe('+447911123459');
  expect(data.noticeboard.noticesYouPosted.map((n: { title: string }) => n.title)).toEqual(['Meeting room to share']);
  expect(data.mentoring).toHaveLength(1);
  expect(data.mentoring[0].with).toBe(mentor.name);
  expect(JSON.stringify(data.mentoring)).toContain('We planned my first budget');
  const text = JSON.stringify(data);
  for (const hidden of ['password_hash', 'MENTOR PRIVATE NOTES', 'MENTOR PRIVATE WORDS', '7911123460', mentor.email]) expect(text).not.toContain(hidden);

  await page.getByLabel('Your password').fill('not my password');
  await page.getByLabel('I understand that this cannot be undone').check();
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.locator('.field__error').first()).toContainText('The password is not right');
  await page.getByLabel('Your password').fill(m.password);
  await page.getByLabel('I understand that this cannot be undone').check();
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByText('Your account is deleted.')).toBeVisible();
  // Signed out by the deletion: the old profile link asks for sign-in and shows nothing of them.
  await page.goto(`/members/${m.id}`);
  await expect(page).toHaveURL(/\/login\?redirectTo=/);

  // A steward sees the deleted account without a Reinstate button, and a forged reinstate is refused.
  await signInAs(page, await userIdOf(STEWARD.email));
  await visit(page, `/admin/members?q=${encodeURIComponent(m.id)}`);
  const card = page.getByRole('listitem').filter({ hasText: 'Deleted account' });
  await expect(card).toHaveCount(1);
  await expect(card.getByRole('button', { name: 'Reinstate' })).toHaveCount(0);
  await expect(card.getByText('It cannot be reinstated')).toBeVisible();
  await expectAccessible(page);
  const status = await page.evaluate((id) => fetch('/admin/members', { method: 'POST', body: new URLSearchParams({ intent: 'reinstate', id }) }).then((r) => r.status), m.id);
  expect(status).toBe(409);
  const row = await db.selectFrom('users').select('status').where('id', '=', m.id).executeTakeFirstOrThrow();
  expect(row.status).toBe('suspended');

  // Their notice stays (closed), attributed to a former member in the reader's language.
  const polish = await createMember({ locale: 'pl' });
  await signInAs(page, polish.id);
  await visit(page, `/notices/${noticeId}`);
  await expect(page.getByText('Były członek')).toBeVisible();
  await expect(page.getByText(m.name)).toHaveCount(0);
});

test('stewards label a member-added tag per language; members see it in their own language', async ({ page, browser }) => {
  const word = `Radio${unique()}`;
  const owner = await createMember({ name: `Tagger ${unique()}` });
  await setProfile(owner.id, { headline: 'Community radio', newOffers: `${word} Community Radio` });
  await signInAs(page, await userIdOf(STEWARD.email));
  await visit(page, '/admin/tags');
  const item = page.getByRole('listitem').filter({ hasText: `${word} Community Radio` });
  await item.locator('summary').click();
  await item.getByLabel('Label in العربية').fill(`راديو مجتمعي ${word}`);
  await item.getByLabel('Label in Polski').fill('x'.repeat(41));
  await item.getByRole('button', { name: /Save labels/ }).click();
  await expect(page.getByText('Use at most 40 characters.')).toBeVisible();
  await expect(item.getByLabel('Label in العربية')).toHaveValue(`راديو مجتمعي ${word}`);
  await expectAccessible(page);
  await item.getByLabel('Label in Polski').fill('');
  await item.getByRole('button', { name: /Save labels/ }).click();
  await expect(page.getByText('Tag labels saved.')).toBeVisible();

  const arabic = await createMember({ locale: 'ar' });
  const context = await browser.newContext();
  const arPage = await context.newPage();
  await signInAs(arPage, arabic.id);
  await visit(arPage, `/members/${owner.id}`);
  await expect(arPage.getByText(`راديو مجتمعي ${word}`)).toBeVisible();
  await context.close();
  await visit(page, `/members/${owner.id}`);
  await expect(page.getByText(`${word} Community Radio`)).toBeVisible();
});

test('search finds members by city and language names in any UI language, and says what it corrected', async ({ page }) => {
  const tag = unique();
  const speaker = await createMember({ name: `Speaker ${tag}` });
  await setProfile(speaker.id, { city: 'coventry', languages: ['ar'], headline: `Budget workshops ${tag}` });
  const viewer = await createMember({ name: `Viewer ${tag}` });
  await signInAs(page, viewer.id);
  await page.setViewportSize({ width: 360, height: 740 });
  // Neither the city nor the language is written anywhere in her profile text.
  for (const q of ['Coventry', 'Arabic', 'عربي', 'عربی']) {
    await visit(page, `/members?q=${encodeURIComponent(q)}`);
    await expect(page.getByRole('link', { name: speaker.name }), q).toBeVisible();
  }
  await visit(page, '/members');
  await page.getByRole('searchbox').first().fill(`budjet ${tag}`);
  await page.getByRole('searchbox').first().press('Enter');
  await expect(page.getByRole('link', { name: speaker.name })).toBeVisible();
  await expect(page.getByRole('status')).toContainText(`Nothing matched “budjet ${tag}”, so these are the results for “budget ${tag}”.`);
  await expectAccessible(page);
});
