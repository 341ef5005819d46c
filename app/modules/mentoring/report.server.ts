import { db } from '~db/connection';
import { CITIES } from '~/modules/members/reference';
import { DAY_MS, MODES, TOPICS, dayToMs, msToDay, todayISO } from './constants';
import { parseTopics } from './sessions.server';
import { SUPPRESS_BELOW, cellText, type Cell, type Row } from './cells';

export { SUPPRESS_BELOW, cellText, type Cell, type Row };

/**
 * Totals for stewards and funders. Nothing here names a person, a pairing, a note or a reflection.
 * Every count goes through small-number suppression (see ./cells).
 */
export interface MentoringReport {
  from: string;
  to: string;
  totals: {
    activeMentorships: Cell;
    menteesSupported: Cell;
    sessions: Cell;
    hours: Cell;
    goalsAchieved: Cell;
    averageRating: Cell;
  };
  byMonth: Row[];
  byTopic: Row[];
  byMode: Row[];
  byCity: Row[];
}

function shown(count: number, people: number): Cell {
  return count < SUPPRESS_BELOW || people < SUPPRESS_BELOW ? null : count;
}

function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 10) / 10;
}

interface SessionFact {
  heldOn: number;
  minutes: number;
  mode: string;
  topics: string[];
  rating: number | null;
  raterId: string | null;
  mentorId: string;
  menteeId: string;
  city: string | null;
}

