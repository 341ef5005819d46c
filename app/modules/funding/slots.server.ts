/**
 * Conversations before applying (issue 14.2). Panel members and stewards offer short slots while a round
 * takes applications; a member books one (one per member per round); both are reminded the day before
 * (the scheduler's jobs, as mentoring's action reminders) and can download the conversation as .ics;
 * either side cancels. A slot is taken by one conditional UPDATE and the "one each" rule is a unique
 * index, so two requests at once never both succeed.
 *
 * Privacy: members see free slots as a time, a length and a kind (not who offers them — panel names stay
 * with the panel); the details, the note and both names are for the host, the booker and stewards.
 */
import { createEvent } from 'ics';
import { db } from '~db/connection';
import type { FundSlotMode } from '~db/schema.fundslots';
import { abilitiesFor, authorize, type Actor } from '~/policies';
import type { FundSlotSubject, FundSlotsSubject } from '~/policies/funding';
import { newId } from '~/modules/auth/tokens.server';
import { cancel, defineJob, schedule } from '~/modules/jobs/scheduler.server';
import { notify } from '~/modules/notifications/notifications.server';
import { toLondonInput } from '~/modules/notices/constants';
import { env } from '~/env.server';
import { getRound, isAcceptingApplications, isOnPanel } from './rounds.server';

export const SLOT_REMINDER_JOB = 'funding-slot-reminder';
const HOUR = 60 * 60_000;

const when = (ms: number) => toLondonInput(ms, true).replace('T', ' ');

async function roundFor(actor: Actor, roundId: string, now: number) {
  const round = await getRound(actor, roundId, now);
  if (!round) throw new Response('Not found', { status: 404 });
  const subject: FundSlotsSubject = { isPanel: await isOnPanel(round.id, actor.id), roundOpen: isAcceptingApplications(round, now) };
  return { round, subject };
}

function slotSubject(actor: Actor, s: { host_id: string; booked_by: string | null; starts_at: number }, now: number): FundSlotSubject {
  return { isHost: s.host_id === actor.id, isBooker: s.booked_by === actor.id, booked: s.booked_by !== null, past: s.starts_at <= now };
}

const SLOT_ABILITIES = ['fundSlot.cancelBooking', 'fundSlot.remove', 'fundSlot.calendar'] as const;

function slotsQuery() {
  return db
    .selectFrom('fund_slots')
    .innerJoin('users as host', 'host.id', 'fund_slots.host_id')
    .leftJoin('users as booker', 'booker.id', 'fund_slots.booked_by')
    .selectAll('fund_slots')
    .select(['host.name as hostName', 'booker.name as bookerName']);
}

/** The round's conversations as the actor may see them. */
export async function conversations(actor: Actor, roundId: string, now = Date.now()) {
  const { round, subject } = await roundFor(actor, roundId, now);
  const rows = await slotsQuery()
    .where('fund_slots.round_id', '=', roundId)
    // Yesterday's still show to those in them; older ones are history.
    .where('fund_slots.starts_at', '>', now - 24 * HOUR)
    .orderBy('fund_slots.starts_at')
    .execute();
  const full = (r: (typeof rows)[number]) => ({
    id: r.id,
    startsAt: r.starts_at,
    minutes: r.minutes,
    mode: r.mode,
    details: r.details,
    hostName: r.hostName,
    bookerName: r.bookerName,
    note: r.booker_note,
    abilities: abilitiesFor(actor, slotSubject(actor, r, now), SLOT_ABILITIES),
  });
  const steward = actor.role === 'steward';
  return {
    round: { id: round.id, name: round.name, closesAt: round.closesAt },
    abilities: abilitiesFor(actor, subject, ['fundSlots.offer', 'fundSlots.book'] as const),
    // The slots the actor offers (a steward sees every slot of the round, to help people).
    hosting: rows.filter((r) => r.host_id === actor.id || steward).map(full),
    booking: rows.filter((r) => r.booked_by === actor.id).map(full)[0] ?? null,
    free: rows.filter((r) => r.booked_by === null && r.starts_at > now && r.host_id !== actor.id).map((r) => ({ id: r.id, startsAt: r.starts_at, minutes: r.minutes, mode: r.mode })),
  };
}

