import { db } from '../connection';
import { newId } from '../../app/modules/auth/tokens.server';
import { scheduleActionReminder } from '../../app/modules/mentoring/actions.server';
import { DAY_MS, dayToMs, todayISO } from '../../app/modules/mentoring/constants';
import type { ActionOwner, GoalStatus, MentorshipStatus } from '../schema.mentoring';

/**
 * Demo mentoring over the last 12 months: mentorships in every state, sessions, goals and actions in
 * every state. Idempotent: does nothing if the demo mentorships are already there.
 */
interface Plan {
  mentor: string;
  mentee: string;
  status: MentorshipStatus;
  monthsAgo: number;
  sessions: number;
  goals: { title: string; status: GoalStatus }[];
  closedMonthsAgo?: number;
  pausedBySteward?: boolean;
}

const TOPIC_SETS = [
  ['funding', 'bid_writing'],
  ['governance'],
  ['finance', 'funding'],
  ['confidence', 'wellbeing'],
  ['networking', 'partnerships'],
  ['marketing', 'digital'],
  ['legal', 'governance'],
  ['impact', 'funding'],
];
const MODES = ['in_person', 'phone', 'video', 'message'];
const DURATIONS = [30, 45, 60, 60, 90, 45, 60, 120];

const PLANS: Plan[] = [
  { mentor: 'mentor1', mentee: 'amina', status: 'active', monthsAgo: 11, sessions: 10, goals: [{ title: 'Submit our first funding bid', status: 'achieved' }, { title: 'Register as a CIC', status: 'in_progress' }] },
  { mentor: 'mentor1', mentee: 'bilal', status: 'closed', monthsAgo: 10, closedMonthsAgo: 3, sessions: 6, goals: [{ title: 'Write a budget for the workshops', status: 'achieved' }, { title: 'Find a host organisation', status: 'dropped' }] },
  { mentor: 'mentor2', mentee: 'ioana', status: 'active', monthsAgo: 8, sessions: 7, goals: [{ title: 'Set up simple bookkeeping', status: 'achieved' }, { title: 'Open a group bank account', status: 'in_progress' }] },
  { mentor: 'mentor2', mentee: 'mariam', status: 'paused', monthsAgo: 7, sessions: 4, goals: [{ title: 'Plan a year of sewing circles', status: 'not_started' }] },
  { mentor: 'mentor3', mentee: 'yonas', status: 'active', monthsAgo: 6, sessions: 5, goals: [{ title: 'Recruit three volunteer coaches', status: 'in_progress' }, { title: 'Speak at a council meeting', status: 'achieved' }] },
  { mentor: 'mentor2', mentee: 'piotr', status: 'active', monthsAgo: 4, sessions: 4, goals: [{ title: 'Apply for a small grant', status: 'in_progress' }] },
  { mentor: 'mentor1', mentee: 'layla', status: 'active', monthsAgo: 5, sessions: 5, goals: [{ title: 'Show the exhibition in two libraries', status: 'achieved' }] },
  { mentor: 'mentor1', mentee: 'mentor3', status: 'active', monthsAgo: 3, sessions: 3, goals: [{ title: 'Write a training plan for new mentors', status: 'in_progress' }] },
  { mentor: 'mentor3', mentee: 'olena', status: 'requested', monthsAgo: 0, sessions: 0, goals: [] },
  { mentor: 'mentor3', mentee: 'kwame', status: 'declined', monthsAgo: 2, sessions: 0, goals: [] },
];

const NOTES = [
  'Went through the funder\'s guidance together and picked the three questions to answer first.',
  'Talked about how the group makes decisions; agreed to write it down.',
  'Looked at last year\'s spending and what the next grant needs to cover.',
  'A harder month. We talked about rest and sharing the load with volunteers.',
  'Mapped who else works on this in the city and who to call.',
];

