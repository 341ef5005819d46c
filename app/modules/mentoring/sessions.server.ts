import { db } from '~db/connection';
import type { SessionUser } from '~/modules/auth/session.server';
import { newId } from '~/modules/auth/tokens.server';
import { notify } from '~/modules/notifications/notifications.server';
import { dayToMs, todayISO } from './constants';
import { MentoringRuleError, mentorshipSubject, notFound, participantView } from './mentorships.server';
import { abilitiesFor, authorize, can, type Actor } from '~/policies';
import type { MentoringSessionSubject } from '~/policies/mentoring';
import { scheduleActionReminder } from './actions.server';
import type { ActionRow } from './mentoring.schema';

export interface SessionInput {
  heldOn: string;
  duration: number;
  mode: string;
  topics: string[];
  notes: string;
}

function checkFacts(input: SessionInput) {
  if (!Number.isInteger(input.duration) || input.duration < 1 || input.duration > 720) throw new MentoringRuleError('mentoring.validation.duration', 'duration');
  if (input.heldOn > todayISO()) throw new MentoringRuleError('mentoring.validation.future', 'heldOn');
}

/** Logs a session with its agreed actions, all or nothing, and tells the other side. */
export async function logSession(mentorshipId: string, author: SessionUser, input: SessionInput & { actions: ActionRow[] }): Promise<string> {
  const p = await participantView(mentorshipId, author);
  if (!can(author, 'mentoringSession.log', mentorshipSubject(p.mentorship))) throw new MentoringRuleError('mentoring.session.notWritable');
  checkFacts(input);
  input.actions.forEach((a, i) => {
    if (a.due && a.due < input.heldOn) throw new MentoringRuleError('mentoring.validation.dueBeforeSession', `action${i + 1}Due`);
  });
  const id = newId();
  const now = Date.now();
  const actionIds: { id: string; due: number | null }[] = [];
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('mentoring_sessions')
      .values({
        id,
        mentorship_id: p.mentorship.id,
        author_id: author.id,
        held_on: dayToMs(input.heldOn),
        duration_minutes: input.duration,
        mode: input.mode,
        topics: JSON.stringify(input.topics),
        notes: input.notes,
        created_at: now,
      })
      .execute();
    for (const a of input.actions) {
      const actionId = newId();
      const due = a.due ? dayToMs(a.due) : null;
      await trx
        .insertInto('mentoring_actions')
        .values({ id: actionId, mentorship_id: p.mentorship.id, session_id: id, title: a.title, owner: a.owner, due_on: due, created_by: author.id, created_at: now })
        .execute();
      actionIds.push({ id: actionId, due });
    }
    await trx.updateTable('mentorships').set({ updated_at: now }).where('id', '=', p.mentorship.id).execute();
  });
  for (const a of actionIds) if (a.due !== null) await scheduleActionReminder(a.id, a.due);
  await notify({ userId: p.other.id, kind: 'mentoring.session_logged', params: { name: author.name }, link: `/mentoring/${p.mentorship.id}/sessions/${id}` });
  return id;
}

export const SESSION_ABILITIES = ['mentoringSession.readNotes', 'mentoringSession.edit', 'mentoringSession.confirm'] as const;

/**
 * One session of a mentorship, for one of its two people (404 otherwise, by `mentoringSession.read`).
 * The private notes and the reflection are left out unless `mentoringSession.readNotes` allows them.
 */
export async function sessionView(mentorshipId: string, sessionId: string, actor: Actor, now = Date.now()) {
  const p = await participantView(mentorshipId, actor);
  const s = await db
    .selectFrom('mentoring_sessions')
    .selectAll()
    .where('id', '=', sessionId.slice(0, 40))
    .where('mentorship_id', '=', p.mentorship.id)
    .executeTakeFirst();
  if (!s) notFound();
  const subject: MentoringSessionSubject = { ...mentorshipSubject(p.mentorship), authorId: s.author_id, confirmedAt: s.confirmed_at, createdAt: s.created_at, now };
  authorize(actor, 'mentoringSession.read', subject);
  const abilities = abilitiesFor(actor, subject, SESSION_ABILITIES);
  const actions = await db.selectFrom('mentoring_actions').selectAll().where('session_id', '=', s.id).orderBy('due_on').execute();
  const notes = abilities['mentoringSession.readNotes'] ? { notes: s.notes, reflection: s.reflection } : { notes: '', reflection: null };
  return {
    participant: p,
    session: { ...s, ...notes, topics: parseTopics(s.topics) },
    actions,
    subject,
    abilities,
  };
}

export function parseTopics(value: string): string[] {
  try {
    const v: unknown = JSON.parse(value);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The author corrects a session within 30 days; it then shows as edited. */
export async function editSession(mentorshipId: string, sessionId: string, author: SessionUser, input: SessionInput): Promise<void> {
  const view = await sessionView(mentorshipId, sessionId, author);
  if (view.session.author_id !== author.id) throw new Response('Forbidden', { status: 403 });
  // The author's own session, past the window or in a closed mentorship: a rule of the form.
  if (!view.abilities['mentoringSession.edit']) throw new MentoringRuleError('mentoring.session.editWindow');
  checkFacts(input);
  const earliestDue = view.actions.reduce((min, a) => (a.due_on === null ? min : Math.min(min, a.due_on)), Infinity);
  if (dayToMs(input.heldOn) > earliestDue) throw new MentoringRuleError('mentoring.validation.sessionAfterActions', 'heldOn');
  await db
    .updateTable('mentoring_sessions')
    .set({ held_on: dayToMs(input.heldOn), duration_minutes: input.duration, mode: input.mode, topics: JSON.stringify(input.topics), notes: input.notes, edited_at: Date.now() })
    .where('id', '=', view.session.id)
    .where('author_id', '=', author.id)
    .execute();
}

/** The other side confirms the session happened, may rate it 1–5 and may add a short reflection (once). */
export async function confirmSession(mentorshipId: string, sessionId: string, actor: SessionUser, input: { rating?: number | null; reflection?: string }): Promise<void> {
  const view = await sessionView(mentorshipId, sessionId, actor);
  if (view.session.author_id === actor.id) throw new MentoringRuleError('mentoring.session.ownConfirm');
  if (view.session.confirmed_at !== null) throw new MentoringRuleError('mentoring.session.alreadyConfirmed');
  const rating = input.rating ?? null;
  if (rating !== null && (!Number.isInteger(rating) || rating < 1 || rating > 5)) throw new MentoringRuleError('mentoring.validation.rating', 'rating');
  const r = await db
    .updateTable('mentoring_sessions')
    .set({ confirmed_at: Date.now(), confirmed_by: actor.id, rating, reflection: input.reflection ?? null })
    .where('id', '=', view.session.id)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new MentoringRuleError('mentoring.session.alreadyConfirmed');
  if (view.session.author_id) {
    await notify({
      userId: view.session.author_id,
      kind: 'mentoring.session_confirmed',
      params: { name: actor.name },
      link: `/mentoring/${view.participant.mentorship.id}/sessions/${view.session.id}`,
    });
  }
}

export async function listSessions(mentorshipId: string) {
  const rows = await db.selectFrom('mentoring_sessions').selectAll().where('mentorship_id', '=', mentorshipId).orderBy('held_on', 'desc').orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({ ...r, topics: parseTopics(r.topics) }));
}
