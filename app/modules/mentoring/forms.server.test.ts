import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import type { SessionUser } from '~/modules/auth/session.server';
import { requestMentoring, transitionMentorship } from './mentorships.server';
import { confirmSession, logSession, sessionView } from './sessions.server';
import { addAction, myOpenActions } from './actions.server';
import { ActionSchema, ConfirmSchema, SessionSchema } from './mentoring.schema';
import { myRecord } from './record.server';
import { formatDateOnly, isDateOnly, msToDateOnly, usesOtherCalendar } from '~/utils/date-only';
import en from '~/locales/en/mentoring.json';
import fa from '~/locales/fa/mentoring.json';

async function activePair(startOn = '2026-11-01') {
  const m = await makeMember({ name: 'Mentor' });
  await db.updateTable('users').set({ is_mentor: 1 }).where('id', '=', m.id).execute();
  const mentor: SessionUser = { ...m, isMentor: true };
  const e = await makeMember({ name: 'Mentee' });
  const id = await requestMentoring(e, { goals: 'First bid', frequency: 'monthly', mode: 'video', startOn, mentorId: mentor.id });
  await transitionMentorship(id, mentor, 'accept', { message: 'Yes' });
  return { m: mentor, e, id };
}

describe('mentoring forms (issue 13.5)', () => {
  it('takes an action without a "by when" date, and stores no date and no reminder for it', async () => {
    const parsed = ActionSchema.safeParse({ intent: 'add-action', title: 'Call the funder', owner: 'mentee', due: '' });
    expect(parsed.success).toBe(true);
    const { id, e } = await activePair();
    const actionId = await addAction(id, e, { title: 'Call the funder', owner: 'mentee', due: parsed.success ? parsed.data.due : 'x' });
    const row = await db.selectFrom('mentoring_actions').select(['due_on']).where('id', '=', actionId).executeTakeFirstOrThrow();
    expect(row.due_on).toBeNull();
    expect(await db.selectFrom('jobs').selectAll().where('unique_key', 'like', `%${actionId}%`).execute()).toEqual([]);
    expect((await myOpenActions(e.id)).find((a) => a.id === actionId)).toMatchObject({ dueOn: null, due: null });
  });

  it('logs a session whose agreed action has no date', async () => {
    const parsed = SessionSchema.safeParse({ heldOn: '2026-11-20', duration: '60', mode: 'video', action1Title: 'Draft budget', action1Owner: 'mentee', action1Due: '' });
    expect(parsed.success).toBe(true);
    const { id, m } = await activePair();
    if (!parsed.success) return;
    expect(parsed.data.actions).toEqual([{ title: 'Draft budget', owner: 'mentee', due: undefined }]);
    await logSession(id, m, parsed.data);
    expect(await db.selectFrom('mentoring_actions').select('due_on').where('mentorship_id', '=', id).execute()).toEqual([{ due_on: null }]);
  });

  it('explains a wrong date without an ISO example, in every language', () => {
    const bad = ActionSchema.safeParse({ intent: 'add-action', title: 'x', owner: 'mentee', due: '2026-02-30' });
    expect(bad.success).toBe(false);
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual(['mentoring.validation.date']);
    for (const catalogue of [en, fa]) expect(catalogue.validation.date).not.toMatch(/\d{4}-\d{2}-\d{2}|[۰-۹]{4}/);
  });

  it('confirms a session without a rating', async () => {
    const parsed = ConfirmSchema.safeParse({ intent: 'confirm', reflection: 'Useful' });
    expect(parsed.success).toBe(true);
    const { id, m, e } = await activePair();
    const sessionId = await logSession(id, m, { heldOn: '2026-11-20', duration: 45, mode: 'video', topics: [], notes: 'Private', actions: [] });
    await confirmSession(id, sessionId, e, { reflection: 'Useful' });
    const view = await sessionView(id, sessionId, e);
    expect(view.session.confirmed_at).not.toBeNull();
    expect(view.session.rating).toBeNull();
  });

  it('dates the record from the first session when it came before the agreed start', async () => {
    const { id, m, e } = await activePair('2026-12-07');
    await logSession(id, m, { heldOn: '2026-12-02', duration: 60, mode: 'video', topics: [], notes: '', actions: [] });
    const [record] = await myRecord(e.id);
    expect(msToDateOnly(record!.since)).toBe('2026-12-02');
  });

  it('shows a chosen Gregorian day back in the Solar Hijri calendar for Farsi readers', () => {
    expect(usesOtherCalendar('fa')).toBe(true);
    expect(usesOtherCalendar('en')).toBe(false);
    expect(formatDateOnly('2026-12-02', 'fa', 'long')).toBe('۱۱ آذر ۱۴۰۵');
    // The day does not shift, whatever the time zone: 2 December stays 2 December.
    expect(formatDateOnly('2026-12-02', 'en-GB', 'long')).toBe('2 December 2026');
    expect(isDateOnly('2026-02-30')).toBe(false);
    expect(msToDateOnly(Date.parse('2026-12-02T12:00:00Z'))).toBe('2026-12-02');
  });
});
