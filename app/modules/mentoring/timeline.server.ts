import { db } from '~db/connection';
import { listActions } from './actions.server';
import { listGoals } from './goals.server';
import { listSessions } from './sessions.server';

export type TimelineItem =
  | { kind: 'event'; at: number; event: string; actorId: string | null }
  | { kind: 'session'; at: number; id: string; durationMinutes: number; mode: string; topics: string[]; confirmed: boolean }
  | { kind: 'goal'; at: number; goalId: string; title: string; status: string; body: string; first: boolean }
  | { kind: 'action'; at: number; id: string; title: string; done: boolean };

/**
 * Everything that happened in a mentorship, newest first, plus the "prepare for next session" summary.
 * Callers must have checked that the reader is one of the pair.
 */
export async function mentorshipDetail(mentorshipId: string) {
  const [sessions, goals, actions, events] = await Promise.all([
    listSessions(mentorshipId),
    listGoals(mentorshipId),
    listActions(mentorshipId),
    db.selectFrom('mentoring_events').selectAll().where('mentorship_id', '=', mentorshipId).orderBy('created_at').execute(),
  ]);
  const timeline: TimelineItem[] = [
    ...events.map((e) => ({ kind: 'event' as const, at: e.created_at, event: e.kind, actorId: e.actor_id })),
    ...sessions.map((s) => ({
      kind: 'session' as const,
      at: s.held_on,
      id: s.id,
      durationMinutes: s.duration_minutes,
      mode: s.mode,
      topics: s.topics,
      confirmed: s.confirmed_at !== null,
    })),
    ...goals.flatMap((g) =>
      g.notes.map((n, i) => ({ kind: 'goal' as const, at: n.created_at, goalId: g.id, title: g.title, status: n.status, body: n.body, first: i === 0 })),
    ),
    ...actions.flatMap((a) => [
      { kind: 'action' as const, at: a.created_at, id: a.id, title: a.title, done: false },
      ...(a.done_at ? [{ kind: 'action' as const, at: a.done_at, id: a.id, title: a.title, done: true }] : []),
    ]),
  ].sort((a, b) => b.at - a.at);

  const last = sessions[0];
  const prepare = {
    openActions: actions.filter((a) => a.done_at === null),
    goalsInProgress: goals.filter((g) => g.status === 'in_progress' || g.status === 'not_started').map((g) => ({ id: g.id, title: g.title, status: g.status })),
    lastSession: last ? { id: last.id, heldOn: last.held_on, topics: last.topics } : null,
  };
  return { sessions, goals, actions, timeline, prepare };
}
