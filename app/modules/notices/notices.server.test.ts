import { describe, expect, it } from 'vitest';
import { db, rawSqlite } from '~db/connection';
import { makeMember, outbox } from '../../../test/factories';
import { runDueJobs } from '~/modules/jobs/scheduler.server';
import { registerNoticesJobs } from './jobs.server';
import { DAY, DEFAULT_LIFETIME, NoticeSchema, londonTime, type NoticeInput } from './notices.schema';
import { closeNotice, createNotice, deleteNotice, ftsQuery, getNotice, listBoard, recordVisit, renewNotice, updateNotice, type Viewer } from './notices.server';
import { REPORT_THRESHOLD, addComment, report, toggleResponse } from './interactions.server';
import { moderate } from './moderation.server';
import { WEEK, digestSelection, runDigest, subscribe, unsubscribeToken, verifyUnsubscribeToken } from './digest.server';

registerNoticesJobs();

const viewer = (m: { id: string; role: 'member' | 'steward' }): Viewer => ({ id: m.id, role: m.role });

function input(over: Partial<NoticeInput> = {}): NoticeInput {
  return { type: 'offer', title: 'Spare meeting room on Tuesdays', description: 'Free for members.', city: 'birmingham', themes: ['housing'], isPublic: false, ...over } as NoticeInput;
}

function iso(ms: number, withTime = false) {
  const d = new Date(ms).toISOString();
  return withTime ? d.slice(0, 16) : d.slice(0, 10);
}

describe('form validation', () => {
  const base = { type: 'offer', title: 'A title', description: 'Text', city: 'coventry' };
  const parse = (v: Record<string, unknown>) => NoticeSchema.safeParse(v);
  const issues = (v: Record<string, unknown>) => {
    const r = parse(v);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
  };

  it('refuses an expiry in the past, a 10,000-character title and non-http links', () => {
    expect(issues({ ...base, expiresOn: '2020-01-01' })).toContain('expiresOn:notices.validation.past');
    expect(issues({ ...base, title: 'x'.repeat(10_000) })).toContain('title:common.validation.tooLong');
    for (const link of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'ftp://x.example', '//evil.example']) {
      expect(issues({ ...base, link })).toContain('link:notices.validation.link');
    }
    expect(issues({ ...base, link: 'https://ok.example/x' })).toEqual([]);
  });

  it('needs an event to end after it starts, and a place or a link', () => {
    const start = Date.now() + 5 * DAY;
    expect(issues({ ...base, type: 'event', startsAt: iso(start, true), endsAt: iso(start - 3600_000, true), place: 'Hall' })).toContain('endsAt:notices.validation.endBeforeStart');
    expect(issues({ ...base, type: 'event', startsAt: iso(start, true), endsAt: iso(start + 3600_000, true) })).toContain('place:notices.validation.placeOrLink');
  });

  it('needs a funder, a future deadline and a link for a funding call', () => {
    const got = issues({ ...base, type: 'funding' });
    expect(got).toEqual(expect.arrayContaining(['funder:common.validation.required', 'deadline:common.validation.required', 'link:common.validation.required']));
    expect(issues({ ...base, type: 'funding', funder: 'F', deadline: iso(Date.now() + 9 * DAY), link: 'https://f.example', amountMin: '5000', amountMax: '100' })).toContain('amountMax:notices.validation.amountOrder');
  });

  it('reads dates as London time', () => {
    expect(londonTime('2026-07-01T12:00')).toBe(Date.UTC(2026, 6, 1, 11, 0));
    expect(londonTime('2026-12-01T12:00')).toBe(Date.UTC(2026, 11, 1, 12, 0));
    expect(londonTime('2026-02-30')).toBeNull();
  });
});

