import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { createNotice, getNotice, setPinned, updateNotice, type Viewer } from './notices.server';
import { report } from './interactions.server';
import { moderate, reportQueue } from './moderation.server';
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
