import { sql } from 'kysely';
import { db } from '~db/connection';
import type { ActionOwner } from '~db/schema.mentoring';
import type { SessionUser } from '~/modules/auth/session.server';
import { newId } from '~/modules/auth/tokens.server';
import { cancel, schedule } from '~/modules/jobs/scheduler.server';
import { notify } from '~/modules/notifications/notifications.server';
import { DAY_MS, dayToMs, msToDay, todayISO } from './constants';
import { MentoringRuleError, mentorshipSubject, notFound, participantView } from './mentorships.server';
import { authorize, can } from '~/policies';
import { isWritable, type Side } from './state';

export const REMINDER_JOB = 'mentoring-action-reminder';
/** Reminders go out at 08:00 UTC the day before the due date. */
const REMIND_BEFORE_MS = DAY_MS - 8 * 60 * 60_000;

function reminderKey(actionId: string, due: number) {
  return `${REMINDER_JOB}:${actionId}:${due}`;
}

/** Queues the reminder for an action; the key makes it idempotent across restarts and repeats. */
export async function scheduleActionReminder(actionId: string, due: number): Promise<void> {
  if (Date.now() >= due + DAY_MS) return; // already past: nothing to remind
  await schedule(REMINDER_JOB, due - REMIND_BEFORE_MS, { actionId, due }, reminderKey(actionId, due));
}

/** The job: remind the action's owner(s), unless it is done, moved, or the mentorship stopped. */
export async function sendActionReminder(payload: Record<string, unknown>): Promise<void> {
  const actionId = typeof payload.actionId === 'string' ? payload.actionId : null;
  if (!actionId) return;
  const row = await db
    .selectFrom('mentoring_actions')
    .innerJoin('mentorships', 'mentorships.id', 'mentoring_actions.mentorship_id')
    .select(['mentoring_actions.id', 'mentoring_actions.owner', 'mentoring_actions.due_on', 'mentoring_actions.done_at', 'mentorships.id as mentorshipId', 'mentorships.status', 'mentorships.mentor_id', 'mentorships.mentee_id'])
    .where('mentoring_actions.id', '=', actionId)
    .executeTakeFirst();
  if (!row || row.due_on === null || row.done_at !== null || row.due_on !== payload.due || !isWritable(row.status)) return;
  if (Date.now() >= row.due_on + DAY_MS) return;
  const to = ownerIds(row.owner, row.mentor_id, row.mentee_id);
  // The text carries only the date: the action itself stays on the mentorship page.
  for (const userId of to) {
    await notify({ userId, kind: 'mentoring.action_due', params: { date: msToDay(row.due_on) }, link: `/mentoring/${row.mentorshipId}` });
  }
}

function ownerIds(owner: ActionOwner, mentorId: string, menteeId: string): string[] {
  return owner === 'mentor' ? [mentorId] : owner === 'mentee' ? [menteeId] : [mentorId, menteeId];
}

/** An agreed action; "by when" is optional (no date, no reminder). */
export async function addAction(mentorshipId: string, actor: SessionUser, input: { title: string; owner: ActionOwner; due?: string }): Promise<string> {
  const p = await participantView(mentorshipId, actor);
  if (!can(actor, 'mentoringAction.add', mentorshipSubject(p.mentorship))) throw new MentoringRuleError('mentoring.session.notWritable');
  if (input.due && input.due < todayISO()) throw new MentoringRuleError('mentoring.validation.duePast', 'due');
  const id = newId();
  const due = input.due ? dayToMs(input.due) : null;
  await db
    .insertInto('mentoring_actions')
    .values({ id, mentorship_id: p.mentorship.id, session_id: null, title: input.title, owner: input.owner, due_on: due, created_by: actor.id, created_at: Date.now() })
    .execute();
  if (due !== null) await scheduleActionReminder(id, due);
  return id;
}

