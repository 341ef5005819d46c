import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { db } from '../db/connection';
import { newId } from '../app/modules/auth/tokens.server';
import { createBid, addPartner } from '../app/modules/bids/bids.server';
import { introduce } from '../app/modules/directory/contact.server';
import { createOrg } from '../app/modules/directory/orgs.server';
import { OrgSchema } from '../app/modules/directory/directory.schema';
import { createNotice } from '../app/modules/notices/notices.server';
import type { NoticeInput } from '../app/modules/notices/notices.schema';
import { subscribe, unsubscribeToken } from '../app/modules/notices/digest.server';
import { createInvitation } from '../app/modules/membership/invitations.server';
import { createProposal, runCloseJob } from '../app/modules/governance/proposal-lifecycle.server';
import { createGroup } from '../app/modules/governance/groups.server';
import { createRound, openRound } from '../app/modules/funding/rounds.server';
import { saveApplication, startApplication } from '../app/modules/funding/applications.server';
import { confirmAwards, openReview } from '../app/modules/funding/panel.server';
import { submitScores } from '../app/modules/funding/reviews.server';
import { getVote, openVote } from '../app/modules/funding/vote.server';
import { setUpPitchDay, startPitch } from '../app/modules/funding/pitch.server';
import { decidedGrant } from '../app/modules/funding/grants.test-helpers';
import { baseUrl, createMember, expectAccessible, signInAs, useLanguage, visit, routeManifest, type ManifestRoute } from './support';
import { draftProposal } from '../app/modules/governance/test-helpers';

/**
 * Every page a member or steward can open, on a 360 px phone, in all six languages: the page answers,
 * has one h1, nothing is wider than the screen, no raw translation key shows, and <html lang dir> match
 * the member's language. axe runs in en and ar only (it is slow). The pages come from the build's own
 * route manifest (as e2e/malformed.spec.ts does), so a new route is swept without editing this file —
 * or, when it has URL parameters this file cannot fill, it fails until it is added to PARAM_PATHS or SKIPPED.
 */

const PHONE = { width: 360, height: 740 };
const LOCALES = ['en', 'ar', 'fa', 'ur', 'pl', 'ro'] as const;
const RTL = new Set(['ar', 'fa', 'ur']);
const AXE = new Set(['en', 'ar']);
const DAY = 24 * 60 * 60_000;
const HOUR = 60 * 60_000;

const manifestRoutes = () => routeManifest().filter((r) => r.id !== 'root');

/** A resource route has no component: its module (app/routes/<id>.ts[x]) has no default export. */
function isPage(route: ManifestRoute): boolean {
  const base = path.resolve('app', route.id);
  const file = ['.tsx', '.ts', '/route.tsx', '/route.ts'].map((ext) => base + ext).find((f) => fs.existsSync(f));
  if (!file) throw new Error(`no source for ${route.id}`);
  return /export\s+default\b/.test(fs.readFileSync(file, 'utf8'));
}

function templateOf(route: ManifestRoute, all: Map<string, ManifestRoute>): string {
  const parts: string[] = [];
  for (let r: ManifestRoute | undefined = route; r; r = r.parentId ? all.get(r.parentId) : undefined) if (r.path) parts.unshift(r.path);
  return `/${parts.join('/')}`.replace(/\/+/g, '/');
}

type World = Awaited<ReturnType<typeof buildWorld>>;

