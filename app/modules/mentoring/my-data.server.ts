import type { Transaction } from 'kysely';
import { db } from '~db/connection';
import type { Database } from '~db/schema';

/**
 * "Your data", mentoring part: the mentorships the member is in, with goals, sessions and actions.
 * Only what the member wrote themselves is exported as text (their session notes, goal notes,
 * session reflections and closing reflection); what the other person wrote stays theirs.
 */
export async function mentoringData(userId: string) {
  const ships = await db
    .selectFrom('mentorships as m')
    .innerJoin('users as mentor', 'mentor.id', 'm.mentor_id')
    .innerJoin('users as mentee', 'mentee.id', 'm.mentee_id')
    .select([
      'm.id',
      'm.mentor_id',
      'm.mentee_id',
      'mentor.name as mentorName',
      'mentee.name as menteeName',
      'm.status',
      'm.requested_by',
      'm.paired_by_steward',
      'm.goals',
      'm.frequency',
      'm.mode',
      'm.start_on',
      'm.request_message',
      'm.response_message',
      'm.mentor_reflection',
      'm.mentee_reflection',
      'm.created_at',
      'm.accepted_at',
      'm.closed_at',
    ])
    .where((eb) => eb.or([eb('m.mentor_id', '=', userId), eb('m.mentee_id', '=', userId)]))
    .orderBy('m.created_at')
    .execute();
  const out = [];
  for (const m of ships) {
    const side = m.mentor_id === userId ? 'mentor' : 'mentee';
    const iRequested = m.requested_by === userId;
    const [goals, notes, sessions, actions] = await Promise.all([
      db.selectFrom('mentoring_goals').select(['id', 'title', 'status', 'created_by', 'created_at', 'achieved_at']).where('mentorship_id', '=', m.id).orderBy('created_at').execute(),
      db
        .selectFrom('mentoring_goal_notes as n')
        .innerJoin('mentoring_goals as g', 'g.id', 'n.goal_id')
        .select(['n.goal_id', 'n.status', 'n.body', 'n.created_at'])
        .where('g.mentorship_id', '=', m.id)
        .where('n.author_id', '=', userId)
        .orderBy('n.created_at')
        .execute(),
      db.selectFrom('mentoring_sessions').selectAll().where('mentorship_id', '=', m.id).orderBy('held_on').execute(),
      db.selectFrom('mentoring_actions').select(['title', 'owner', 'due_on', 'created_by', 'created_at', 'done_at']).where('mentorship_id', '=', m.id).orderBy('created_at').execute(),
    ]);
    out.push({
      youAre: side,
      with: side === 'mentor' ? m.menteeName : m.mentorName,
      status: m.status,
      pairedBySteward: m.paired_by_steward === 1,
      goals: m.goals,
      frequency: m.frequency,
      mode: m.mode,
      startOn: m.start_on,
      // The request and its answer: each side's own message.
      ...(iRequested ? { yourRequestMessage: m.request_message } : { yourResponseMessage: m.response_message }),
      yourClosingReflection: side === 'mentor' ? m.mentor_reflection : m.mentee_reflection,
      created_at: m.created_at,
      accepted_at: m.accepted_at,
      closed_at: m.closed_at,
      goalList: goals.map((g) => ({
        title: g.title,
        status: g.status,
        addedByYou: g.created_by === userId,
        created_at: g.created_at,
        achieved_at: g.achieved_at,
        yourNotes: notes.filter((n) => n.goal_id === g.id).map((n) => ({ status: n.status, body: n.body, created_at: n.created_at })),
      })),
      sessions: sessions.map((s) => ({
        heldOn: s.held_on,
        durationMinutes: s.duration_minutes,
        mode: s.mode,
        topics: JSON.parse(s.topics) as unknown,
        loggedByYou: s.author_id === userId,
        ...(s.author_id === userId ? { yourNotes: s.notes } : {}),
        confirmed: s.confirmed_at !== null,
        ...(s.confirmed_by === userId ? { yourRating: s.rating, yourReflection: s.reflection } : {}),
      })),
      actions: actions.map((a) => ({ title: a.title, owner: a.owner, dueOn: a.due_on, addedByYou: a.created_by === userId, created_at: a.created_at, done_at: a.done_at })),
    });
  }
  return out;
}

/**
 * Account deletion: open mentorships end (a request is declined, an active or paused one closes) so
 * the other person is not left waiting. Sessions and goals stay: they are the other person's record too.
 */
export async function endMentorshipsOf(trx: Transaction<Database>, userId: string, now: number) {
  for (const [from, to] of [[['requested'], 'declined'], [['active', 'paused'], 'closed']] as const) {
    await trx
      .updateTable('mentorships')
      .set(to === 'closed' ? { status: to, closed_at: now, updated_at: now } : { status: to, updated_at: now })
      .where((eb) => eb.or([eb('mentor_id', '=', userId), eb('mentee_id', '=', userId)]))
      .where('status', 'in', [...from])
      .execute();
  }
}
