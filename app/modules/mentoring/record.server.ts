import { db } from '~db/connection';
import { parseTopics } from './sessions.server';
import type { Side } from './state';

/**
 * A member's own mentoring history, as evidence of support (CV, funding application).
 * Only facts: dates, hours, topics and achieved goals. Private notes and reflections stay out, since
 * they were written for the pair, not for whoever the record is shown to.
 */
export async function myRecord(userId: string) {
  const mentorships = await db
    .selectFrom('mentorships')
    .innerJoin('users as mentor', 'mentor.id', 'mentorships.mentor_id')
    .innerJoin('users as mentee', 'mentee.id', 'mentorships.mentee_id')
    .select([
      'mentorships.id',
      'mentorships.status',
      'mentorships.mentor_id',
      'mentorships.accepted_at',
      'mentorships.closed_at',
      'mentorships.start_on',
      'mentor.name as mentorName',
      'mentee.name as menteeName',
    ])
    .where((eb) => eb.or([eb('mentorships.mentor_id', '=', userId), eb('mentorships.mentee_id', '=', userId)]))
    .where('mentorships.accepted_at', 'is not', null)
    .orderBy('mentorships.start_on')
    .execute();
  const ids = mentorships.map((m) => m.id);
  const sessions = ids.length
    ? await db
        .selectFrom('mentoring_sessions')
        .select(['mentorship_id', 'held_on', 'duration_minutes', 'mode', 'topics', 'confirmed_at'])
        .where('mentorship_id', 'in', ids)
        .orderBy('held_on')
        .execute()
    : [];
  const goals = ids.length
    ? await db
        .selectFrom('mentoring_goals')
        .select(['mentorship_id', 'title', 'achieved_at'])
        .where('mentorship_id', 'in', ids)
        .where('status', '=', 'achieved')
        .orderBy('achieved_at')
        .execute()
    : [];
  return mentorships.map((m) => {
    const side: Side = m.mentor_id === userId ? 'mentor' : 'mentee';
    const mine = sessions.filter((s) => s.mentorship_id === m.id);
    return {
      id: m.id,
      side,
      otherName: side === 'mentor' ? m.menteeName : m.mentorName,
      status: m.status,
      startOn: m.start_on,
      // "Since" is when the support began: the agreed start, or the first session if it came earlier
      // (a session on Dec 2 under an agreed start of Dec 7 must not read "Since Dec 7").
      since: Math.min(m.start_on, ...mine.map((s) => s.held_on)),
      closedAt: m.closed_at,
      minutes: mine.reduce((sum, s) => sum + s.duration_minutes, 0),
      sessions: mine.map((s) => ({ heldOn: s.held_on, minutes: s.duration_minutes, mode: s.mode, topics: parseTopics(s.topics), confirmed: s.confirmed_at !== null })),
      goalsAchieved: goals.filter((g) => g.mentorship_id === m.id).map((g) => ({ title: g.title, achievedAt: g.achieved_at })),
    };
  });
}

export type MentoringRecord = Awaited<ReturnType<typeof myRecord>>;