/** Pages with URL parameters, filled with the ids of data this spec made (buildWorld). */
const PARAM_PATHS: Record<string, (w: World) => string> = {
  'routes/$': () => '/no-such-page',
  'routes/bids.$id': (w) => `/bids/${w.bid}`,
  'routes/bids.$id._index': (w) => `/bids/${w.bid}/`,
  'routes/bids.$id.partners': (w) => `/bids/${w.bid}/partners`,
  'routes/bids.$id.sections': (w) => `/bids/${w.bid}/sections`,
  'routes/bids.$id.settings': (w) => `/bids/${w.bid}/settings`,
  'routes/bids.$id.tasks': (w) => `/bids/${w.bid}/tasks`,
  'routes/bids.$id.files': (w) => `/bids/${w.bid}/files`,
  'routes/documents.$id.comments': (w) => `/documents/${w.bidDocument}/comments`,
  'routes/documents.$id.history': (w) => `/documents/${w.bidDocument}/history`,
  'routes/conversations.$id': (w) => `/conversations/${w.conversation}`,
  'routes/members.$id': (w) => `/members/${w.member}`,
  'routes/orgs.$slug._index': (w) => `/orgs/${w.org}`,
  'routes/orgs.$slug.edit': (w) => `/orgs/${w.org}/edit`,
  'routes/mentoring.$id._index': (w) => `/mentoring/${w.mentorship}`,
  'routes/mentoring.$id.log': (w) => `/mentoring/${w.mentorship}/log`,
  'routes/mentoring.$id.sessions.$sessionId': (w) => `/mentoring/${w.mentorship}/sessions/${w.mentoringSession}`,
  'routes/notices.$id._index': (w) => `/notices/${w.notice}`,
  'routes/notices.$id.edit': (w) => `/notices/${w.notice}/edit`,
  'routes/governance.proposals.$id': (w) => `/governance/proposals/${w.proposal}`,
  'routes/governance.groups.$id': (w) => `/governance/groups/${w.group}`,
  'routes/governance.documents.$key': () => '/governance/documents/articles',
  'routes/invite.$token': (w) => w.invitePath,
  'routes/unsubscribe.$token': (w) => w.unsubscribePath,
  'routes/funds.$id._index': (w) => `/funds/${w.openRound}`,
  'routes/funds.$id.conversations': (w) => `/funds/${w.openRound}/conversations`,
  'routes/funds.$id.questions': (w) => `/funds/${w.openRound}/questions`,
  'routes/funds.$id.review': (w) => `/funds/${w.reviewRound}/review`,
  'routes/funds.$id.decide': (w) => `/funds/${w.reviewRound}/decide`,
  'routes/funds.$id.pitch': (w) => `/funds/${w.reviewRound}/pitch`,
  'routes/funds.$id.pitch_.$appId': (w) => `/funds/${w.reviewRound}/pitch/${w.reviewApplication}`,
  'routes/funds.$id.report': (w) => `/funds/${w.decidedRound}/report`,
  'routes/funds.$id.vote': (w) => `/funds/${w.voteRound}/vote`,
  'routes/funds.$id.result': (w) => `/funds/${w.countedRound}/result`,
  'routes/funds.applications.$appId': (w) => `/funds/applications/${w.openApplication}`,
  'routes/funds.applications.$appId_.review': (w) => `/funds/applications/${w.reviewApplication}/review`,
  'routes/funds.applications.$appId_.award': (w) => `/funds/applications/${w.awarded}/award`,
  'routes/funds.grants.$appId': (w) => `/funds/grants/${w.grant}`,
  'routes/funds.grants.$appId_.reports.$kind': (w) => `/funds/grants/${w.grant}/reports/end`,
  'routes/funds.host.$appId': (w) => `/funds/host/${w.hosted}`,
};

/** Pages left out, each with the reason. */
const SKIPPED: Record<string, string> = {};

/** Pages whose right answer is not 200. */
const EXPECTED_STATUS: Record<string, number> = {
  'routes/$': 404,
  // /setup makes the first steward; once one exists it is a 404 (test/authz/entries/membership.ts).
  'routes/setup': 404,
};

