import { db } from '~db/connection';
import { CITIES } from '~/modules/members/reference';
import { DAY_MS, MODES, TOPICS, dayToMs, msToDay, todayISO } from './constants';
import { suppress, type CellFacts, type Relation } from './disclosure';
import { choosablePeriods, defaultPeriodKey, financialYearOf, monthsOf, parsePeriod, periodLattice, quartersOf, type Period, type PeriodKind } from './periods';
import { parseTopics } from './sessions.server';
import { SUPPRESS_BELOW, cellText, type Cell, type Row } from './cells';

export { SUPPRESS_BELOW, cellText, type Cell, type Row };

/**
 * Totals for stewards and funders. Nothing here names a person, a pairing, a note or a reflection.
 * Every count goes through small-number suppression (see ./cells).
 */
export interface MentoringReport {
  period: string;
  kind: PeriodKind;
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
  /** The fixed periods a steward may pick (no free date windows: they could be subtracted). */
  choices: Period[];
}

function shown(count: number, people: number): Cell {
  return count < SUPPRESS_BELOW || people < SUPPRESS_BELOW ? null : count;
}

function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 10) / 10;
}

export interface SessionFact {
  day: string;
  minutes: number;
  mode: string;
  topics: string[];
  rating: number | null;
  raterId: string | null;
  mentorId: string;
  menteeId: string;
  city: string | null;
}

const CITY_KEYS = [...CITIES, 'unknown'] as const;
const cityKey = (city: string | null) => (city && (CITIES as readonly string[]).includes(city) ? city : 'unknown');

/** The rows every period publishes; each is a cell per period in the lattice. */
const ROWS = ['total', ...MODES.map((m) => `mode:${m}`), ...CITY_KEYS.map((c) => `city:${c}`), ...TOPICS.map((t) => `topic:${t}`), 'goals'];

function rowsOf(f: SessionFact): string[] {
  return ['total', `mode:${f.mode}`, `city:${cityKey(f.city)}`, ...f.topics.map((t) => `topic:${t}`)];
}

const cellId = (period: string, row: string) => `${period}|${row}`;

/** The additive relations between cells: time nesting per row, and modes/cities summing to the total. */
export function reportRelations(lattice: Period[]): Relation[] {
  const relations: Relation[] = [];
  for (const p of lattice) {
    const children = p.kind === 'year' ? quartersOf(Number(p.key.slice(2))) : p.kind === 'quarter' ? monthsOf(p) : [];
    if (children.length) for (const row of ROWS) relations.push({ total: cellId(p.key, row), parts: children.map((c) => cellId(c.key, row)) });
    relations.push({ total: cellId(p.key, 'total'), parts: MODES.map((m) => cellId(p.key, `mode:${m}`)) });
    relations.push({ total: cellId(p.key, 'total'), parts: CITY_KEYS.map((c) => cellId(p.key, `city:${c}`)) });
  }
  return relations;
}

interface Grid {
  lattice: Period[];
  cells: Map<string, CellFacts & { minutes: number }>;
  hidden: Set<string>;
}

/** Counts every row for every period of the lattice, then decides once what may be published. */
export function buildGrid(facts: SessionFact[], goals: { day: string; mentorId: string; menteeId: string }[], firstYear: number, lastYear: number): Grid {
  const lattice = periodLattice(firstYear, lastYear);
  const acc = new Map<string, { count: number; minutes: number; people: Set<string> }>();
  const add = (period: string, row: string, minutes: number, people: string[]) => {
    const id = cellId(period, row);
    const c = acc.get(id) ?? { count: 0, minutes: 0, people: new Set<string>() };
    c.count += 1;
    c.minutes += minutes;
    for (const x of people) c.people.add(x);
    acc.set(id, c);
  };
  const periodsOf = (day: string) => lattice.filter((p) => p.from <= day && day <= p.to).map((p) => p.key);
  for (const f of facts) for (const period of periodsOf(f.day)) for (const row of rowsOf(f)) add(period, row, f.minutes, [f.mentorId, f.menteeId]);
  for (const g of goals) for (const period of periodsOf(g.day)) add(period, 'goals', 0, [g.mentorId, g.menteeId]);
  const cells = new Map<string, CellFacts & { minutes: number }>();
  for (const p of lattice) {
    for (const row of ROWS) {
      const c = acc.get(cellId(p.key, row));
      cells.set(cellId(p.key, row), { count: c?.count ?? 0, people: c?.people.size ?? 0, minutes: c?.minutes ?? 0 });
    }
  }
  return { lattice, cells, hidden: suppress(cells, reportRelations(lattice)) };
}

