import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember, outbox } from '../../../test/factories';
import type { SessionUser } from '~/modules/auth/session.server';
import { runDueJobs } from '~/modules/jobs/scheduler.server';
import { registerMentoringJobs } from './jobs.server';
import { MentoringRuleError, availableMentors, mentorAvailability, pairMembers, participantView, requestMentoring, transitionMentorship, addClosingReflection } from './mentorships.server';
import { confirmSession, editSession, logSession, sessionView } from './sessions.server';
import { REMINDER_JOB, addAction, myOpenActions, scheduleActionReminder, setActionDone } from './actions.server';
import { addGoal, updateGoal } from './goals.server';
import { DAY_MS, EDIT_WINDOW_MS, msToDay, todayISO } from './constants';
import { SessionSchema } from './mentoring.schema';
import { myRecord } from './record.server';
import { mentorshipDetail } from './timeline.server';

registerMentoringJobs();

const agreement = { goals: 'Write my first bid', frequency: 'monthly', mode: 'video', startOn: '2026-11-01' };

async function mentor(over: { open?: number; capacity?: number; profile?: boolean } = {}): Promise<SessionUser> {
  const m = await makeMember({ name: 'Mentor' });
  await db.updateTable('users').set({ is_mentor: 1 }).where('id', '=', m.id).execute();
  if (over.profile !== false) {
    await db
      .insertInto('profiles')
      .values({ user_id: m.id, headline: 'Bid writer', bio: '', mentoring_open: over.open ?? 1, mentoring_at_capacity: over.capacity ?? 0, mentoring_areas: '[]', matching_opt_out: 0, updated_at: Date.now() })
      .execute();
  }
  return { ...m, isMentor: true };
}

async function activePair() {
  const m = await mentor();
  const e = await makeMember({ name: 'Mentee' });
  const id = await requestMentoring(e, { ...agreement, mentorId: m.id });
  await transitionMentorship(id, m, 'accept', { message: 'Happy to' });
  return { m, e, id };
}

const today = () => todayISO();
const daysFromToday = (n: number) => msToDay(Date.parse(`${today()}T00:00:00Z`) + n * DAY_MS);

