import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { createNotice, getNotice, setPinned, updateNotice, type Viewer } from './notices.server';
import { NEW_MEMBER_REPORT_DAYS, REPORT_THRESHOLD, report } from './interactions.server';
import { moderate, reportQueue, requestReview } from './moderation.server';
import type { NoticeInput } from './notices.schema';

const viewer = (m: { id: string; role: 'member' | 'steward' }): Viewer => ({ id: m.id, role: m.role });
const input = (over: Partial<NoticeInput> = {}) =>
  ({ type: 'offer', title: 'Spare room', description: 'Free for members.', city: 'birmingham', themes: ['housing'], isPublic: false, ...over }) as NoticeInput;

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
  return 200;
}

describe('notices: the module asks the policy before anything is read or written', () => {
  it("keeps the steward's note on a notice from every member but its author and the stewards", async () => {
    const author = await makeMember();
    const other = await makeMember();
    const steward = await makeMember({ role: 'steward' });
    const id = await createNotice(author.id, input(), null);
    expect(await moderate(steward, { type: 'notice', id }, 'hide', 'Private: the landlord complained')).toBe(true);
    expect(await getNotice(id, viewer(other))).toBeNull();
    expect((await getNotice(id, viewer(author)))!.hidden_note).toBe('Private: the landlord complained');
    // Restored, the notice is back for everyone, but the note stays between the author and stewards.
    expect(await moderate(steward, { type: 'notice', id }, 'restore', 'Private: checked with the landlord')).toBe(true);
    expect((await getNotice(id, viewer(other)))!.hidden_note).toBeNull();
    expect((await getNotice(id, null))).toBeNull();
    expect((await getNotice(id, viewer(steward)))!.hidden_note).toBe('Private: checked with the landlord');
  });

  it('refuses moderation and the queue to a member, and pinning and editing to the wrong member, writing nothing', async () => {
    const author = await makeMember();
    const other = await makeMember();
    const id = await createNotice(author.id, input(), null);
    expect(await status(moderate(other, { type: 'notice', id }, 'hide', null))).toBe(403);
    expect(await status(reportQueue(other))).toBe(403);
    expect(await setPinned(id, viewer(other), true)).toBe('forbidden');
    expect(await updateNotice(id, viewer(other), input({ title: 'Taken over' }), null)).toBe('forbidden');
    const row = await db.selectFrom('notices').select(['hidden', 'pinned', 'title']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ hidden: 0, pinned: 0, title: 'Spare room' });
  });

  it('does not let an author report their own notice', async () => {
    const author = await makeMember();
    const id = await createNotice(author.id, input(), null);
    expect(await report(viewer(author), { subjectType: 'notice', subjectId: id, reason: 'self' })).toBe('forbidden');
    expect(await db.selectFrom('notice_reports').selectAll().where('notice_id', '=', id).execute()).toEqual([]);
  });
});

describe('three reports hide a notice, but not three new accounts (issue 16.10)', () => {
  const DAY = 24 * 60 * 60_000;
  async function members(n: number, joinedDaysAgo: number) {
    const list = await Promise.all(Array.from({ length: n }, () => makeMember()));
    await db.updateTable('users').set({ joined_at: Date.now() - joinedDaysAgo * DAY }).where('id', 'in', list.map((m) => m.id)).execute();
    return list;
  }

  it('does not count reports from members who joined in the last few days, and shows stewards who reported what together', async () => {
    const author = await makeMember();
    const steward = await makeMember({ role: 'steward' });
    const target = await createNotice(author.id, input({ title: 'Target' }), null);
    const earlier = await createNotice(author.id, input({ title: 'Earlier target' }), null);
    const fresh = await members(REPORT_THRESHOLD, NEW_MEMBER_REPORT_DAYS - 1);
    for (const m of fresh) {
      expect(await report(viewer(m), { subjectType: 'notice', subjectId: earlier, reason: 'spam' })).toBe('ok');
      expect(await report(viewer(m), { subjectType: 'notice', subjectId: target, reason: 'spam' })).toBe('ok');
    }
    expect((await getNotice(target, viewer(await makeMember())))!.hidden).toBe(0);
    const queue = await reportQueue(steward);
    const item = queue.open.find((r) => r.subject_id === target)!;
    expect(item.reporters.map((r) => r.id).sort()).toEqual(fresh.map((m) => m.id).sort());
    expect(item.reporters.every((r) => r.isNew)).toBe(true);
    expect(item.reportedTogether).toBe(1);

    // Members of longer standing still hide it at three.
    const settled = await members(REPORT_THRESHOLD, NEW_MEMBER_REPORT_DAYS + 1);
    for (const m of settled) await report(viewer(m), { subjectType: 'notice', subjectId: target, reason: 'offensive' });
    expect(await getNotice(target, viewer(fresh[0]!))).toBeNull();
  });

  it('lets the author of a hidden notice ask for review, once, and no one else', async () => {
    const author = await makeMember();
    const other = await makeMember();
    const steward = await makeMember({ role: 'steward' });
    const id = await createNotice(author.id, input(), null);
    expect(await status(requestReview(author, id))).toBe(403); // not hidden: nothing to review
    await moderate(steward, { type: 'notice', id }, 'hide', 'Looks like spam');
    expect(await requestReview(other, id)).toBe('notFound');
    expect(await requestReview(author, id)).toBe('ok');
    expect(await requestReview(author, id)).toBe('already');
    const queue = await reportQueue(steward);
    expect(queue.hiddenNotices.find((n) => n.id === id)!.review_requested_at).not.toBeNull();
    const told = await db.selectFrom('notifications').select('kind').where('user_id', '=', steward.id).execute();
    expect(told.map((t) => t.kind)).toContain('notices.reported');
  });
});