describe('expiry and renewal', () => {
  it('defaults to 30 days, funding calls and events expire with their date, and the board drops expired notices', async () => {
    const author = await makeMember();
    const now = Date.now();
    const offerId = await createNotice(author.id, input(), null, now);
    const offer = await getNotice(offerId, viewer(author));
    expect(offer!.expires_at).toBe(now + DEFAULT_LIFETIME);

    const deadline = iso(now + 10 * DAY);
    const fundingId = await createNotice(author.id, input({ type: 'funding', funder: 'Lottery', deadline, link: 'https://lottery.example' }), null, now);
    expect((await getNotice(fundingId, viewer(author)))!.expires_at).toBe(londonTime(deadline, true));

    const board = await listBoard(viewer(author), {}, now + DEFAULT_LIFETIME + 1);
    expect(board.items.map((i) => i.id)).not.toContain(offerId);
    const archive = await listBoard(viewer(author), { archive: true }, now + DEFAULT_LIFETIME + 1);
    expect(archive.items.map((i) => i.id)).toContain(offerId);
  });

  it('reminds the author 3 days before, once, and renewing moves the expiry and the reminder', async () => {
    const author = await makeMember();
    const now = Date.now();
    const id = await createNotice(author.id, input({ title: 'Reminder test' }), null, now);
    const reminderAt = now + DEFAULT_LIFETIME - 3 * DAY;
    await runDueJobs(reminderAt - 1000);
    const count = async () => Number((await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', author.id).where('kind', '=', 'notices.expiring').executeTakeFirst())?.n);
    expect(await count()).toBe(0);
    await runDueJobs(reminderAt + 1000);
    expect(await count()).toBe(1);
    await runDueJobs(reminderAt + 2000);
    expect(await count()).toBe(1);

    expect(await renewNotice(id, viewer(author), reminderAt + 5000)).toBe('ok');
    const renewed = await getNotice(id, viewer(author));
    expect(renewed!.expires_at).toBe(now + 2 * DEFAULT_LIFETIME);
    await runDueJobs(renewed!.expires_at - 3 * DAY + 1000);
    expect(await count()).toBe(2);
  });

  it('does not let another member renew, edit, close or delete, and changes nothing', async () => {
    const author = await makeMember();
    const other = await makeMember();
    const id = await createNotice(author.id, input({ title: 'Mine' }), null);
    const before = await getNotice(id, viewer(author));
    expect(await renewNotice(id, viewer(other))).toBe('forbidden');
    expect(await updateNotice(id, viewer(other), input({ title: 'Stolen' }), null)).toBe('forbidden');
    expect(await closeNotice(id, viewer(other))).toBe('forbidden');
    expect(await deleteNotice(id, viewer(other))).toBe('forbidden');
    expect(await getNotice(id, viewer(author))).toEqual(before);
    expect(await renewNotice('missing', viewer(author))).toBe('notFound');
  });

  it('shows members-only notices to members only and public ones to visitors', async () => {
    const author = await makeMember();
    const priv = await createNotice(author.id, input({ title: 'Private' }), null);
    const pub = await createNotice(author.id, input({ title: 'Public', isPublic: true }), null);
    expect(await getNotice(priv, null)).toBeNull();
    expect(await getNotice(pub, null)).not.toBeNull();
    const board = await listBoard(null, {});
    expect(board.items.every((i) => i.is_public === 1 && i.author_name === null)).toBe(true);
  });
});

describe('search and visits', () => {
  it('quotes search words so operators cannot break the query', async () => {
    const author = await makeMember();
    await createNotice(author.id, input({ title: 'Sewing machines to lend', description: 'Three machines' }), null);
    expect(ftsQuery('sew "NEAR( -x')).toBe('"sew"* """NEAR("* "-x"*');
    for (const q of ['sew', 'NEAR(', '"', '-', 'AND OR NOT', '*']) {
      await expect(listBoard(viewer(author), { q })).resolves.toBeDefined();
    }
    expect((await listBoard(viewer(author), { q: 'sew' })).items.some((i) => i.title === 'Sewing machines to lend')).toBe(true);
  });

  it('keeps "new since your last visit" for the whole visit and moves it on the next', async () => {
    const m = await makeMember();
    const t0 = Date.now();
    expect(await recordVisit(m.id, t0)).toBe(t0);
    expect(await recordVisit(m.id, t0 + 60_000)).toBe(t0);
    expect(await recordVisit(m.id, t0 + DAY)).toBe(t0 + 60_000);
    expect(await recordVisit(m.id, t0 + DAY + 60_000)).toBe(t0 + 60_000);
  });

  it('paging and reloading within a minute write nothing (a GET that writes ends every kept visitor page)', async () => {
    const m = await makeMember();
    const t0 = Date.now();
    await recordVisit(m.id, t0);
    const sqlite = rawSqlite();
    const before = sqlite.prepare('select total_changes() as n').get() as { n: number };
    for (const dt of [5_000, 20_000, 59_000]) expect(await recordVisit(m.id, t0 + dt)).toBe(t0);
    expect((sqlite.prepare('select total_changes() as n').get() as { n: number }).n).toBe(before.n);
    // The visit still goes on, and the next one still starts after a 30-minute gap.
    expect(await recordVisit(m.id, t0 + 10 * 60_000)).toBe(t0);
    expect(await recordVisit(m.id, t0 + 10 * 60_000 + 31 * 60_000)).toBe(t0 + 10 * 60_000);
  });
});

describe('responses, comments and reports', () => {
  it('notifies the author of a response and a comment', async () => {
    const author = await makeMember();
    const helper = await makeMember({ name: 'Helper' });
    const id = await createNotice(author.id, input({ type: 'request', title: 'Need a translator' }), null);
    expect(await toggleResponse(id, viewer(helper), 'help')).toBe('ok');
    expect(await toggleResponse(id, viewer(helper), 'attend')).toBe('invalid');
    expect(await toggleResponse(id, viewer(author), 'help')).toBe('forbidden');
    expect(await addComment(id, viewer(helper), 'I speak Tigrinya', undefined)).toBe('ok');
    const kinds = (await db.selectFrom('notifications').select('kind').where('user_id', '=', author.id).execute()).map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['notices.response', 'notices.comment']));
  });

  it('hides a notice once three different members report it, and a steward restores it with a note', async () => {
    const author = await makeMember();
    const steward = await makeMember({ role: 'steward' });
    const id = await createNotice(author.id, input({ title: 'Reported' }), null);
    const reporters = await Promise.all(Array.from({ length: REPORT_THRESHOLD }, () => makeMember()));
    // Members of some standing: reports from accounts days old do not count (see policy.server.test.ts).
    await db.updateTable('users').set({ joined_at: Date.now() - 30 * DAY }).where('id', 'in', reporters.map((r) => r.id)).execute();
    expect(await report(viewer(reporters[0]!), { subjectType: 'notice', subjectId: id, reason: 'spam' })).toBe('ok');
    expect(await report(viewer(reporters[0]!), { subjectType: 'notice', subjectId: id, reason: 'spam again' })).toBe('already');
    expect(await report(viewer(reporters[1]!), { subjectType: 'notice', subjectId: id, reason: 'spam' })).toBe('ok');
    expect((await getNotice(id, viewer(reporters[2]!)))!.hidden).toBe(0);
    expect(await report(viewer(reporters[2]!), { subjectType: 'notice', subjectId: id, reason: 'spam' })).toBe('ok');
    expect(await getNotice(id, viewer(reporters[0]!))).toBeNull();
    expect((await getNotice(id, viewer(author)))!.hidden).toBe(1);
    expect((await listBoard(viewer(steward), {})).items.map((i) => i.id)).not.toContain(id);

    expect(await moderate(steward, { type: 'notice', id }, 'restore', 'Checked, it is fine')).toBe(true);
    expect((await getNotice(id, viewer(reporters[0]!)))!.hidden).toBe(0);
    const log = await db.selectFrom('audit_log').selectAll().where('subject_id', '=', id).execute();
    expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(['notices.auto_hidden', 'notices.restore']));
    const told = await db.selectFrom('notifications').selectAll().where('user_id', '=', author.id).where('kind', '=', 'notices.restored').executeTakeFirst();
    expect(JSON.parse(told!.params)).toMatchObject({ note: 'Checked, it is fine' });
  });
});

