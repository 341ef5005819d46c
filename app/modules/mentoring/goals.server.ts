import { db } from '~db/connection';
import type { GoalStatus } from '~db/schema.mentoring';
import type { SessionUser } from '~/modules/auth/session.server';
import { newId } from '~/modules/auth/tokens.server';
import { MentoringRuleError, mentorshipSubject, notFound, participantView } from './mentorships.server';
import { can } from '~/policies';

export async function addGoal(mentorshipId: string, actor: SessionUser, title: string): Promise<string> {
  const p = await participantView(mentorshipId, actor);
  if (!can(actor, 'mentoringGoal.add', mentorshipSubject(p.mentorship))) throw new MentoringRuleError('mentoring.session.notWritable');
  const id = newId();
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('mentoring_goals')
      .values({ id, mentorship_id: p.mentorship.id, title, status: 'not_started', created_by: actor.id, created_at: now, updated_at: now })
      .execute();
    await trx.insertInto('mentoring_goal_notes').values({ goal_id: id, author_id: actor.id, status: 'not_started', body: '', created_at: now }).execute();
  });
  return id;
}

/** Change a goal's status and/or add a dated progress note. */
export async function updateGoal(mentorshipId: string, actor: SessionUser, goalId: string, status: GoalStatus, note: string): Promise<void> {
  const p = await participantView(mentorshipId, actor);
  if (!can(actor, 'mentoringGoal.update', mentorshipSubject(p.mentorship))) throw new MentoringRuleError('mentoring.session.notWritable');
  const goal = await db.selectFrom('mentoring_goals').selectAll().where('id', '=', goalId.slice(0, 40)).where('mentorship_id', '=', p.mentorship.id).executeTakeFirst();
  if (!goal) notFound();
  if (goal.status === status && !note) throw new MentoringRuleError('mentoring.goals.nothingChanged', 'note');
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('mentoring_goals')
      .set({ status, updated_at: now, achieved_at: status === 'achieved' ? (goal.achieved_at ?? now) : null })
      .where('id', '=', goal.id)
      .execute();
    await trx.insertInto('mentoring_goal_notes').values({ goal_id: goal.id, author_id: actor.id, status, body: note, created_at: now }).execute();
  });
}

export async function listGoals(mentorshipId: string) {
  const goals = await db.selectFrom('mentoring_goals').selectAll().where('mentorship_id', '=', mentorshipId).orderBy('created_at').execute();
  const notes = goals.length
    ? await db
        .selectFrom('mentoring_goal_notes')
        .selectAll()
        .where(
          'goal_id',
          'in',
          goals.map((g) => g.id),
        )
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    : [];
  return goals.map((g) => ({ ...g, notes: notes.filter((n) => n.goal_id === g.id) }));
}