export type OfferProblem = 'past' | 'after-close' | 'overlaps';

export async function offerSlot(actor: Actor, roundId: string, input: { startsAt: number; minutes: number; mode: FundSlotMode; details: string }, now = Date.now()): Promise<{ id: string } | { problem: OfferProblem }> {
  const { round, subject } = await roundFor(actor, roundId, now);
  authorize(actor, 'fundSlots.offer', subject);
  if (input.startsAt <= now) return { problem: 'past' };
  if (input.startsAt >= round.closesAt) return { problem: 'after-close' };
  const end = input.startsAt + input.minutes * 60_000;
  const clash = await db
    .selectFrom('fund_slots')
    .select('id')
    .where('host_id', '=', actor.id)
    .where('starts_at', '<', end)
    .where((eb) => eb(eb('starts_at', '+', eb('minutes', '*', 60_000)), '>', input.startsAt))
    .executeTakeFirst();
  if (clash) return { problem: 'overlaps' };
  const id = newId();
  await db
    .insertInto('fund_slots')
    .values({ id, round_id: roundId, host_id: actor.id, starts_at: input.startsAt, minutes: input.minutes, mode: input.mode, details: input.details.trim(), booked_by: null, booked_at: null, booker_note: '', created_at: now })
    .execute();
  return { id };
}

async function loadSlot(actor: Actor, slotId: string, now: number) {
  const slot = await slotsQuery().where('fund_slots.id', '=', slotId).executeTakeFirst();
  if (!slot) throw new Response('Not found', { status: 404 });
  const { round, subject } = await roundFor(actor, slot.round_id, now);
  return { slot, round, roundSubject: subject, subject: slotSubject(actor, slot, now) };
}

export type BookResult = 'ok' | 'taken' | 'one-per-round' | 'own-slot';

const reminderKey = (slotId: string, bookedAt: number) => `${SLOT_REMINDER_JOB}:${slotId}:${bookedAt}`;

/** Books a free slot. The UPDATE only takes a slot nobody holds; the unique index refuses a second one. */
export async function bookSlot(actor: Actor, slotId: string, note: string, now = Date.now()): Promise<BookResult> {
  const { slot, roundSubject } = await loadSlot(actor, slotId, now);
  authorize(actor, 'fundSlots.book', roundSubject);
  if (slot.host_id === actor.id) return 'own-slot';
  if (slot.starts_at <= now) return 'taken';
  const mine = await db.selectFrom('fund_slots').select('id').where('round_id', '=', slot.round_id).where('booked_by', '=', actor.id).executeTakeFirst();
  if (mine) return 'one-per-round';
  let taken: number;
  try {
    const res = await db
      .updateTable('fund_slots')
      .set({ booked_by: actor.id, booked_at: now, booker_note: note.trim() })
      .where('id', '=', slotId)
      .where('booked_by', 'is', null)
      .where('starts_at', '>', now)
      .executeTakeFirst();
    taken = Number(res.numUpdatedRows);
  } catch (error) {
    // Another request of the same member booked a different slot in between.
    if (error instanceof Error && /UNIQUE constraint failed: fund_slots\.round_id, fund_slots\.booked_by/.test(error.message)) return 'one-per-round';
    throw error;
  }
  if (taken === 0) return 'taken';
  const link = `/funds/${slot.round_id}/conversations`;
  await notify({ userId: slot.host_id, kind: 'funding.slot_booked', params: { when: when(slot.starts_at) }, link });
  // The day before, or an hour before when booked at short notice; nothing when that has passed too.
  const remindAt = [slot.starts_at - 24 * HOUR, slot.starts_at - HOUR].find((t) => t > now);
  if (remindAt) await schedule(SLOT_REMINDER_JOB, remindAt, { slotId, bookedBy: actor.id, bookedAt: now }, reminderKey(slotId, now));
  return 'ok';
}

