import { describe, expect, it } from 'vitest';
import { abilitiesFor, authorize, can } from './index';
import type { NoticeSubject } from './notices';

const author = { id: 'author', role: 'member' as const };
const other = { id: 'other', role: 'member' as const };
const steward = { id: 'steward', role: 'steward' as const };

const open: NoticeSubject = { authorId: 'author', type: 'event', status: 'open', hidden: false, isPublic: false };
const hidden: NoticeSubject = { ...open, hidden: true };

function status(f: () => void): number {
  try {
    f();
  } catch (e) {
    return (e as Response).status;
  }
  return 200;
}

describe('notices policy', () => {
  it('gives a visitor with a link to a members-only notice a 404, for the page, its files and its calendar entry', () => {
    for (const ability of ['notice.read', 'notice.readFiles', 'notice.calendar'] as const) {
      expect(status(() => authorize(null, ability, open))).toBe(404);
      expect(status(() => authorize(null, ability, { ...open, isPublic: true }))).toBe(200);
    }
    expect(can(null, 'notice.seeAuthor', { ...open, isPublic: true })).toBe(false);
    expect(can(null, 'notice.comment', { ...open, isPublic: true })).toBe(false);
  });

  it("shows a hidden notice and the steward's note only to its author and stewards", () => {
    expect(status(() => authorize(other, 'notice.read', hidden))).toBe(404);
    expect(status(() => authorize(null, 'notice.read', { ...hidden, isPublic: true }))).toBe(404);
    expect(can(other, 'notice.seeHiddenNote', hidden)).toBe(false);
    expect(can(author, 'notice.seeHiddenNote', hidden)).toBe(true);
    expect(can(steward, 'notice.seeHiddenNote', hidden)).toBe(true);
    // Only the author asks for a review; nobody comments or responds while it is hidden.
    expect(abilitiesFor(author, hidden, ['notice.requestReview', 'notice.comment', 'notice.respond'])).toEqual({
      'notice.requestReview': true,
      'notice.comment': false,
      'notice.respond': false,
    });
    expect(can(other, 'notice.requestReview', hidden)).toBe(false);
    expect(can(author, 'notice.requestReview', open)).toBe(false);
  });

  it('lets only the author edit, close, renew and see who responded; the wrong member gets 403', () => {
    for (const ability of ['notice.edit', 'notice.close', 'notice.seeResponders'] as const) {
      expect(status(() => authorize(other, ability, open))).toBe(403);
      expect(status(() => authorize(steward, ability, open))).toBe(403);
      expect(status(() => authorize(author, ability, open))).toBe(200);
    }
    expect(can(author, 'notice.renew', open)).toBe(false); // events end with their own date
    expect(can(author, 'notice.renew', { ...open, type: 'offer' })).toBe(true);
    expect(can(author, 'notice.close', { ...open, status: 'closed' })).toBe(false);
  });

  it('keeps deleting to the author and stewards, pinning and moderation to stewards, and reporting to others', () => {
    expect(can(other, 'notice.delete', open)).toBe(false);
    expect(can(steward, 'notice.delete', open)).toBe(true);
    expect(can(author, 'notice.pin', open)).toBe(false);
    expect(status(() => authorize(other, 'notice.moderate'))).toBe(403);
    expect(status(() => authorize(steward, 'notice.moderate'))).toBe(200);
    expect(can(author, 'notice.report', open)).toBe(false);
    expect(can(other, 'notice.report', open)).toBe(true);
    expect(can(other, 'notice.respond', open)).toBe(true);
    expect(can(author, 'notice.respond', open)).toBe(false);
    expect(can(other, 'noticeComment.report', { authorId: 'other', hidden: false, notice: open })).toBe(false);
    expect(can(other, 'noticeComment.seeHidden')).toBe(false);
  });
});