/** The data each locale's steward sees: they lead, mentor, sit on panels and host, so every page answers. */
async function buildWorld(locale: string) {
  const stamp = `${locale}-${Date.now()}`;
  const s = await createMember({
    name: `Sweep Steward ${locale}`,
    role: 'steward',
    locale,
  });
  const steward = { id: s.id, role: 'steward' as const };
  const people = [];
  for (let i = 0; i < 4; i++) people.push(await createMember({ name: `Sweep Member ${i + 1}`, locale }));
  const [m1, m2, m3, m4] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0], (typeof people)[0]];
  const member = (m: { id: string }) => ({ id: m.id, role: 'member' as const });
  const now = Date.now();

  const bid = await createBid(
    {
      title: 'Tenancy rights in five languages',
      funder: 'Test Funder',
      deadline: now + 20 * DAY,
      amount: 6000_00,
      currency: 'GBP',
      themes: ['housing'],
      skillsNeeded: [],
      template: 'awards-for-all',
    },
    { id: s.id },
    locale,
  );
  await addPartner(bid, { userId: m1.id, role: 'partner', budgetShare: 0 }, { id: s.id, role: 'steward', name: s.name });
  const bidDocument = (await db.selectFrom('bids').select('document_id').where('id', '=', bid).executeTakeFirstOrThrow()).document_id!;

  const contact = await introduce({ id: s.id, name: s.name }, m1.id, 'Hello, could we talk about a joint bid?');
  if (!contact.ok) throw new Error(`no conversation: ${contact.reason}`);

  const orgId = await createOrg(
    s.id,
    OrgSchema.parse({
      name: `Sweep Org ${stamp}`,
      slug: `sweep-${stamp}`.toLowerCase(),
      legalForm: 'cic',
      publicListing: 'on',
      description: 'A community kitchen.',
    }),
  );
  const org = (await db.selectFrom('organisations').select('slug').where('id', '=', orgId).executeTakeFirstOrThrow()).slug;

  const mentorship = newId();
  await db
    .insertInto('mentorships')
    .values({
      id: mentorship,
      mentor_id: s.id,
      mentee_id: m2.id,
      status: 'active',
      requested_by: m2.id,
      paired_by_steward: 0,
      goals: 'Write a first bid.',
      frequency: 'monthly',
      mode: 'video',
      start_on: now,
      request_message: '',
      response_message: '',
      created_at: now,
      accepted_at: now,
      updated_at: now,
    })
    .execute();
  const mentoringSession = newId();
  await db
    .insertInto('mentoring_sessions')
    .values({
      id: mentoringSession,
      mentorship_id: mentorship,
      author_id: s.id,
      held_on: now - DAY,
      duration_minutes: 60,
      mode: 'phone',
      topics: '["funding"]',
      notes: 'Budget lines.',
      created_at: now,
    })
    .execute();

  const notice = await createNotice(
    s.id,
    {
      type: 'offer',
      title: `Free sofa ${stamp}`,
      description: 'Collect from Coventry.',
      city: 'coventry',
      themes: [],
      isPublic: false,
      removeFiles: [],
    } as NoticeInput,
    null,
  );
  await subscribe(s.id, { cities: ['coventry'], themes: [] });
  const key = (await db.selectFrom('notice_digest_subscriptions').select('unsubscribe_key').where('user_id', '=', s.id).executeTakeFirstOrThrow()).unsubscribe_key;
  const invite = await createInvitation({
    email: `invitee-${stamp}@example.org`,
    invitedBy: s.id,
    locale,
    inviterName: s.name,
  });

  const proposal = await createProposal(draftProposal({ title: `Adopt the safeguarding policy ${stamp}`, body: 'We adopt it.', allowCloseEarly: false, opensAt: now, closesAt: now + 7 * DAY }), steward);
  const group = await createGroup(steward, `Sweep group ${stamp}`);

  // Seed fund: an open round, one in review (the steward on its panel), one decided, two members' votes.
  const base = {
    description: 'Small grants for new migrant-led projects.',
    themes: [],
    cities: [],
    eligibility: [],
    questions: [{ text: 'What will you do?', wordLimit: 50 }],
    criteria: [{ label: 'Need', weight: 1 }],
    allowPartial: false,
    minLivedExperience: 0,
    minGrant: 100,
    maxGrant: 2_000,
    pot: 5_000,
  };
  const past = now - 20 * DAY;
  // A decided round passes what it did not award on to the next one (money.server.ts), which other
  // specs sharing this database count on: the sweep's decided rounds award their whole pot.
  const round = async (name: string, decisionMethod: 'panel' | 'members', open: boolean, pot = base.pot) => {
    const r = await createRound(
      steward,
      {
        ...base,
        pot,
        maxGrant: Math.min(base.maxGrant, pot),
        name: `${name} ${stamp}`,
        decisionMethod,
        opensAt: past,
        closesAt: open ? now + 10 * DAY : now - DAY,
        panel: decisionMethod === 'panel' ? [s.id] : [],
      },
      past,
    );
    if (!('id' in r)) throw new Error(`round not created: ${JSON.stringify(r)}`);
    await openRound(steward, r.id, past);
    return r.id;
  };
  const apply = async (who: { id: string }, roundId: string, title: string, hostOrgId: string | null = null) => {
    const a = await startApplication(member(who), roundId, {}, past);
    if (!('id' in a)) throw new Error(`application not started: ${JSON.stringify(a)}`);
    await saveApplication(
      member(who),
      a.id,
      {
        title,
        summary: `${title}: what we will do.`,
        amount: 1_000,
        budgetLines: [{ label: 'Room hire', amount: 1_000 }],
        themes: [],
        kind: hostOrgId ? 'group' : 'member',
        orgId: null,
        hostOrgId,
        coApplicantIds: [],
        answers: { q1: 'Meet every week.' },
        media: {},
        removeMedia: [],
      },
      { submit: true },
      past,
    );
    return a.id;
  };
  const openRoundId = await round('Open round', 'panel', true);
  const openApplication = await apply(m1, openRoundId, 'Walking group');
  const hosted = await apply(m2, openRoundId, 'Sewing circle', orgId);

  const reviewRound = await round('Review round', 'panel', false);
  const reviewApplication = await apply(m1, reviewRound, 'Football league');
  await openReview(steward, reviewRound, now);
  await setUpPitchDay(steward, reviewRound, now);
  await startPitch(steward, reviewRound, reviewApplication, now);

  const decidedRound = await round('Decided round', 'panel', false, 1_000);
  const awarded = await apply(m3, decidedRound, 'Supper club');
  await openReview(steward, decidedRound, now);
  await submitScores({ id: s.id, role: 'steward' }, awarded, { c1: { score: 5, comment: 'Strong.' } }, now);
  await confirmAwards(steward, decidedRound, now);

  const voteRound = await round('Vote round', 'members', false);
  for (const [i, m] of [m1, m2, m3].entries()) await apply(m, voteRound, `Project ${i + 1}`);
  expect(await openVote(steward, voteRound, { closesAt: now + 2 * HOUR }, now)).toBe('ok');
  const countedRound = await round('Counted round', 'members', false);
  for (const [i, m] of [m2, m3, m4].entries()) await apply(m, countedRound, `Project ${i + 1}`);
  expect(await openVote(steward, countedRound, { closesAt: now + 2 * HOUR }, now)).toBe('ok');
  await runCloseJob({ id: (await getVote(countedRound))!.proposal_id }, now + 3 * HOUR);

  const grant = (
    await decidedGrant({
      steward: { ...s, role: 'steward', isMentor: false, locale },
      lead: { ...m4, role: 'member', isMentor: false, locale },
      name: `Grant round ${stamp}`,
      pot: 1_000,
      awarded: 1_000,
    })
  ).appId;

  return {
    steward: s.id,
    bid,
    bidDocument,
    conversation: contact.conversationId,
    member: m1.id,
    org,
    mentorship,
    mentoringSession,
    notice,
    invitePath: new URL(invite.link).pathname,
    unsubscribePath: `/unsubscribe/${unsubscribeToken(s.id, key)}`,
    proposal,
    group,
    openRound: openRoundId,
    openApplication,
    hosted,
    reviewRound,
    reviewApplication,
    decidedRound,
    awarded,
    voteRound,
    countedRound,
    grant,
  };
}

