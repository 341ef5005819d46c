import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { newId } from '~/modules/auth/tokens.server';
import { makeMember } from '../../../test/factories';
import { cellText, mentoringReport, mentoringTotals, reportCsvRows, type MentoringReport } from './report.server';
import { dayToMs } from './constants';
import { parsePeriod } from './periods';

/**
 * Hand-computed fixture, period 2026-01-01 … 2026-03-31:
 * - pairs 1–5 (mentees in Birmingham): one 60-min video session on 10 Jan about funding, rated 4 by the mentee;
 * - pair 6 (mentee in Coventry): two 90-min phone sessions on 5 Feb about legal, each rated 2;
 * - pair 1 again: one 30-min video session on 15 Mar about funding + finance, unrated;
 * - pair 2: one 120-min session on 20 Dec 2025 (outside the period);
 * - pair 7: accepted in June 2025 and closed in Nov 2025 (not active in the period);
 * - goals achieved in February by pairs 1–5; one more achieved in 2025 (outside).
 * Expected: 8 sessions, 8.5 hours, 6 active mentorships, 6 mentees, 5 goals, average rating 24/7 = 3.4.
 */
async function pair(city: string, opts: { acceptedAt: number; closedAt?: number }) {
  const mentor = await makeMember();
  const mentee = await makeMember();
  await db.updateTable('users').set({ city }).where('id', '=', mentee.id).execute();
  const id = newId();
  await db
    .insertInto('mentorships')
    .values({
      id,
      mentor_id: mentor.id,
      mentee_id: mentee.id,
      status: opts.closedAt ? 'closed' : 'active',
      requested_by: mentee.id,
      paired_by_steward: 0,
      goals: 'SECRET GOALS',
      frequency: 'monthly',
      mode: 'video',
      start_on: opts.acceptedAt,
      request_message: '',
      response_message: '',
      created_at: opts.acceptedAt,
      accepted_at: opts.acceptedAt,
      closed_at: opts.closedAt ?? null,
      updated_at: opts.acceptedAt,
    })
    .execute();
  return { id, mentor, mentee };
}

async function session(p: { id: string; mentee: { id: string } }, day: string, minutes: number, mode: string, topics: string[], rating: number | null) {
  await db
    .insertInto('mentoring_sessions')
    .values({
      id: newId(),
      mentorship_id: p.id,
      author_id: null,
      held_on: dayToMs(day),
      duration_minutes: minutes,
      mode,
      topics: JSON.stringify(topics),
      notes: 'SECRET NOTE',
      created_at: dayToMs(day),
      confirmed_at: rating ? dayToMs(day) : null,
      confirmed_by: rating ? p.mentee.id : null,
      reflection: rating ? 'SECRET REFLECTION' : null,
      rating,
    })
    .execute();
}

async function goal(p: { id: string }, achievedOn: string) {
  await db
    .insertInto('mentoring_goals')
    .values({ id: newId(), mentorship_id: p.id, title: 'SECRET GOAL', status: 'achieved', created_by: null, created_at: dayToMs(achievedOn), updated_at: dayToMs(achievedOn), achieved_at: dayToMs(achievedOn) })
    .execute();
}

function everyCount(report: MentoringReport): (number | null)[] {
  const t = report.totals;
  return [t.activeMentorships, t.menteesSupported, t.sessions, t.goalsAchieved, ...[...report.byMonth, ...report.byTopic, ...report.byMode, ...report.byCity].map((r) => r.sessions)];
}

