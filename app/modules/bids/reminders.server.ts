import { db } from '~db/connection';
import { cancel, defineJob, schedule } from '~/modules/jobs/scheduler.server';
import { notifyMany, notify } from '~/modules/notifications/notifications.server';
import { ACTIVE_STATUSES, type BidStatusValue } from './constants';
import { bidMemberIds, bidPeople } from './access.server';
import { sectionTexts } from './document.server';
import { dateOnlyToMs, msToDateOnly } from '~/utils/date-only';

/**
 * Timed reminders for bids, as scheduled jobs with unique keys (so scheduling twice queues once):
 *   - every partner, 7 days and 1 day before the deadline (in-app + email per their preferences);
 *   - every partner, 2 days before the deadline, if any section is over its word limit;
 *   - a task's assignee (or all editors) on its due date if it is not done.
 * A job carries the deadline/due date it was made for; when that changed, the job does nothing.
 */
const DAY = 24 * 60 * 60_000;
export const DEADLINE_DAYS = [7, 1] as const;
export const OVER_LIMIT_DAYS = 2;

export function deadlineKey(bidId: string, deadline: number, days: number) {
  return `bids:deadline:${bidId}:${deadline}:${days}`;
}
export function overLimitKey(bidId: string, deadline: number) {
  return `bids:over-limit:${bidId}:${deadline}`;
}
export function taskKey(taskId: string, dueOn: number) {
  return `bids:task-due:${taskId}:${dueOn}`;
}

/** Queues the deadline reminders still in the future. Returns how many were newly queued. */
export async function scheduleDeadlineReminders(bidId: string, deadline: number, now = Date.now()): Promise<number> {
  let queued = 0;
  for (const days of DEADLINE_DAYS) {
    const runAt = deadline - days * DAY;
    if (runAt > now && (await schedule('bids:deadline', runAt, { bidId, deadline, days }, deadlineKey(bidId, deadline, days)))) queued++;
  }
  const overAt = deadline - OVER_LIMIT_DAYS * DAY;
  if (overAt > now && (await schedule('bids:over-limit', overAt, { bidId, deadline }, overLimitKey(bidId, deadline)))) queued++;
  return queued;
}

export async function cancelDeadlineReminders(bidId: string, deadline: number): Promise<void> {
  for (const days of DEADLINE_DAYS) await cancel(deadlineKey(bidId, deadline, days));
  await cancel(overLimitKey(bidId, deadline));
}

/**
 * Due dates are calendar days (~/utils/date-only: UTC midnight, older ones noon UTC): remind at 08:00
 * UTC that day, whichever way the day was stored.
 */
export async function scheduleTaskReminder(bidId: string, taskId: string, dueOn: number, now = Date.now()): Promise<boolean> {
  const runAt = dateOnlyToMs(msToDateOnly(dueOn)) + 8 * 60 * 60_000;
  if (runAt <= now) return false;
  return schedule('bids:task-due', runAt, { bidId, taskId, dueOn }, taskKey(taskId, dueOn));
}

export async function cancelTaskReminder(taskId: string, dueOn: number): Promise<void> {
  await cancel(taskKey(taskId, dueOn));
}

async function liveBid(bidId: unknown, deadline?: unknown) {
  if (typeof bidId !== 'string') return null;
  const bid = await db.selectFrom('bids').select(['id', 'title', 'deadline', 'status', 'document_id']).where('id', '=', bidId).executeTakeFirst();
  if (!bid || !ACTIVE_STATUSES.includes(bid.status as BidStatusValue)) return null;
  if (deadline !== undefined && bid.deadline !== deadline) return null;
  return bid;
}

/** Sections over their word limit, counted with the collab module's shared word counter. */
export async function sectionsOverLimit(bidId: string, documentId: string | null): Promise<Array<{ title: string; words: number; limit: number }>> {
  const sections = await db.selectFrom('bid_sections').select(['id', 'title', 'word_limit']).where('bid_id', '=', bidId).orderBy('position').execute();
  const limited = sections.filter((s) => s.word_limit !== null);
  if (!limited.length || !documentId) return [];
  const texts = await sectionTexts(documentId, limited.map((s) => s.id));
  return limited.flatMap((s, i) => (texts[i]!.words > s.word_limit! ? [{ title: s.title, words: texts[i]!.words, limit: s.word_limit! }] : []));
}

export async function runDeadlineReminder(payload: Record<string, unknown>): Promise<void> {
  const bid = await liveBid(payload.bidId, payload.deadline);
  if (!bid) return;
  const days = Number(payload.days);
  await notifyMany(await bidMemberIds(bid.id), { kind: 'bids.deadline_soon', params: { title: bid.title, count: days }, link: `/bids/${bid.id}` });
}

export async function runOverLimitCheck(payload: Record<string, unknown>): Promise<void> {
  const bid = await liveBid(payload.bidId, payload.deadline);
  if (!bid) return;
  const over = await sectionsOverLimit(bid.id, bid.document_id);
  if (!over.length) return;
  await notifyMany(await bidMemberIds(bid.id), {
    kind: 'bids.over_limit',
    params: { title: bid.title, count: over.length, sections: over.map((s) => s.title).join(', ').slice(0, 300) },
    link: `/bids/${bid.id}`,
  });
}

export async function runTaskReminder(payload: Record<string, unknown>): Promise<void> {
  const bid = await liveBid(payload.bidId);
  if (!bid || typeof payload.taskId !== 'string') return;
  const task = await db.selectFrom('bid_tasks').select(['title', 'assignee_id', 'due_on', 'done_at']).where('id', '=', payload.taskId).where('bid_id', '=', bid.id).executeTakeFirst();
  if (!task || task.done_at || task.due_on !== payload.dueOn) return;
  const people = await bidPeople(bid.id);
  const params = { title: bid.title, task: task.title };
  const link = `/bids/${bid.id}/tasks`;
  if (task.assignee_id && people.some((p) => p.id === task.assignee_id)) {
    await notify({ userId: task.assignee_id, kind: 'bids.task_due', params, link });
  } else {
    await notifyMany(people.filter((p) => p.role !== 'reviewer').map((p) => p.id), { kind: 'bids.task_due', params, link });
  }
}

export function registerBidJobs() {
  defineJob('bids:deadline', runDeadlineReminder);
  defineJob('bids:over-limit', runOverLimitCheck);
  defineJob('bids:task-due', runTaskReminder);
}