async function counts() {
  const [a, b, c, d] = await Promise.all([
    db.selectFrom('mentoring_sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('mentoring_actions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('mentoring_goals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('mentorships').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return [a.n, b.n, c.n, d.n].map(Number);
}

async function expect404(p: Promise<unknown>) {
  await expect(p).rejects.toSatisfy((e: unknown) => e instanceof Response && e.status === 404);
}

describe('asking for mentoring', () => {
  it('follows profile availability (no profile row = open)', async () => {
    expect(await mentorAvailability((await mentor()).id)).toBe('available');
    expect(await mentorAvailability((await mentor({ profile: false })).id)).toBe('available');
    expect(await mentorAvailability((await mentor({ open: 0 })).id)).toBe('not_open');
    expect(await mentorAvailability((await mentor({ capacity: 1 })).id)).toBe('at_capacity');
    expect(await mentorAvailability((await makeMember()).id)).toBe('not_open');
  });

  it('refuses a mentor at capacity with a clear message, writing nothing', async () => {
    const full = await mentor({ capacity: 1 });
    const e = await makeMember();
    const before = await counts();
    await expect(requestMentoring(e, { ...agreement, mentorId: full.id })).rejects.toMatchObject({ key: 'mentoring.request.atCapacity', field: 'mentor' });
    expect(await counts()).toEqual(before);
    expect((await availableMentors(e.id)).map((x) => x.id)).not.toContain(full.id);
  });

  it('refuses asking oneself or asking twice', async () => {
    const m = await mentor();
    await expect(requestMentoring(m, { ...agreement, mentorId: m.id })).rejects.toBeInstanceOf(MentoringRuleError);
    const e = await makeMember();
    await requestMentoring(e, { ...agreement, mentorId: m.id });
    await expect(requestMentoring(e, { ...agreement, mentorId: m.id })).rejects.toMatchObject({ key: 'mentoring.request.duplicate' });
  });

  it('notifies the mentor, who alone can accept', async () => {
    const m = await mentor();
    const e = await makeMember({ name: 'Asker' });
    const id = await requestMentoring(e, { ...agreement, mentorId: m.id });
    const n = await db.selectFrom('notifications').selectAll().where('user_id', '=', m.id).execute();
    expect(n.map((x) => x.kind)).toEqual(['mentoring.requested']);
    await expect(transitionMentorship(id, e, 'accept')).rejects.toMatchObject({ key: 'mentoring.status.notAllowed' });
    expect(await transitionMentorship(id, m, 'accept', { message: 'Yes' })).toBe('active');
    expect(await transitionMentorship(id, e, 'pause')).toBe('paused');
    expect(await transitionMentorship(id, m, 'resume')).toBe('active');
    expect(await transitionMentorship(id, e, 'close', { reflection: 'It helped' })).toBe('closed');
    await addClosingReflection(id, m, 'Proud of you');
    const row = await db.selectFrom('mentorships').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([row.mentee_reflection, row.mentor_reflection, row.response_message]).toEqual(['It helped', 'Proud of you', 'Yes']);
    await expect(addClosingReflection(id, m, 'again')).rejects.toMatchObject({ key: 'mentoring.close.alreadyReflected' });
  });

  it('lets a steward pair two members without being able to read the pairing', async () => {
    const steward = await makeMember({ role: 'steward' });
    const m = await makeMember();
    const e = await makeMember();
    const id = (await pairMembers(steward, { ...agreement, mentorId: m.id, menteeId: e.id }))!;
    await expect404(participantView(id, steward));
    // Pairing the same two again neither fails (which would reveal the pairing) nor writes a second one.
    expect(await pairMembers(steward, { ...agreement, mentorId: m.id, menteeId: e.id })).toBeNull();
    expect(await db.selectFrom('mentorships').select('id').where('mentor_id', '=', m.id).execute()).toHaveLength(1);
    const log = await db.selectFrom('audit_log').selectAll().where('subject_id', '=', id).executeTakeFirstOrThrow();
    expect(log.details).not.toContain(m.id);
    expect(log.details).not.toContain(e.id);
    await expect(pairMembers(m, { ...agreement, mentorId: e.id, menteeId: steward.id })).rejects.toSatisfy((x: unknown) => x instanceof Response && x.status === 403);
  });
});

describe('sessions and actions', () => {
  it('logs a session with actions, notifies the other side, who confirms and rates', async () => {
    const { m, e, id } = await activePair();
    const sessionId = await logSession(id, m, {
      heldOn: today(),
      duration: 45,
      mode: 'phone',
      topics: ['funding'],
      notes: 'Secret note',
      actions: [
        { title: 'Draft budget', owner: 'mentee', due: daysFromToday(1) },
        { title: 'Send template', owner: 'mentor', due: daysFromToday(5) },
      ],
    });
    const note = await db.selectFrom('notifications').selectAll().where('user_id', '=', e.id).where('kind', '=', 'mentoring.session_logged').executeTakeFirstOrThrow();
    expect(note.params).not.toContain('Secret');
    await expect(confirmSession(id, sessionId, m, { rating: 5 })).rejects.toMatchObject({ key: 'mentoring.session.ownConfirm' });
    await confirmSession(id, sessionId, e, { rating: 4, reflection: 'Useful' });
    await expect(confirmSession(id, sessionId, e, { rating: 5 })).rejects.toMatchObject({ key: 'mentoring.session.alreadyConfirmed' });
    const actions = await myOpenActions(e.id);
    expect(actions.map((a) => [a.title, a.mine, a.due])).toEqual([
      ['Draft budget', true, 'soon'],
      ['Send template', false, 'soon'],
    ]);
  });

  it('rejects bad input: zero, negative and over-12-hour durations, future dates, actions due before the session', () => {
    const base = { heldOn: today(), duration: '60', mode: 'video' };
    const errorsOf = (v: Record<string, string>): Record<string, string[] | undefined> => {
      const r = SessionSchema.safeParse(v);
      return r.success ? {} : (r.error.flatten().fieldErrors as Record<string, string[] | undefined>);
    };
    expect(errorsOf({ ...base, duration: '0' }).duration).toEqual(['mentoring.validation.duration']);
    expect(errorsOf({ ...base, duration: '-30' }).duration).toEqual(['mentoring.validation.duration']);
    expect(errorsOf({ ...base, duration: '721' }).duration).toEqual(['mentoring.validation.duration']);
    expect(errorsOf({ ...base, heldOn: daysFromToday(1) }).heldOn).toEqual(['mentoring.validation.future']);
    expect(errorsOf({ ...base, heldOn: daysFromToday(-3), action1Title: 'X', action1Owner: 'mentee', action1Due: daysFromToday(-4) }).action1Due).toEqual([
      'mentoring.validation.dueBeforeSession',
    ]);
    expect(SessionSchema.safeParse({ ...base, notes: 'x'.repeat(10_000) }).success).toBe(false);
    expect(SessionSchema.safeParse(base).success).toBe(true);
  });

  it('refuses the same bad input in the module too, writing nothing', async () => {
    const { m, id } = await activePair();
    const before = await counts();
    const s = { heldOn: today(), duration: 60, mode: 'video', topics: [], notes: '', actions: [] };
    await expect(logSession(id, m, { ...s, duration: 0 })).rejects.toMatchObject({ key: 'mentoring.validation.duration' });
    await expect(logSession(id, m, { ...s, duration: 721 })).rejects.toMatchObject({ key: 'mentoring.validation.duration' });
    await expect(logSession(id, m, { ...s, heldOn: daysFromToday(2) })).rejects.toMatchObject({ key: 'mentoring.validation.future' });
    await expect(logSession(id, m, { ...s, heldOn: daysFromToday(-2), actions: [{ title: 'x', owner: 'both', due: daysFromToday(-3) }] })).rejects.toMatchObject({
      key: 'mentoring.validation.dueBeforeSession',
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses logging on a closed mentorship', async () => {
    const { m, e, id } = await activePair();
    await transitionMentorship(id, e, 'close', { reflection: 'Done' });
    const before = await counts();
    await expect(logSession(id, m, { heldOn: today(), duration: 30, mode: 'video', topics: [], notes: '', actions: [] })).rejects.toMatchObject({
      key: 'mentoring.session.notWritable',
    });
    await expect(addGoal(id, m, 'Goal')).rejects.toMatchObject({ key: 'mentoring.session.notWritable' });
    expect(await counts()).toEqual(before);
  });

  it('lets only the author correct a session, within 30 days, and marks it edited', async () => {
    const { m, e, id } = await activePair();
    const s = { heldOn: today(), duration: 60, mode: 'video', topics: [], notes: 'first' };
    const sessionId = await logSession(id, m, { ...s, actions: [] });
    await expect(editSession(id, sessionId, e, { ...s, notes: 'hijack' })).rejects.toSatisfy((x: unknown) => x instanceof Response && x.status === 403);
    await editSession(id, sessionId, m, { ...s, duration: 90, notes: 'fixed' });
    const row = await db.selectFrom('mentoring_sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow();
    expect([row.duration_minutes, row.notes, row.edited_at !== null]).toEqual([90, 'fixed', true]);
    await db.updateTable('mentoring_sessions').set({ created_at: Date.now() - EDIT_WINDOW_MS - 1000 }).where('id', '=', sessionId).execute();
    await expect(editSession(id, sessionId, m, { ...s, notes: 'late' })).rejects.toMatchObject({ key: 'mentoring.session.editWindow' });
  });
});

describe('privacy: only the pair', () => {
  it('gives 404 to a third member and to a steward on every read and write, writing nothing', async () => {
    const { m, e, id } = await activePair();
    const sessionId = await logSession(id, m, {
      heldOn: today(),
      duration: 60,
      mode: 'video',
      topics: [],
      notes: 'private',
      actions: [{ title: 'Act', owner: 'mentee', due: daysFromToday(3) }],
    });
    const actionId = (await myOpenActions(e.id))[0]!.id;
    const goalId = await addGoal(id, e, 'Register as CIC');
    const outsider = await makeMember();
    const steward = await makeMember({ role: 'steward' });
    const before = await counts();
    for (const who of [outsider, steward]) {
      await expect404(participantView(id, who));
      await expect404(sessionView(id, sessionId, who));
      await expect404(logSession(id, who, { heldOn: today(), duration: 30, mode: 'video', topics: [], notes: '', actions: [] }));
      await expect404(confirmSession(id, sessionId, who, { rating: 5 }));
      await expect404(editSession(id, sessionId, who, { heldOn: today(), duration: 30, mode: 'video', topics: [], notes: '' }));
      await expect404(addGoal(id, who, 'x'));
      await expect404(updateGoal(id, who, goalId, 'achieved', 'x'));
      await expect404(addAction(id, who, { title: 'x', owner: 'both', due: daysFromToday(2) }));
      await expect404(setActionDone(actionId, who, true));
      await expect404(transitionMentorship(id, who, 'close', { reflection: 'x' }));
      expect(await myOpenActions(who.id)).toEqual([]);
      expect(await myRecord(who.id)).toEqual([]);
    }
    expect(await counts()).toEqual(before);
    // A session id from another mentorship cannot be read through this one.
    const other = await activePair();
    await expect404(sessionView(other.id, sessionId, other.m));
    const action = await db.selectFrom('mentoring_actions').select('done_at').where('id', '=', actionId).executeTakeFirstOrThrow();
    expect(action.done_at).toBeNull();
    const stewardNotes = await db.selectFrom('notifications').selectAll().where('user_id', 'in', [outsider.id, steward.id]).execute();
    expect(stewardNotes).toEqual([]);
  });

  it('keeps notes and reflections out of the own-record export', async () => {
    const { m, e, id } = await activePair();
    const sessionId = await logSession(id, m, { heldOn: today(), duration: 90, mode: 'video', topics: ['legal'], notes: 'TOPSECRET', actions: [] });
    await confirmSession(id, sessionId, e, { rating: 5, reflection: 'REFLECTED' });
    const goalId = await addGoal(id, e, 'Open a bank account');
    await updateGoal(id, e, goalId, 'achieved', 'NOTE');
    const record = await myRecord(e.id);
    expect(record).toHaveLength(1);
    expect(record[0]!.minutes).toBe(90);
    expect(record[0]!.goalsAchieved.map((g) => g.title)).toEqual(['Open a bank account']);
    const text = JSON.stringify(record);
    for (const secret of ['TOPSECRET', 'REFLECTED', 'NOTE']) expect(text).not.toContain(secret);
  });
});

// Reminders go at 08:00 UTC on the day before: run the scheduler nine hours ahead, so the test holds
// whatever the hour it runs at (it used to fail between midnight and 08:00 UTC).
const afterReminderTime = () => Date.now() + 9 * 60 * 60_000;

describe('action reminders', () => {
  it('reminds the owner one day before, once, even if the scheduler runs again or restarts', async () => {
    const { m, e, id } = await activePair();
    await logSession(id, m, {
      heldOn: today(),
      duration: 30,
      mode: 'video',
      topics: [],
      notes: '',
      actions: [
        { title: 'Tomorrow thing', owner: 'mentee', due: daysFromToday(1) },
        { title: 'Later thing', owner: 'both', due: daysFromToday(10) },
      ],
    });
    const remindersFor = async (userId: string) =>
      db.selectFrom('notifications').selectAll().where('user_id', '=', userId).where('kind', '=', 'mentoring.action_due').execute();
    await runDueJobs(afterReminderTime());
    await runDueJobs(afterReminderTime());
    const got = await remindersFor(e.id);
    expect(got).toHaveLength(1);
    expect(got[0]!.params).toBe(JSON.stringify({ date: daysFromToday(1) }));
    expect(got[0]!.params).not.toContain('Tomorrow');
    // …and by email, in the member's language, without the action's text.
    const mail = (await outbox(e.email)).filter((o) => o.kind === 'mentoring.action_due');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`Reminder: a mentoring action is due on ${daysFromToday(1)}`);
    expect(mail[0]!.text_body).not.toContain('Tomorrow thing');
    expect(await remindersFor(m.id)).toHaveLength(0);
    // Scheduling again (e.g. after a restart) does not queue a second reminder.
    const [first] = await myOpenActions(e.id);
    const jobsBefore = await db.selectFrom('jobs').select('id').where('kind', '=', REMINDER_JOB).execute();
    await scheduleActionReminder(first!.id, first!.dueOn!);
    const jobsAfter = await db.selectFrom('jobs').select('id').where('kind', '=', REMINDER_JOB).execute();
    expect(jobsAfter).toHaveLength(jobsBefore.length);
    await runDueJobs(afterReminderTime());
    expect(await remindersFor(e.id)).toHaveLength(1);
    // Nine days on, the later action's reminder goes to both sides.
    const later = Date.parse(`${daysFromToday(9)}T09:00:00Z`);
    await runDueJobs(later);
    expect(await remindersFor(m.id)).toHaveLength(1);
    expect(await remindersFor(e.id)).toHaveLength(2);
  });

  it('sends nothing for an action ticked off before its reminder', async () => {
    const { m, e, id } = await activePair();
    await logSession(id, m, { heldOn: today(), duration: 30, mode: 'video', topics: [], notes: '', actions: [{ title: 'Done early', owner: 'mentee', due: daysFromToday(6) }] });
    const [action] = await myOpenActions(e.id);
    await setActionDone(action!.id, e, true);
    await runDueJobs(Date.parse(`${daysFromToday(5)}T09:00:00Z`));
    const got = await db.selectFrom('notifications').selectAll().where('user_id', '=', e.id).where('kind', '=', 'mentoring.action_due').execute();
    expect(got).toEqual([]);
    expect(await myOpenActions(e.id)).toEqual([]);
  });
});

describe('timeline and "prepare for next session"', () => {
  it('puts sessions, goal changes and actions in one newest-first view, and summarises what is open', async () => {
    const { m, e, id } = await activePair();
    const goalId = await addGoal(id, e, 'Register as a CIC');
    await updateGoal(id, m, goalId, 'in_progress', 'Articles drafted');
    const done = await addGoal(id, e, 'Open a bank account');
    await updateGoal(id, e, done, 'achieved', '');
    await logSession(id, m, { heldOn: daysFromToday(-10), duration: 60, mode: 'video', topics: ['legal'], notes: '', actions: [] });
    await logSession(id, e, {
      heldOn: daysFromToday(-1),
      duration: 30,
      mode: 'phone',
      topics: ['governance', 'finance'],
      notes: '',
      actions: [{ title: 'Book the bank meeting', owner: 'mentee', due: daysFromToday(2) }],
    });
    const d = await mentorshipDetail(id);
    expect(d.prepare.lastSession?.topics).toEqual(['governance', 'finance']);
    expect(d.prepare.goalsInProgress.map((g) => g.title)).toEqual(['Register as a CIC']);
    expect(d.prepare.openActions.map((a) => a.title)).toEqual(['Book the bank meeting']);
    const kinds = new Set(d.timeline.map((i) => i.kind));
    expect([...kinds].sort()).toEqual(['action', 'event', 'goal', 'session']);
    for (let i = 1; i < d.timeline.length; i++) expect(d.timeline[i - 1]!.at).toBeGreaterThanOrEqual(d.timeline[i]!.at);
    expect(d.goals.find((g) => g.id === done)?.achieved_at).not.toBeNull();
  });
});