export async function seedMentoring(people: Record<string, string>): Promise<void> {
  const first = PLANS[0]!;
  const existing = await db
    .selectFrom('mentorships')
    .select('id')
    .where('mentor_id', '=', people[first.mentor]!)
    .where('mentee_id', '=', people[first.mentee]!)
    .executeTakeFirst();
  if (existing) return;

  const today = dayToMs(todayISO());
  const reminders: { id: string; due: number }[] = [];
  let k = 0;
  await db.transaction().execute(async (trx) => {
    for (const plan of PLANS) {
      const mentorId = people[plan.mentor];
      const menteeId = people[plan.mentee];
      if (!mentorId || !menteeId) continue;
      const id = newId();
      const start = today - plan.monthsAgo * 30 * DAY_MS;
      const created = start - 3 * DAY_MS;
      const accepted = plan.status === 'requested' || plan.status === 'declined' ? null : start - DAY_MS;
      const closed = plan.closedMonthsAgo !== undefined ? today - plan.closedMonthsAgo * 30 * DAY_MS : null;
      await trx
        .insertInto('mentorships')
        .values({
          id,
          mentor_id: mentorId,
          mentee_id: menteeId,
          status: plan.status,
          requested_by: menteeId,
          paired_by_steward: 0,
          goals: plan.goals.map((g) => g.title).join('\n') || 'Get advice on growing our project',
          frequency: 'monthly',
          mode: MODES[k % MODES.length]!,
          start_on: start,
          request_message: 'Hello! I saw your profile in the directory and would value your help.',
          response_message: plan.status === 'declined' ? 'I am sorry, I am away for the next months. Please ask Tariq.' : accepted ? 'Happy to help. Let us start next week.' : '',
          mentor_reflection: closed ? 'Bilal now runs his budget with confidence.' : null,
          mentee_reflection: closed ? 'I learnt to plan money before activities. Thank you.' : null,
          created_at: created,
          accepted_at: accepted,
          closed_at: closed,
          updated_at: closed ?? today,
        })
        .execute();
      await trx.insertInto('mentoring_events').values({ mentorship_id: id, actor_id: menteeId, kind: 'requested', created_at: created }).execute();
      if (accepted) await trx.insertInto('mentoring_events').values({ mentorship_id: id, actor_id: mentorId, kind: 'accepted', created_at: accepted }).execute();
      if (plan.status === 'declined') await trx.insertInto('mentoring_events').values({ mentorship_id: id, actor_id: mentorId, kind: 'declined', created_at: start }).execute();
      if (plan.status === 'paused') await trx.insertInto('mentoring_events').values({ mentorship_id: id, actor_id: menteeId, kind: 'paused', created_at: today - 20 * DAY_MS }).execute();
      if (closed) await trx.insertInto('mentoring_events').values({ mentorship_id: id, actor_id: menteeId, kind: 'closed', created_at: closed }).execute();

      const end = closed ?? (plan.status === 'paused' ? today - 25 * DAY_MS : today - 2 * DAY_MS);
      const step = plan.sessions > 1 ? Math.floor((end - start) / (plan.sessions - 1) / DAY_MS) * DAY_MS : 0;
      for (let i = 0; i < plan.sessions; i++) {
        k++;
        const heldOn = plan.sessions === 1 ? start : start + i * step;
        const sessionId = newId();
        const byMentor = i % 3 !== 2;
        const last = i === plan.sessions - 1;
        const confirmed = !(last && plan.status === 'active');
        await trx
          .insertInto('mentoring_sessions')
          .values({
            id: sessionId,
            mentorship_id: id,
            author_id: byMentor ? mentorId : menteeId,
            held_on: heldOn,
            duration_minutes: DURATIONS[k % DURATIONS.length]!,
            mode: MODES[k % MODES.length]!,
            topics: JSON.stringify(TOPIC_SETS[k % TOPIC_SETS.length]),
            notes: NOTES[k % NOTES.length]!,
            created_at: heldOn + 3 * 60 * 60_000,
            edited_at: k % 7 === 0 ? heldOn + DAY_MS : null,
            confirmed_at: confirmed ? heldOn + DAY_MS : null,
            confirmed_by: confirmed ? (byMentor ? menteeId : mentorId) : null,
            reflection: confirmed && k % 2 === 0 ? 'Clear next steps. I know what to do this month.' : null,
            rating: confirmed ? 3 + (k % 3) : null,
          })
          .execute();
        // Two actions per session: older ones done, the latest open (one overdue, one due soon).
        const actions: { title: string; owner: ActionOwner; due: number; done: boolean }[] = [
          { title: 'Send the draft to each other', owner: 'mentee', due: heldOn + 7 * DAY_MS, done: !last && !(plan.mentee === 'amina' && i === plan.sessions - 2) },
          { title: 'Share a useful template or contact', owner: i % 2 ? 'mentor' : 'both', due: heldOn + 14 * DAY_MS, done: !last || plan.status === 'closed' },
        ];
        for (const a of actions) {
          const actionId = newId();
          await trx
            .insertInto('mentoring_actions')
            .values({
              id: actionId,
              mentorship_id: id,
              session_id: sessionId,
              title: a.title,
              owner: a.owner,
              due_on: a.due,
              created_by: byMentor ? mentorId : menteeId,
              created_at: heldOn + 3 * 60 * 60_000,
              done_at: a.done ? Math.min(a.due, today) - DAY_MS : null,
              done_by: a.done ? menteeId : null,
            })
            .execute();
          if (!a.done) reminders.push({ id: actionId, due: a.due });
        }
      }

      for (const g of plan.goals) {
        const goalId = newId();
        const achievedAt = g.status === 'achieved' ? Math.min(end, start + 60 * DAY_MS) : null;
        await trx
          .insertInto('mentoring_goals')
          .values({ id: goalId, mentorship_id: id, title: g.title, status: g.status, created_by: menteeId, created_at: start, updated_at: achievedAt ?? start, achieved_at: achievedAt })
          .execute();
        await trx.insertInto('mentoring_goal_notes').values({ goal_id: goalId, author_id: menteeId, status: 'not_started', body: '', created_at: start }).execute();
        if (g.status !== 'not_started') {
          await trx
            .insertInto('mentoring_goal_notes')
            .values({ goal_id: goalId, author_id: mentorId, status: 'in_progress', body: 'First steps taken.', created_at: start + 20 * DAY_MS })
            .execute();
        }
        if (g.status === 'achieved' || g.status === 'dropped') {
          await trx
            .insertInto('mentoring_goal_notes')
            .values({ goal_id: goalId, author_id: menteeId, status: g.status, body: g.status === 'achieved' ? 'Done!' : 'Not the right time for this.', created_at: achievedAt ?? start + 40 * DAY_MS })
            .execute();
        }
      }
    }
  });
  for (const r of reminders) await scheduleActionReminder(r.id, r.due);
}
