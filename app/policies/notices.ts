/**
 * Who may do what on the noticeboard. Pure predicates over loaded data; see ./core.ts and ./index.ts.
 *
 * Members see every notice that is not hidden; visitors only public ones. A hidden notice (by a
 * steward, or by reports) exists only for its author and the stewards: 404 to everyone else. The
 * note a steward leaves when hiding it is for the author and the stewards only (it used to be decided
 * in the notice route). Subjects come from `noticeSubject()` in `~/modules/notices/notices.server`.
 */
import type { NoticeStatus, NoticeType } from '~db/schema.notices';
import { anyone, isSteward, member, type Actor, type MaybeActor, type NoSubject, type Rule } from './core';

export interface NoticeSubject {
  authorId: string;
  type: NoticeType;
  status: NoticeStatus;
  hidden: boolean;
  isPublic: boolean;
}

/** A comment on a notice the actor may already see. */
export interface NoticeCommentSubject {
  authorId: string;
  hidden: boolean;
  notice: NoticeSubject;
}

const author = (a: Actor, s: NoticeSubject) => a.id === s.authorId;

function sees(a: MaybeActor, s: NoticeSubject): boolean {
  if (s.hidden) return a !== null && (a.id === s.authorId || isSteward(a));
  return a !== null || s.isPublic;
}

export const noticePolicy = {
  'notice.create': member<NoSubject>('forbidden', () => true),
  'notice.read': anyone<NoticeSubject>('not-found', sees),
  /** Its files and its calendar entry follow the notice. */
  'notice.readFiles': anyone<NoticeSubject>('not-found', sees),
  'notice.calendar': anyone<NoticeSubject>('not-found', (a, s) => sees(a, s) && s.type === 'event'),
  /** Who posted it: members only (visitors never see names). */
  'notice.seeAuthor': member<NoticeSubject>('forbidden', (a, s) => sees(a, s)),
  /** The steward's note on a hidden notice: its author and the stewards. */
  'notice.seeHiddenNote': member<NoticeSubject>('forbidden', (a, s) => sees(a, s) && (author(a, s) || isSteward(a))),
  'notice.edit': member<NoticeSubject>('forbidden', author),
  'notice.close': member<NoticeSubject>('forbidden', (a, s) => author(a, s) && s.status === 'open'),
  'notice.renew': member<NoticeSubject>('forbidden', (a, s) => author(a, s) && s.status === 'open' && s.type !== 'funding' && s.type !== 'event'),
  'notice.delete': member<NoticeSubject>('forbidden', (a, s) => author(a, s) || isSteward(a)),
  'notice.pin': member<NoticeSubject>('forbidden', (a) => isSteward(a)),
  /** Typed responses ("I can help"…): not on one's own notice, not once closed or hidden. */
  'notice.respond': member<NoticeSubject>('forbidden', (a, s) => sees(a, s) && !author(a, s) && s.status === 'open' && !s.hidden),
  /** Who responded: the author only. */
  'notice.seeResponders': member<NoticeSubject>('forbidden', author),
  'notice.comment': member<NoticeSubject>('forbidden', (a, s) => sees(a, s) && !s.hidden),
  /** Reporting a notice: any member who sees it, except its author. */
  'notice.report': member<NoticeSubject>('forbidden', (a, s) => sees(a, s) && !author(a, s) && !s.hidden),
  /** The author of a hidden notice may ask a steward to look at it again (issue 16.10). */
  'notice.requestReview': member<NoticeSubject>('forbidden', (a, s) => author(a, s) && s.hidden),
  /** The moderation queue, hiding, restoring and dismissing reports; who reported what. */
  'notice.moderate': member<NoSubject>('forbidden', (a) => isSteward(a)),
  'noticeComment.report': member<NoticeCommentSubject>('forbidden', (a, s) => sees(a, s.notice) && a.id !== s.authorId && !s.hidden),
  /** Hidden comments stay visible (marked) to stewards only. */
  'noticeComment.seeHidden': member<NoSubject>('forbidden', (a) => isSteward(a)),
} satisfies Record<string, Rule<never>>;