/** Either side (or a steward) cancels a booking; the slot is free again and the other side is told. */
export async function cancelBooking(actor: Actor, slotId: string, now = Date.now()): Promise<'ok'> {
  const { slot, subject } = await loadSlot(actor, slotId, now);
  authorize(actor, 'fundSlot.seeBooking', subject);
  authorize(actor, 'fundSlot.cancelBooking', subject);
  const res = await db
    .updateTable('fund_slots')
    .set({ booked_by: null, booked_at: null, booker_note: '' })
    .where('id', '=', slotId)
    .where('booked_by', '=', slot.booked_by)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) return 'ok';
  await cancel(reminderKey(slotId, slot.booked_at!));
  const link = `/funds/${slot.round_id}/conversations`;
  const tell = [slot.host_id, slot.booked_by!].filter((u) => u !== actor.id);
  for (const userId of tell) await notify({ userId, kind: 'funding.slot_cancelled', params: { when: when(slot.starts_at) }, link });
  return 'ok';
}

/** The host (or a steward) takes a slot back; a booker is told. */
export async function removeSlot(actor: Actor, slotId: string, now = Date.now()): Promise<'ok'> {
  const { slot, subject } = await loadSlot(actor, slotId, now);
  authorize(actor, 'fundSlot.seeBooking', subject);
  authorize(actor, 'fundSlot.remove', subject);
  await db.deleteFrom('fund_slots').where('id', '=', slotId).execute();
  if (slot.booked_by) {
    await cancel(reminderKey(slotId, slot.booked_at!));
    if (slot.booked_by !== actor.id) await notify({ userId: slot.booked_by, kind: 'funding.slot_cancelled', params: { when: when(slot.starts_at) }, link: `/funds/${slot.round_id}/conversations` });
  }
  return 'ok';
}

/** The conversation as a calendar file, for its host and its booker only. */
export async function slotCalendar(actor: Actor, slotId: string, now = Date.now()): Promise<string> {
  const { slot, round, subject } = await loadSlot(actor, slotId, now);
  authorize(actor, 'fundSlot.calendar', subject);
  const other = subject.isHost ? slot.bookerName : slot.hostName;
  const url = `${env.publicUrl}/funds/${round.id}/conversations`;
  const { error, value } = createEvent({
    uid: `fund-slot-${slot.id}-${slot.booked_at}@nomi-workspace`,
    title: `${round.name} — ${other ?? ''}`.slice(0, 200),
    description: [slot.details, slot.booker_note, url].filter(Boolean).join('\n\n').slice(0, 2000),
    start: slot.starts_at,
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: slot.minutes },
    location: slot.mode === 'in-person' && slot.details ? slot.details.slice(0, 200) : undefined,
    url,
    productId: 'nomi-workspace/funding',
  });
  if (error || !value) throw new Response('Not found', { status: 404 });
  return value;
}

/** The reminder job: both people, unless the booking was cancelled or changed meanwhile. */
export async function sendSlotReminder(payload: Record<string, unknown>): Promise<void> {
  if (typeof payload.slotId !== 'string') return;
  const slot = await db.selectFrom('fund_slots').selectAll().where('id', '=', payload.slotId).executeTakeFirst();
  if (!slot || slot.booked_by === null || slot.booked_by !== payload.bookedBy || slot.booked_at !== payload.bookedAt) return;
  if (slot.starts_at <= Date.now()) return;
  for (const userId of [slot.host_id, slot.booked_by]) {
    await notify({ userId, kind: 'funding.slot_reminder', params: { when: when(slot.starts_at) }, link: `/funds/${slot.round_id}/conversations` });
  }
}

export function registerFundslotsJobs() {
  defineJob(SLOT_REMINDER_JOB, async (payload) => sendSlotReminder(payload));
}