interface Target {
  route: string;
  url: string;
  status: number;
}

function targetsFor(w: World): { targets: Target[]; unlisted: string[] } {
  const routes = manifestRoutes();
  const byId = new Map(routes.map((r) => [r.id, r]));
  const targets: Target[] = [];
  const unlisted: string[] = [];
  const seen = new Set<string>();
  for (const r of routes.sort((a, b) => a.id.localeCompare(b.id))) {
    if (!isPage(r) || r.id in SKIPPED) continue;
    const template = templateOf(r, byId);
    const fill = PARAM_PATHS[r.id];
    if (!fill && /[:*]/.test(template)) {
      unlisted.push(`${r.id} (${template})`);
      continue;
    }
    const url = fill ? fill(w) : template;
    if (seen.has(url)) continue;
    seen.add(url);
    targets.push({ route: r.id, url, status: EXPECTED_STATUS[r.id] ?? 200 });
  }
  return { targets, unlisted };
}

/**
 * Dotted words that look like translation keys (`funding.vote.order`). E-mail addresses, URLs, host
 * names and file names are dotted too and are left out: a match inside a word that has "@", "/" or
 * "://", one starting with "www.", or one ending in a file extension is not a key.
 */
const KEY = /\b[a-z][a-zA-Z]+(?:\.[a-zA-Z0-9_-]+){2,}\b/g;
const FILE_EXTENSION = /\.(?:pdf|csv|ics|docx?|txt|pb|json|png|jpe?g|webp|webm|ogg|mp3|mp4|m4a|zip|xlsx?)$/i;

