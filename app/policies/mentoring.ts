/**
 * Who may do what in the mentoring area. Pure predicates over loaded data; see ./core.ts and ./index.ts.
 *
 * A mentorship belongs to its two people. Nobody else — not another member, not a steward — learns
 * that it exists, let alone reads its goals, notes or reflections: every refusal to an outsider is a
 * 404. Stewards pair members and read the suppressed totals of the report; they never read a pair's
 * notes. This used to be a WHERE clause inside `participantView`; it lives here now.
 *
 * Subjects are loaded by `loadMentorship()` / `sessionSubject()` in `~/modules/mentoring/mentorships.server`.
 */
import type { MentorshipStatus } from '~db/schema.mentoring';
import { EDIT_WINDOW_MS } from '~/modules/mentoring/constants';
import { isSteward, member, type Actor, type NoSubject, type Rule } from './core';

export interface MentorshipSubject {
  mentorId: string;
  menteeId: string;
  status: MentorshipStatus;
}

export interface MentoringSessionSubject extends MentorshipSubject {
  authorId: string | null;
  confirmedAt: number | null;
  createdAt: number;
  /** The time the rule is asked at (kept in the subject so the rule stays pure). */
  now: number;
}

export interface MentoringRecordSubject {
  ownerId: string;
}


const inPair = (a: Actor, s: MentorshipSubject) => a.id === s.mentorId || a.id === s.menteeId;
/** Sessions, goals and actions can be written only while the mentorship runs. */
const running = (s: MentorshipSubject) => s.status === 'active' || s.status === 'paused';

export const mentoringPolicy = {
  /** Anyone signed in may ask a mentor (availability is a rule of the request, not of access). */
  'mentorship.request': member<NoSubject>('forbidden', () => true),
  /** Stewards propose pairings; they still do not see the mentorship afterwards. */
  'mentorship.pair': member<NoSubject>('forbidden', (a) => isSteward(a)),
  'mentorship.read': member<MentorshipSubject>('not-found', inPair),
  /** Only the mentor answers a request. */
  'mentorship.respond': member<MentorshipSubject>('forbidden', (a, s) => a.id === s.mentorId),
  /** Pause, resume, close and the closing reflection: either of the two (the state machine says which). */
  'mentorship.changeStatus': member<MentorshipSubject>('forbidden', inPair),
  'mentoringSession.log': member<MentorshipSubject>('forbidden', (a, s) => inPair(a, s) && running(s)),
  'mentoringGoal.add': member<MentorshipSubject>('forbidden', (a, s) => inPair(a, s) && running(s)),
  'mentoringGoal.update': member<MentorshipSubject>('forbidden', (a, s) => inPair(a, s) && running(s)),
  'mentoringAction.add': member<MentorshipSubject>('forbidden', (a, s) => inPair(a, s) && running(s)),
  'mentoringAction.tick': member<MentorshipSubject>('forbidden', (a, s) => inPair(a, s) && running(s)),
  /** A session (and its notes) exists only for the pair. */
  'mentoringSession.read': member<MentoringSessionSubject>('not-found', inPair),
  /** The private notes and the reflection: the pair only, never a steward. */
  'mentoringSession.readNotes': member<MentoringSessionSubject>('not-found', inPair),
  /** The author corrects their own session within the window, while the mentorship is not closed. */
  'mentoringSession.edit': member<MentoringSessionSubject>(
    'forbidden',
    (a, s) => inPair(a, s) && s.authorId === a.id && s.now - s.createdAt <= EDIT_WINDOW_MS && s.status !== 'closed',
  ),
  /** The other side confirms it happened, once. */
  'mentoringSession.confirm': member<MentoringSessionSubject>('forbidden', (a, s) => inPair(a, s) && s.authorId !== a.id && s.confirmedAt === null),
  /** A member's own record of support (and its CSV): only theirs. */
  'mentoringRecord.read': member<MentoringRecordSubject>('not-found', (a, s) => a.id === s.ownerId),
  /** The suppressed totals for funders (page and CSV). */
  'mentoringReport.read': member<NoSubject>('forbidden', (a) => isSteward(a)),
  'mentoringReport.export': member<NoSubject>('forbidden', (a) => isSteward(a)),
} satisfies Record<string, Rule<never>>;