describe('mentoring report', () => {
  it('matches the hand-computed totals and suppresses every small cell', async () => {
    const accepted = dayToMs('2025-12-01');
    const pairs = [];
    for (let i = 0; i < 5; i++) pairs.push(await pair('birmingham', { acceptedAt: accepted }));
    const coventry = await pair('coventry', { acceptedAt: accepted });
    const old = await pair('wolverhampton', { acceptedAt: dayToMs('2025-06-01'), closedAt: dayToMs('2025-11-30') });
    for (const p of pairs) await session(p, '2026-01-10', 60, 'video', ['funding'], 4);
    await session(coventry, '2026-02-05', 90, 'phone', ['legal'], 2);
    await session(coventry, '2026-02-05', 90, 'phone', ['legal'], 2);
    await session(pairs[0]!, '2026-03-15', 30, 'video', ['funding', 'finance'], null);
    await session(pairs[1]!, '2025-12-20', 120, 'video', ['funding'], 5);
    await session(old, '2025-10-01', 60, 'video', ['funding'], 5);
    for (const p of pairs) await goal(p, '2026-02-20');
    await goal(coventry, '2025-12-24');

    const report = await mentoringReport(parsePeriod('2026-Q1')!);
    expect(report.totals).toEqual({ activeMentorships: 6, menteesSupported: 6, sessions: 8, hours: 8.5, goalsAchieved: 5, averageRating: 3.4 });
    expect(report.byMonth).toEqual([
      { key: '2026-01', sessions: 5, hours: 5 },
      { key: '2026-02', sessions: null, hours: null },
      { key: '2026-03', sessions: null, hours: null },
    ]);
    expect(report.byTopic.find((r) => r.key === 'funding')).toEqual({ key: 'funding', sessions: 6, hours: 5.5 });
    expect(report.byTopic.find((r) => r.key === 'legal')).toEqual({ key: 'legal', sessions: null, hours: null });
    expect(report.byTopic.find((r) => r.key === 'finance')).toEqual({ key: 'finance', sessions: null, hours: null });
    expect(report.byMode).toEqual([
      { key: 'in_person', sessions: null, hours: null },
      { key: 'phone', sessions: null, hours: null },
      { key: 'video', sessions: 6, hours: 5.5 },
      { key: 'message', sessions: null, hours: null },
    ]);
    expect(report.byCity.find((r) => r.key === 'birmingham')).toEqual({ key: 'birmingham', sessions: 6, hours: 5.5 });
    expect(report.byCity.find((r) => r.key === 'coventry')).toEqual({ key: 'coventry', sessions: null, hours: null });

    for (const value of everyCount(report)) expect(value === null || value >= 5).toBe(true);

    const csv = reportCsvRows(report, (k) => k);
    const text = JSON.stringify(csv);
    expect(text).not.toMatch(/SECRET/);
    for (const p of [...pairs, coventry]) {
      expect(text).not.toContain(p.mentor.name);
      expect(text).not.toContain(p.mentee.name);
    }
    // Counts in the CSV are "<5" or at least 5.
    for (const row of csv.slice(2)) {
      const count = row[2]!;
      if (/^\d+$/.test(count)) expect(Number(count)).toBeGreaterThanOrEqual(5);
    }
    expect(csv.find((r) => r[1] === 'mentoring.topics.legal')).toEqual(['mentoring.report.byTopic', 'mentoring.topics.legal', '<5', '<5']);

    const totals = await mentoringTotals({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-03-31T00:00:00Z') });
    expect(totals.sessions).toBe(8);
    expect(totals.hours).toBe(8.5);
    expect(totals.activeMentorships).toBe(6);
    expect(totals.byCity.find((c) => c.city === 'birmingham')).toEqual({ city: 'birmingham', sessions: 6, hours: 5.5 });
    expect(totals.byCity.find((c) => c.city === 'coventry')).toEqual({ city: 'coventry', sessions: null, hours: null });
  });

  it('shows "<5" for everything when fewer than five people are involved', async () => {
    const lonely = await pair('wolverhampton', { acceptedAt: dayToMs('2024-01-01') });
    for (let i = 1; i <= 9; i++) await session(lonely, `2024-02-0${i}`, 60, 'in_person', ['wellbeing'], 5);
    const report = await mentoringReport(parsePeriod('FY2023')!);
    // 9 sessions, but only 2 people stand behind them.
    expect(report.totals.sessions).toBeNull();
    expect(report.totals.hours).toBeNull();
    expect(report.totals.averageRating).toBeNull();
    expect(report.totals.activeMentorships).toBeNull();
    expect(everyCount(report).every((v) => v === null)).toBe(true);
    expect(cellText(null)).toBe('<5');
  });
});