function rawKeys(text: string): string[] {
  const found = new Set<string>();
  for (const word of text.split(/\s+/)) {
    if (/[@/]/.test(word)) continue;
    for (const m of word.matchAll(KEY)) {
      if (m[0].startsWith('www.') || FILE_EXTENSION.test(m[0])) continue;
      found.add(m[0]);
    }
  }
  return [...found];
}

/**
 * Where a page is wider than the screen: the outermost elements sticking out either side. Elements
 * inside a scrolling or clipping box (a `.table-wrap`) are that box's business, not the page's.
 */
async function overflow(page: Page) {
  return page.evaluate((width) => {
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= width) return { scrollWidth, culprits: [] as string[] };
    const rtl = document.documentElement.dir === 'rtl';
    // Beyond the side a page cannot scroll to (the skip link parked at -9999px) widens nothing.
    const out = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || (rtl ? r.left > width : r.right < 0)) return false;
      return r.right > width + 1 || r.left < -1;
    };
    // Inside a scrolling box it is the box's business, unless it is positioned out of it.
    const clipped = (el: Element) => {
      if (['absolute', 'fixed'].includes(getComputedStyle(el).position)) return false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    const describe = (el: Element) => {
      const r = el.getBoundingClientRect();
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const parent = el.parentElement;
      const pcls = parent && typeof parent.className === 'string' && parent.className ? `.${parent.className.trim().split(/\s+/).join('.')}` : '';
      return `${parent?.tagName.toLowerCase()}${pcls} > ${el.tagName.toLowerCase()}${cls} [${Math.round(r.left)}..${Math.round(r.right)}] "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    };
    const wide = new Set([...document.body.querySelectorAll('*')].filter((el) => out(el) && !clipped(el)));
    // Text that runs out of its box (a long word) widens the page though every element fits.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      const el = n.parentElement;
      if (el && r.width > 0 && !(rtl ? r.left > width : r.right < 0) && (r.right > width + 1 || r.left < -1) && getComputedStyle(el).overflowX === 'visible' && !clipped(el)) wide.add(el);
    }
    // Otherwise (a pseudo-element…): the deepest element without which the page fits.
    if (wide.size === 0) {
      let at: Element = document.body;
      for (let found = true; found; ) {
        found = false;
        for (const child of at.children) {
          const el = child as HTMLElement;
          const before = el.style.display;
          el.style.display = 'none';
          const fits = document.documentElement.scrollWidth <= width;
          el.style.display = before;
          if (fits) {
            at = el;
            found = true;
            break;
          }
        }
      }
      if (at !== document.body) wide.add(at);
    }
    const outermost = (el: Element) => {
      for (let a = el.parentElement; a; a = a.parentElement) if (wide.has(a)) return false;
      return true;
    };
    const culprits = [...wide].filter(outermost).slice(0, 6).map(describe);
    return { scrollWidth, culprits };
  }, PHONE.width);
}

/** One page: its answer, one h1, lang and dir, no raw keys, 360 px wide, and (en, ar) axe. */
async function check(page: Page, t: Target, locale: string) {
  const response = await visit(page, t.url);
  const where = `${locale} ${t.url} (${t.route})`;
  expect.soft(response?.status(), `${where}: status`).toBe(t.status);
  const html = await page.evaluate(() => ({
    h1: document.querySelectorAll('h1').length,
    lang: document.documentElement.getAttribute('lang'),
    dir: document.documentElement.getAttribute('dir'),
    // What a screen reader or a tooltip says counts as shown too.
    text: [
      document.title,
      document.body.innerText,
      ...[...document.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')].flatMap((el) => ['aria-label', 'title', 'placeholder', 'alt'].map((a) => el.getAttribute(a) ?? '')),
    ].join('\n'),
  }));
  expect.soft(html.h1, `${where}: exactly one h1`).toBe(1);
  expect.soft(html.lang, `${where}: html[lang]`).toBe(locale);
  expect.soft(html.dir, `${where}: html[dir]`).toBe(RTL.has(locale) ? 'rtl' : 'ltr');
  expect.soft(rawKeys(html.text), `${where}: raw translation keys`).toEqual([]);
  const o = await overflow(page);
  expect.soft(o, `${where}: wider than the screen`).toEqual({ scrollWidth: Math.min(o.scrollWidth, PHONE.width), culprits: [] });
  if (AXE.has(locale)) await expectAccessible(page).catch((e: Error) => expect.soft(e.message, `${where}: axe`).toBe(''));
}

test.describe.configure({ mode: 'parallel' });

// The axe scan makes en and ar about three times slower than the other four: each is swept in two
// halves (every other page), so the two workers finish together.
const RUNS = LOCALES.flatMap((locale) => {
  const parts = AXE.has(locale) ? 2 : 1;
  return Array.from({ length: parts }, (_, part) => ({ locale, part, parts }));
});

for (const { locale, part, parts } of RUNS) {
  test(`every page on a 360 px phone in ${locale}${parts > 1 ? ` (part ${part + 1} of ${parts})` : ''}`, async ({ page }) => {
    // Generous for a machine shared with other builds; a quiet run takes a third of it.
    test.setTimeout(360_000);
    const w = await buildWorld(locale);
    const { targets, unlisted } = targetsFor(w);
    expect(unlisted, 'routes with parameters neither filled (PARAM_PATHS) nor SKIPPED').toEqual([]);
    expect(targets.length).toBeGreaterThan(60);
    await page.setViewportSize(PHONE);
    await signInAs(page, w.steward);
    // SWEEP_ONLY=<regex> narrows the sweep to matching URLs or route ids while fixing one page.
    const only = process.env.SWEEP_ONLY ? new RegExp(process.env.SWEEP_ONLY) : null;
    const mine = targets.filter((x, i) => i % parts === part && (!only || only.test(x.url) || only.test(x.route)));
    const redirected: Target[] = [];
    for (const t of mine) {
      await test.step(`${t.url} (${t.route})`, async () => {
        await check(page, t, locale);
        // A page that signed the steward out would leave the rest of the sweep checking the sign-in page.
        expect.soft(new URL(page.url()).pathname, `${locale} ${t.url}: still signed in`).not.toBe('/login');
        if (new URL(page.url()).pathname !== new URL(t.url, baseUrl()).pathname) redirected.push(t);
      });
    }
    // Pages that send a signed-in member elsewhere are mostly for visitors (sign-in, joining): check
    // them again as a visitor who chose this language with the language picker (/admin, which only
    // moves the steward to its first tab, then shows the sign-in page once more).
    await page.context().clearCookies();
    await useLanguage(page, locale);
    for (const t of redirected) await test.step(`visitor: ${t.url} (${t.route})`, () => check(page, { ...t, status: 200 }, locale));
  });
}
