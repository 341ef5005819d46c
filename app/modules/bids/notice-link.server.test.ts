import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import type { NoticesTable } from '~db/schema.notices';
import { makeMember } from '../../../test/factories';
import { newId } from '~/modules/auth/tokens.server';
import { BidInputError, addPartner, createBid, getBid, setShowOnNotice } from './bids.server';
import { LinkNoticeSchema } from './bids.schema';
import { linkNotice, liveFundingNotices, noticeIdFromLink, unlinkNotice } from './notice-link.server';

const DAY = 86_400_000;

async function notice(authorId: string, over: Partial<NoticesTable> = {}) {
  const id = newId();
  const now = Date.now();
  await db
    .insertInto('notices')
    .values({
      id,
      author_id: authorId,
      type: 'funding',
      title: 'Community fund',
      body: 'Body',
      body_html: '<p>Body</p>',
      city: 'birmingham',
      themes: '[]',
      details: '{}',
      key_date: null,
      starts_at: null,
      ends_at: null,
      expires_at: now + 30 * DAY,
      is_public: 0,
      pinned: 0,
      status: 'open',
      closed_at: null,
      hidden: 0,
      hidden_note: null,
      hidden_at: null,
      file_path: null,
      file_name: null,
      file_mime: null,
      file_size: null,
      created_at: now,
      updated_at: now,
      ...over,
    })
    .execute();
  return id;
}

async function newBid() {
  const lead = await makeMember({ name: 'Lead Person' });
  const id = await createBid(
    { title: 'Safe homes', funder: 'Fund', deadline: Date.now() + 30 * DAY, amount: 100_00, currency: 'GBP', themes: [], skillsNeeded: [], template: 'blank' },
    lead,
    'en',
  );
  return { id, lead };
}

async function errorOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof BidInputError) return [e.field, e.message];
    throw e;
  }
  return null;
}

describe('linking an existing bid to a funding call', () => {
  it('lists only live funding notices', async () => {
    const { lead } = await newBid();
    const live = await notice(lead.id, { title: 'Live fund' });
    await notice(lead.id, { title: 'Expired fund', expires_at: Date.now() - DAY });
    await notice(lead.id, { title: 'Closed fund', status: 'closed' });
    await notice(lead.id, { title: 'Hidden fund', hidden: 1 });
    await notice(lead.id, { title: 'An offer', type: 'offer' });
    const titles = (await liveFundingNotices()).map((n) => n.title);
    expect(titles).toContain('Live fund');
    for (const t of ['Expired fund', 'Closed fund', 'Hidden fund', 'An offer']) expect(titles).not.toContain(t);
    expect((await liveFundingNotices()).find((n) => n.title === 'Live fund')?.id).toBe(live);
  });

  it('reads the notice id from a pasted link or the id itself', () => {
    expect(noticeIdFromLink('https://nomi.example.org/notices/abc_123')).toBe('abc_123');
    expect(noticeIdFromLink('/notices/abc123/')).toBe('abc123');
    expect(noticeIdFromLink('abc123')).toBe('abc123');
    expect(noticeIdFromLink('https://nomi.example.org/bids/abc123')).toBeNull();
    expect(noticeIdFromLink('https://x/notices/a b')).toBeNull();
  });

  it('a lead links by choice or by pasted link, and unlinks; bad input is refused with nothing written', async () => {
    const { id, lead } = await newBid();
    const fund = await notice(lead.id);
    const other = await notice(lead.id, { title: 'Second fund' });
    const offer = await notice(lead.id, { type: 'offer' });

    expect(await errorOf(linkNotice(lead, id, {}))).toEqual(['notice', 'bids.linkNotice.required']);
    expect(await errorOf(linkNotice(lead, id, { noticeLink: `https://nomi.example.org/notices/${offer}` }))).toEqual(['noticeLink', 'bids.linkNotice.notFound']);
    expect(await errorOf(linkNotice(lead, id, { noticeLink: 'https://nomi.example.org/notices/nope' }))).toEqual(['noticeLink', 'bids.linkNotice.notFound']);
    expect(await errorOf(linkNotice(lead, id, { notice: 'missing' }))).toEqual(['notice', 'bids.linkNotice.notFound']);
    expect((await getBid(id))!.notice_id).toBeNull();

    expect(await linkNotice(lead, id, { notice: fund })).toBe(true);
    expect((await getBid(id))!.notice_id).toBe(fund);
    await setShowOnNotice(lead, id, true);
    // Relinking to the same call keeps the leads' choice; another call starts with it off.
    expect(await linkNotice(lead, id, { notice: fund })).toBe(true);
    expect((await getBid(id))!.show_on_notice).toBe(1);
    expect(await linkNotice(lead, id, { notice: fund, noticeLink: `http://localhost:3000/notices/${other}` })).toBe(true);
    expect((await getBid(id))!.notice_id).toBe(other);
    expect((await getBid(id))!.show_on_notice).toBe(0);

    await setShowOnNotice(lead, id, true);
    expect(await unlinkNotice(lead, id)).toBe(true);
    const bid = (await getBid(id))!;
    expect([bid.notice_id, bid.show_on_notice]).toEqual([null, 0]);
  });

  it('partners, reviewers and outsiders cannot link or unlink', async () => {
    const { id, lead } = await newBid();
    const fund = await notice(lead.id);
    const partner = await makeMember({ name: 'Partner' });
    const reviewer = await makeMember({ name: 'Reviewer' });
    const outsider = await makeMember({ name: 'Outsider' });
    await addPartner(id, { userId: partner.id, role: 'partner', budgetShare: 0 }, { id: lead.id, role: 'member', name: 'Lead Person' });
    await addPartner(id, { userId: reviewer.id, role: 'reviewer', budgetShare: 0 }, { id: lead.id, role: 'member', name: 'Lead Person' });
    for (const who of [partner, reviewer, outsider]) expect(await linkNotice(who, id, { notice: fund })).toBe(false);
    expect((await getBid(id))!.notice_id).toBeNull();
    await linkNotice(lead, id, { notice: fund });
    for (const who of [partner, reviewer, outsider]) expect(await unlinkNotice(who, id)).toBe(false);
    expect((await getBid(id))!.notice_id).toBe(fund);
  });

  it('the form schema caps the pasted link', () => {
    expect(LinkNoticeSchema.safeParse({ noticeLink: 'x'.repeat(501) }).success).toBe(false);
    expect(LinkNoticeSchema.safeParse({ notice: '', noticeLink: '' }).success).toBe(true);
  });
});