describe('weekly digest', () => {
  it('selects new notices matching city and themes, sends once per week, and unsubscribes by token', async () => {
    const author = await makeMember();
    const reader = await makeMember();
    const now = Date.now();
    const match = await createNotice(author.id, input({ title: 'Digest match', city: 'coventry', themes: ['health'] }), null, now - DAY);
    const online = await createNotice(author.id, input({ title: 'Digest online', city: 'online', themes: ['health'] }), null, now - DAY);
    const otherCity = await createNotice(author.id, input({ title: 'Digest other city', city: 'wolverhampton', themes: ['health'] }), null, now - DAY);
    const otherTheme = await createNotice(author.id, input({ title: 'Digest other theme', city: 'coventry', themes: ['arts-media'] }), null, now - DAY);
    const old = await createNotice(author.id, input({ title: 'Digest old', city: 'coventry', themes: ['health'] }), null, now - WEEK - DAY);
    await subscribe(reader.id, { cities: ['coventry'], themes: ['health'] });
    const ids = (await digestSelection(reader.id, { cities: ['coventry'], themes: ['health'] }, now)).map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining([match, online]));
    expect(ids).not.toContain(otherCity);
    expect(ids).not.toContain(otherTheme);
    expect(ids).not.toContain(old);

    await runDigest(now);
    await runDigest(now + 60_000);
    const mails = (await outbox(reader.email)).filter((m) => m.kind === 'notices.digest');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text_body).toContain('Digest match');
    const link = /http:\/\/nomi\.test\/unsubscribe\/(\S+)/.exec(mails[0]!.text_body);
    expect(link).not.toBeNull();
    expect(await verifyUnsubscribeToken(`${reader.id}.forged`)).toBeNull();
    expect(await verifyUnsubscribeToken(link![1]!)).toBe(reader.id);
    const key = (await db.selectFrom('notice_digest_subscriptions').select('unsubscribe_key').where('user_id', '=', reader.id).executeTakeFirstOrThrow()).unsubscribe_key;
    expect(unsubscribeToken(reader.id, key)).toBe(link![1]);
  });
});

describe('offer and request dates', () => {
  it('an offer leaves the board after its "until" date when no expiry is given', async () => {
    const author = await makeMember();
    const now = Date.now();
    const until = new Date(now + 5 * DAY).toISOString().slice(0, 10);
    const id = await createNotice(author.id, input({ untilDate: until }), null, now);
    expect((await getNotice(id, viewer(author)))!.expires_at).toBe(londonTime(until, true));
  });
});