function publishedRow(grid: Grid, period: string, row: string, key = row): Row {
  const id = cellId(period, row);
  const c = grid.cells.get(id);
  if (!c || grid.hidden.has(id)) return { key, sessions: null, hours: null };
  return { key, sessions: c.count, hours: hoursOf(c.minutes) };
}

async function loadFacts(): Promise<SessionFact[]> {
  const rows = await db
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
    .execute();
  return rows.map((r) => ({
    day: msToDay(r.held_on),
    minutes: r.duration_minutes,
    mode: r.mode,
    topics: parseTopics(r.topics),
    rating: r.rating,
    raterId: r.confirmed_by,
    mentorId: r.mentor_id,
    menteeId: r.mentee_id,
    city: r.city,
  }));
}

/** The period from a query value, or the default (the last ended financial year). */
export function periodFromQuery(key: string | null | undefined): Period {
  return parsePeriod(key?.slice(0, 10)) ?? parsePeriod(defaultPeriodKey())!;
}

/** The report for one fixed period (a month, a calendar quarter or a UK financial year). */
export async function mentoringReport(period: Period): Promise<MentoringReport> {
  const fromMs = dayToMs(period.from);
  const toEnd = dayToMs(period.to) + DAY_MS - 1;
  const all = await loadFacts();
  const goalRows = await db
    .selectFrom('mentoring_goals')
    .innerJoin('mentorships', 'mentorships.id', 'mentoring_goals.mentorship_id')
    .select(['mentorships.mentor_id', 'mentorships.mentee_id', 'mentoring_goals.achieved_at'])
    .where('mentoring_goals.status', '=', 'achieved')
    .where('mentoring_goals.achieved_at', 'is not', null)
    .execute();
  const goals = goalRows.map((g) => ({ day: msToDay(g.achieved_at!), mentorId: g.mentor_id, menteeId: g.mentee_id }));
  const today = todayISO();
  const days = [...all.map((f) => f.day), ...goals.map((g) => g.day), period.from, today];
  const firstYear = Math.min(...days.map(financialYearOf));
  const lastYear = Math.max(financialYearOf(today), financialYearOf(period.to));
  const grid = buildGrid(all, goals, firstYear, lastYear);

  const facts = all.filter((f) => f.day >= period.from && f.day <= period.to);
  const mentorships = await db
    .selectFrom('mentorships')
    .select(['mentor_id', 'mentee_id'])
    .where('accepted_at', 'is not', null)
    .where('accepted_at', '<=', toEnd)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', fromMs)]))
    .execute();
  const mentorshipPeople = new Set(mentorships.flatMap((m) => [m.mentor_id, m.mentee_id])).size;
  const rated = facts.filter((f) => f.rating !== null);
  const raters = new Set(rated.map((f) => f.raterId)).size;
  const averageRating =
    rated.length < SUPPRESS_BELOW || raters < SUPPRESS_BELOW ? null : Math.round((rated.reduce((s, f) => s + (f.rating ?? 0), 0) / rated.length) * 10) / 10;
  const mentees = new Set(facts.map((f) => f.menteeId)).size;
  const total = publishedRow(grid, period.key, 'total', 'all');
  const goalsCell = publishedRow(grid, period.key, 'goals');

  return {
    period: period.key,
    kind: period.kind,
    from: period.from,
    to: period.to,
    totals: {
      activeMentorships: shown(mentorships.length, mentorshipPeople),
      menteesSupported: shown(mentees, mentees),
      sessions: total.sessions,
      hours: total.hours,
      goalsAchieved: goalsCell.sessions,
      averageRating,
    },
    byMonth: monthsOf(period).map((m) => publishedRow(grid, m.key, 'total', m.key)),
    byTopic: TOPICS.map((topic) => publishedRow(grid, period.key, `topic:${topic}`, topic)),
    byMode: MODES.map((mode) => publishedRow(grid, period.key, `mode:${mode}`, mode)),
    byCity: CITY_KEYS.map((city) => publishedRow(grid, period.key, `city:${city}`, city)),
    choices: choosablePeriods(firstYear, today).map((p) => ({ key: p.key, kind: p.kind, from: p.from, to: p.to })),
  };
}

/**
 * The fixed period with exactly these bounds; otherwise the financial year `from` falls in (a CIC's
 * reporting year is normally its financial year). Only fixed periods are ever published.
 */
export function fixedPeriod(from: string, to: string): Period {
  const fy = financialYearOf(from);
  const candidates = [...periodLattice(fy, fy)];
  return candidates.find((p) => p.from === from && p.to === to) ?? parsePeriod(`FY${fy}`)!;
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
  const report = await mentoringReport(fixedPeriod(msToDay(ms(from)), msToDay(ms(to))));
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
    [t('mentoring.report.csv.period'), `${report.period}: ${report.from} – ${report.to}`, '', ''],
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
