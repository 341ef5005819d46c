/** A bid's tasks: who does what by when, with reminders. (Split out of bids.server.ts, which re-exports every part.) */
import { sql } from 'kysely';
import { db } from '~db/connection';
import { newId } from '~/modules/auth/tokens.server';
import { notify } from '~/modules/notifications/notifications.server';
import type { Actor } from '~/policies';
import { authorizeBid, bidRole } from './access.server';
import { scheduleTaskReminder, cancelTaskReminder } from './reminders.server';
import { BidInputError } from './details.server';

export async function listTasks(bidId: string) {
  return db
    .selectFrom('bid_tasks')
    .leftJoin('users', 'users.id', 'bid_tasks.assignee_id')
    .select(['bid_tasks.id', 'bid_tasks.title', 'bid_tasks.assignee_id', 'bid_tasks.due_on', 'bid_tasks.done_at', 'users.name as assignee_name'])
    .where('bid_tasks.bid_id', '=', bidId)
    .orderBy(sql`bid_tasks.done_at is not null`)
    .orderBy(sql`coalesce(bid_tasks.due_on, 9e15)`)
    .orderBy('bid_tasks.created_at')
    .execute();
}

export async function addTask(actor: Actor & { name: string }, bidId: string, input: { title: string; assigneeId?: string; dueOn: number | null }): Promise<string> {
  await authorizeBid(actor, bidId, 'bid.addTask');
  if (input.assigneeId && !(await bidRole(bidId, input.assigneeId))) throw new BidInputError('assigneeId', 'bids.validation.choose');
  const id = newId();
  await db
    .insertInto('bid_tasks')
    .values({ id, bid_id: bidId, title: input.title, assignee_id: input.assigneeId ?? null, due_on: input.dueOn, done_at: null, done_by: null, created_by: actor.id, created_at: Date.now() })
    .execute();
  if (input.dueOn) await scheduleTaskReminder(bidId, id, input.dueOn);
  if (input.assigneeId && input.assigneeId !== actor.id) {
    const bid = await db.selectFrom('bids').select('title').where('id', '=', bidId).executeTakeFirstOrThrow();
    await notify({ userId: input.assigneeId, kind: 'bids.task_assigned', params: { title: bid.title, task: input.title, name: actor.name }, link: `/bids/${bidId}/tasks` });
  }
  return id;
}

export async function setTaskDone(actor: Actor, bidId: string, taskId: string, done: boolean): Promise<boolean> {
  await authorizeBid(actor, bidId, 'bid.completeTask');
  const actorId = actor.id;
  const r = await db
    .updateTable('bid_tasks')
    .set(done ? { done_at: Date.now(), done_by: actorId } : { done_at: null, done_by: null })
    .where('id', '=', taskId)
    .where('bid_id', '=', bidId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteTask(actor: Actor, bidId: string, taskId: string): Promise<boolean> {
  await authorizeBid(actor, bidId, 'bid.deleteTask');
  const task = await db.selectFrom('bid_tasks').select('due_on').where('id', '=', taskId).where('bid_id', '=', bidId).executeTakeFirst();
  if (!task) return false;
  await db.deleteFrom('bid_tasks').where('id', '=', taskId).execute();
  if (task.due_on) await cancelTaskReminder(taskId, task.due_on);
  return true;
}