function row(key: string, items: SessionFact[]): Row {
  const people = new Set(items.flatMap((s) => [s.mentorId, s.menteeId])).size;
  const sessions = shown(items.length, people);
  return { key, sessions, hours: sessions === null ? null : hoursOf(items.reduce((sum, s) => sum + s.minutes, 0)) };
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (let i = 0; i < 120; i++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) break;
    out.push(key);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The default period: the last 12 months up to today. */
export function defaultPeriod(now = Date.now()): { from: string; to: string } {
  const to = todayISO(now);
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return { from: msToDay(d.getTime()), to };
}

/** Period from query values; swaps a reversed range and falls back to the default. */
export function normalisePeriod(from?: string, to?: string): { from: string; to: string } {
  const fallback = defaultPeriod();
  const f = from && !Number.isNaN(dayToMs(from)) ? from : fallback.from;
  const t = to && !Number.isNaN(dayToMs(to)) ? to : fallback.to;
  return f <= t ? { from: f, to: t } : { from: t, to: f };
}

export async function mentoringReport(period: { from: string; to: string }): Promise<MentoringReport> {
  const fromMs = dayToMs(period.from);
  const toEnd = dayToMs(period.to) + DAY_MS - 1;

  const sessionRows = await db
    .selectFrom('mentoring_sessions')
    .innerJoin('mentorships', 'mentorships.id', 'mentoring_sessions.mentorship_id')
    .innerJoin('users as mentee', 'mentee.id', 'mentorships.mentee_id')
    .select([
      'mentoring_sessions.held_on',
      'mentoring_sessions.duration_minutes',
      'mentoring_sessions.mode',
      'mentoring_sessions.topics',
      'mentoring_sessions.rating',
      'mentoring_sessions.confirmed_by',
      'mentorships.mentor_id',
      'mentorships.mentee_id',
      'mentee.city',
    ])
    .where('mentoring_sessions.held_on', '>=', fromMs)
    .where('mentoring_sessions.held_on', '<=', toEnd)
    .execute();
  const facts: SessionFact[] = sessionRows.map((r) => ({
    heldOn: r.held_on,
    minutes: r.duration_minutes,
    mode: r.mode,
    topics: parseTopics(r.topics),
    rating: r.rating,
    raterId: r.confirmed_by,
    mentorId: r.mentor_id,
    menteeId: r.mentee_id,
    city: r.city,
  }));

  const mentorships = await db
    .selectFrom('mentorships')
    .select(['mentor_id', 'mentee_id'])
    .where('accepted_at', 'is not', null)
    .where('accepted_at', '<=', toEnd)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', fromMs)]))
    .execute();
  const mentorshipPeople = new Set(mentorships.flatMap((m) => [m.mentor_id, m.mentee_id])).size;

  const goals = await db
    .selectFrom('mentoring_goals')
    .innerJoin('mentorships', 'mentorships.id', 'mentoring_goals.mentorship_id')
    .select(['mentorships.mentor_id', 'mentorships.mentee_id'])
    .where('mentoring_goals.status', '=', 'achieved')
    .where('mentoring_goals.achieved_at', '>=', fromMs)
    .where('mentoring_goals.achieved_at', '<=', toEnd)
    .execute();
  const goalPeople = new Set(goals.flatMap((g) => [g.mentor_id, g.mentee_id])).size;

  const rated = facts.filter((f) => f.rating !== null);
  const raters = new Set(rated.map((f) => f.raterId)).size;
  const averageRating =
    rated.length < SUPPRESS_BELOW || raters < SUPPRESS_BELOW ? null : Math.round((rated.reduce((s, f) => s + (f.rating ?? 0), 0) / rated.length) * 10) / 10;

  const mentees = new Set(facts.map((f) => f.menteeId)).size;
  const all = row('all', facts);

  return {
    from: period.from,
    to: period.to,
    totals: {
      activeMentorships: shown(mentorships.length, mentorshipPeople),
      menteesSupported: shown(mentees, mentees),
      sessions: all.sessions,
      hours: all.hours,
      goalsAchieved: shown(goals.length, goalPeople),
      averageRating,
    },
    byMonth: monthsBetween(period.from, period.to).map((month) => row(month, facts.filter((f) => msToDay(f.heldOn).startsWith(month)))),
    byTopic: TOPICS.map((topic) => row(topic, facts.filter((f) => f.topics.includes(topic)))),
    byMode: MODES.map((mode) => row(mode, facts.filter((f) => f.mode === mode))),
    byCity: [...CITIES, 'unknown'].map((city) =>
      row(city, facts.filter((f) => (city === 'unknown' ? !f.city || !(CITIES as readonly string[]).includes(f.city) : f.city === city))),
    ),
  };
}

/**
 * For the governance area's CIC34 report: the same suppressed totals. A null is "<5" (withheld).
 * `from`/`to` are dates or ms; the range is inclusive of both days.
 */
export async function mentoringTotals({ from, to }: { from: Date | number; to: Date | number }): Promise<{
  sessions: Cell;
  hours: Cell;
  activeMentorships: Cell;
  byCity: { city: string; sessions: Cell; hours: Cell }[];
}> {
  const ms = (d: Date | number) => (typeof d === 'number' ? d : d.getTime());
  const report = await mentoringReport({ from: msToDay(ms(from)), to: msToDay(ms(to)) });
  return {
    sessions: report.totals.sessions,
    hours: report.totals.hours,
    activeMentorships: report.totals.activeMentorships,
    byCity: report.byCity.map((r) => ({ city: r.key, sessions: r.sessions, hours: r.hours })),
  };
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The report as CSV rows (same suppression as the page): section, item, sessions, hours / value. */
export function reportCsvRows(report: MentoringReport, t: Translate): string[][] {
  const rows: string[][] = [
    [t('mentoring.report.csv.section'), t('mentoring.report.csv.item'), t('mentoring.report.sessions'), t('mentoring.report.hours')],
    [t('mentoring.report.csv.period'), `${report.from} – ${report.to}`, '', ''],
    [t('mentoring.report.totalsTitle'), t('mentoring.report.activeMentorships'), cellText(report.totals.activeMentorships), ''],
    [t('mentoring.report.totalsTitle'), t('mentoring.report.menteesSupported'), cellText(report.totals.menteesSupported), ''],
    [t('mentoring.report.totalsTitle'), t('mentoring.report.sessions'), cellText(report.totals.sessions), cellText(report.totals.hours)],
    [t('mentoring.report.totalsTitle'), t('mentoring.report.goalsAchieved'), cellText(report.totals.goalsAchieved), ''],
    [t('mentoring.report.totalsTitle'), t('mentoring.report.averageRating'), report.totals.averageRating === null ? t('mentoring.report.tooFewRatings') : String(report.totals.averageRating), ''],
  ];
  const section = (title: string, items: Row[], label: (key: string) => string) => {
    for (const r of items) rows.push([title, label(r.key), cellText(r.sessions), cellText(r.hours)]);
  };
  section(t('mentoring.report.byMonth'), report.byMonth, (k) => k);
  section(t('mentoring.report.byTopic'), report.byTopic, (k) => t(`mentoring.topics.${k}`));
  section(t('mentoring.report.byMode'), report.byMode, (k) => t(`mentoring.modes.${k}`));
  section(t('mentoring.report.byCity'), report.byCity, (k) => (k === 'unknown' ? t('mentoring.report.cityUnknown') : t(`common.cities.${k}`)));
  return rows;
}