/** Tick an action off (or reopen it). Only the pair may; anyone else gets 404. */
export async function setActionDone(actionId: string, actor: SessionUser, done: boolean): Promise<string> {
  const action = await db
    .selectFrom('mentoring_actions')
    .innerJoin('mentorships', 'mentorships.id', 'mentoring_actions.mentorship_id')
    .select(['mentoring_actions.id', 'mentoring_actions.due_on', 'mentorships.id as mentorshipId', 'mentorships.status', 'mentorships.mentor_id', 'mentorships.mentee_id'])
    .where('mentoring_actions.id', '=', actionId.slice(0, 40))
    .executeTakeFirst();
  if (!action) notFound();
  const subject = mentorshipSubject(action);
  authorize(actor, 'mentorship.read', subject);
  if (!can(actor, 'mentoringAction.tick', subject)) throw new MentoringRuleError('mentoring.session.notWritable');
  await db
    .updateTable('mentoring_actions')
    .set(done ? { done_at: Date.now(), done_by: actor.id } : { done_at: null, done_by: null })
    .where('id', '=', action.id)
    .execute();
  if (done && action.due_on !== null) await cancel(reminderKey(action.id, action.due_on));
  return action.mentorshipId;
}

export async function listActions(mentorshipId: string) {
  return db.selectFrom('mentoring_actions').selectAll().where('mentorship_id', '=', mentorshipId).orderBy('done_at').orderBy('due_on').execute();
}

export type DueState = 'overdue' | 'today' | 'soon' | 'later';

export function dueState(due: number, today?: string): DueState;
export function dueState(due: number | null, today?: string): DueState | null;
export function dueState(due: number | null, today = todayISO()): DueState | null {
  if (due === null) return null;
  const t = dayToMs(today);
  if (due < t) return 'overdue';
  if (due === t) return 'today';
  if (due <= t + 7 * DAY_MS) return 'soon';
  return 'later';
}

/** Open actions across all of a member's running mentorships, soonest first. */
export async function myOpenActions(userId: string) {
  const rows = await db
    .selectFrom('mentoring_actions')
    .innerJoin('mentorships', 'mentorships.id', 'mentoring_actions.mentorship_id')
    .innerJoin('users as mentor', 'mentor.id', 'mentorships.mentor_id')
    .innerJoin('users as mentee', 'mentee.id', 'mentorships.mentee_id')
    .select([
      'mentoring_actions.id',
      'mentoring_actions.title',
      'mentoring_actions.owner',
      'mentoring_actions.due_on',
      'mentorships.id as mentorshipId',
      'mentorships.mentor_id',
      'mentor.name as mentorName',
      'mentee.name as menteeName',
    ])
    .where('mentoring_actions.done_at', 'is', null)
    .where('mentorships.status', 'in', ['active', 'paused'])
    .where((eb) => eb.or([eb('mentorships.mentor_id', '=', userId), eb('mentorships.mentee_id', '=', userId)]))
    // Dated actions first, soonest first; actions without a date after them.
    .orderBy(sql`mentoring_actions.due_on is null`)
    .orderBy('mentoring_actions.due_on')
    .execute();
  const today = todayISO();
  return rows.map((r) => {
    const side: Side = r.mentor_id === userId ? 'mentor' : 'mentee';
    return {
      id: r.id,
      title: r.title,
      dueOn: r.due_on,
      due: dueState(r.due_on, today),
      mine: r.owner === 'both' || r.owner === side,
      owner: r.owner,
      side,
      mentorshipId: r.mentorshipId,
      otherName: side === 'mentor' ? r.menteeName : r.mentorName,
    };
  });
}

/** For the home page: how many of my actions are open / overdue, and requests waiting for my answer. */
export async function mentoringDashboard(userId: string) {
  const actions = (await myOpenActions(userId)).filter((a) => a.mine);
  const waiting = await db
    .selectFrom('mentorships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('mentor_id', '=', userId)
    .where('status', '=', 'requested')
    .executeTakeFirst();
  return { open: actions.length, overdue: actions.filter((a) => a.due === 'overdue').length, waiting: Number(waiting?.n ?? 0) };
}
