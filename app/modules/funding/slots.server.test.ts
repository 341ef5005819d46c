/**
 * Conversations before applying (issue 14.2): slots offered by the panel and stewards, one booking per
 * applicant per round, no double booking when two requests arrive together, reminders to both, .ics,
 * cancelling. The concurrent cases run both requests at once (Promise.all): each awaits between its
 * check and its write, so a check-then-write implementation lets both through.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { createRound, openRound } from './rounds.server';
import { bookSlot, cancelBooking, conversations, offerSlot, removeSlot, sendSlotReminder, slotCalendar, SLOT_REMINDER_JOB } from './slots.server';

const HOUR = 3_600_000;
type Who = Awaited<ReturnType<typeof makeMember>>;
let steward: Who, panel: Who, ana: Who, bashir: Who, chidi: Who;
let roundId = '';
const T0 = Date.now();

async function status(fn: () => Promise<unknown>): Promise<number | 'ok'> {
  try {
    await fn();
    return 'ok';
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

async function offer(who: Who, hoursAhead: number, mode: 'phone' | 'whatsapp' | 'video' | 'in-person' = 'phone') {
  const r = await offerSlot(who, roundId, { startsAt: T0 + hoursAhead * HOUR, minutes: 20, mode, details: 'I will call you on the number you give.' });
  if (!('id' in r)) throw new Error(r.problem);
  return r.id;
}

const notes = (userId: string, kind: string) => db.selectFrom('notifications').select(['params', 'link']).where('user_id', '=', userId).where('kind', '=', kind).execute();

beforeAll(async () => {
  steward = await makeMember({ role: 'steward' });
  panel = await makeMember({ name: 'Panel Parisa' });
  ana = await makeMember({ name: 'Ana' });
  bashir = await makeMember({ name: 'Bashir' });
  chidi = await makeMember({ name: 'Chidi' });
  const r = await createRound(steward, {
    name: 'Slots round', description: 'd', pot: 5000, minGrant: 500, maxGrant: 3000, themes: [], cities: [], eligibility: [],
    questions: [{ text: 'What?', wordLimit: 50 }], criteria: [{ label: 'Need', weight: 1 }], decisionMethod: 'panel', allowPartial: false,
    minLivedExperience: 0, opensAt: T0 - HOUR, closesAt: T0 + 14 * 24 * HOUR, panel: [panel.id],
  });
  if (!('id' in r)) throw new Error();
  roundId = r.id;
  await openRound(steward, roundId);
});

describe('offering', () => {
  it('panel members and stewards offer; other members are refused (403); times are checked', async () => {
    expect(await status(() => offerSlot(ana, roundId, { startsAt: T0 + 5 * HOUR, minutes: 20, mode: 'phone', details: '' }))).toBe(403);
    expect(await offerSlot(panel, roundId, { startsAt: T0 - HOUR, minutes: 20, mode: 'phone', details: '' })).toEqual({ problem: 'past' });
    expect(await offerSlot(panel, roundId, { startsAt: T0 + 30 * 24 * HOUR, minutes: 20, mode: 'phone', details: '' })).toEqual({ problem: 'after-close' });
    await offer(panel, 100);
    expect(await offerSlot(panel, roundId, { startsAt: T0 + 100 * HOUR + 10 * 60_000, minutes: 20, mode: 'video', details: '' })).toEqual({ problem: 'overlaps' });
    await offer(steward, 100, 'in-person');
    expect(await status(() => offerSlot(ana, 'no-such-round', { startsAt: T0 + HOUR, minutes: 20, mode: 'phone', details: '' }))).toBe(404);
  });

  it('members see free slots without who offers them or the details', async () => {
    const { free, abilities } = await conversations(ana, roundId);
    expect(abilities).toEqual({ 'fundSlots.offer': false, 'fundSlots.book': true });
    expect(free.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(free)).not.toContain('Panel Parisa');
    expect(JSON.stringify(free)).not.toContain('I will call you');
  });
});

describe('booking', () => {
  it('two members booking the same slot at once: exactly one gets it', async () => {
    const slot = await offer(panel, 30);
    const results = await Promise.all([bookSlot(ana, slot, 'Ana: 07700 900001'), bookSlot(bashir, slot, 'Bashir: 07700 900002')]);
    expect(results.sort()).toEqual(['ok', 'taken']);
    const row = await db.selectFrom('fund_slots').select(['booked_by', 'booker_note']).where('id', '=', slot).executeTakeFirstOrThrow();
    expect([ana.id, bashir.id]).toContain(row.booked_by);
    // The note is the winner's: the loser wrote nothing.
    expect(row.booker_note).toContain(row.booked_by === ana.id ? 'Ana' : 'Bashir');
    // Clean up for the next cases.
    await cancelBooking(panel, slot);
  });

  it('one member booking two slots at once: only one booking per round', async () => {
    const a = await offer(panel, 40);
    const b = await offer(panel, 41);
    const results = await Promise.all([bookSlot(chidi, a, ''), bookSlot(chidi, b, '')]);
    expect(results.sort()).toEqual(['ok', 'one-per-round']);
    expect(await db.selectFrom('fund_slots').select('id').where('round_id', '=', roundId).where('booked_by', '=', chidi.id).execute()).toHaveLength(1);
    expect(await bookSlot(chidi, (await offer(panel, 42)), '')).toBe('one-per-round');
  });

  it('a panel member cannot book a conversation (403), nor a host their own slot', async () => {
    const slot = await offer(steward, 50);
    expect(await status(() => bookSlot(panel, slot, ''))).toBe(403);
    expect(await bookSlot(steward, slot, '')).toBe('own-slot');
  });

  it('booking tells the host, queues a reminder to both, and gives both an .ics; others get 404', async () => {
    const slot = await offer(panel, 60, 'whatsapp');
    expect(await bookSlot(ana, slot, 'About childcare costs')).toBe('ok');
    expect(await notes(panel.id, 'funding.slot_booked')).toContainEqual(expect.objectContaining({ link: `/funds/${roundId}/conversations` }));
    const job = await db.selectFrom('jobs').selectAll().where('kind', '=', SLOT_REMINDER_JOB).where('unique_key', 'like', `%${slot}%`).executeTakeFirstOrThrow();
    expect(job.run_at).toBe(T0 + 60 * HOUR - 24 * HOUR);

    const view = await conversations(panel, roundId);
    expect(view.hosting.find((s) => s.id === slot)).toMatchObject({ bookerName: 'Ana', note: 'About childcare costs' });
    expect((await conversations(ana, roundId)).booking).toMatchObject({ id: slot, hostName: 'Panel Parisa', mode: 'whatsapp' });
    expect((await conversations(bashir, roundId)).booking).toBeNull();
    expect(JSON.stringify(await conversations(bashir, roundId))).not.toContain('childcare');

    for (const who of [ana, panel]) {
      const ics = await slotCalendar(who, slot);
      expect(ics).toContain('BEGIN:VCALENDAR');
      expect(ics).toContain('Slots round');
    }
    expect(await status(() => slotCalendar(bashir, slot))).toBe(404);

    await sendSlotReminder(JSON.parse(job.payload));
    expect(await notes(ana.id, 'funding.slot_reminder')).toHaveLength(1);
    expect(await notes(panel.id, 'funding.slot_reminder')).toHaveLength(1);
  });

  it('cancelling frees the slot, drops the reminder and tells the other side; strangers get 404', async () => {
    const slot = await offer(panel, 70);
    expect(await bookSlot(bashir, slot, '')).toBe('ok');
    expect(await status(() => cancelBooking(chidi, slot))).toBe(404);
    expect(await status(() => removeSlot(ana, slot))).toBe(404);
    const payload = { slotId: slot, bookedBy: bashir.id };
    await cancelBooking(bashir, slot);
    expect(await notes(panel.id, 'funding.slot_cancelled')).not.toHaveLength(0);
    expect(await db.selectFrom('jobs').select('id').where('unique_key', 'like', `%${slot}%`).where('status', '=', 'pending').execute()).toHaveLength(0);
    // A reminder that was already on its way for the cancelled booking says nothing.
    const before = (await notes(bashir.id, 'funding.slot_reminder')).length;
    await sendSlotReminder({ ...payload, bookedAt: 1 });
    expect(await notes(bashir.id, 'funding.slot_reminder')).toHaveLength(before);
    // Free again: someone else can have it.
    expect((await conversations(ana, roundId)).free.map((s) => s.id)).toContain(slot);
    await removeSlot(panel, slot);
    expect((await conversations(ana, roundId)).free.map((s) => s.id)).not.toContain(slot);
  });
});
