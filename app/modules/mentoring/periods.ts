/**
 * The fixed periods the mentoring report offers (issue 16.5). Free date windows let anyone subtract two
 * reports ("July–August 9, July 5, so August was 4"); fixed periods nest — months inside calendar
 * quarters inside UK financial years (1 April – 31 March) — so every way two reports overlap is known,
 * and ./disclosure.ts can suppress so that no combination gives a hidden cell away.
 * Client-safe (no zod, no server imports): the report page builds its period picker from it.
 */
import { addDays, msToDateOnly, todayDateOnly } from '~/utils/date-only';

export type PeriodKind = 'month' | 'quarter' | 'year';

export interface Period {
  /** "2026-07" (month), "2026-Q3" (calendar quarter), "FY2026" (1 April 2026 – 31 March 2027). */
  key: string;
  kind: PeriodKind;
  /** First and last day, inclusive ('YYYY-MM-DD'). */
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(y: number, m: number): string {
  return msToDateOnly(Date.UTC(y, m, 0));
}

export function monthPeriod(y: number, m: number): Period {
  return { key: `${y}-${pad(m)}`, kind: 'month', from: `${y}-${pad(m)}-01`, to: lastDayOfMonth(y, m) };
}

export function quarterPeriod(y: number, q: number): Period {
  const first = (q - 1) * 3 + 1;
  return { key: `${y}-Q${q}`, kind: 'quarter', from: `${y}-${pad(first)}-01`, to: lastDayOfMonth(y, first + 2) };
}

/** UK financial year starting 1 April of `y`. */
export function yearPeriod(y: number): Period {
  return { key: `FY${y}`, kind: 'year', from: `${y}-04-01`, to: `${y + 1}-03-31` };
}

/** The period a key names, or null for anything else (a free window is not a period). */
export function parsePeriod(key: string | null | undefined): Period | null {
  if (!key) return null;
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return monthPeriod(Number(m[1]), Number(m[2]));
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return quarterPeriod(Number(m[1]), Number(m[2]));
  m = /^FY(\d{4})$/.exec(key);
  if (m) return yearPeriod(Number(m[1]));
  return null;
}

/** The financial year a day falls in (its starting calendar year). */
export function financialYearOf(day: string): number {
  const y = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 4 ? y : y - 1;
}

/** The months of a period, in order. */
export function monthsOf(p: Period): Period[] {
  const out: Period[] = [];
  let y = Number(p.from.slice(0, 4));
  let m = Number(p.from.slice(5, 7));
  while (`${y}-${pad(m)}-01` <= p.to) {
    out.push(monthPeriod(y, m));
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The quarters of a financial year: Apr–Jun, Jul–Sep, Oct–Dec of `y`, Jan–Mar of `y + 1`. */
export function quartersOf(fy: number): Period[] {
  return [quarterPeriod(fy, 2), quarterPeriod(fy, 3), quarterPeriod(fy, 4), quarterPeriod(fy + 1, 1)];
}

/**
 * Every period of the financial years from `firstYear` to `lastYear`, years first, then quarters, then
 * months: the whole lattice the report publishes from, so suppression is decided once for all of it.
 */
export function periodLattice(firstYear: number, lastYear: number): Period[] {
  const years: Period[] = [];
  const quarters: Period[] = [];
  const months: Period[] = [];
  for (let y = firstYear; y <= lastYear; y++) {
    years.push(yearPeriod(y));
    for (const q of quartersOf(y)) {
      quarters.push(q);
      months.push(...monthsOf(q));
    }
  }
  return [...years, ...quarters, ...months];
}

/** Periods a steward can pick: those that have begun, newest first within each kind. */
export function choosablePeriods(firstYear: number, today = todayDateOnly()): Period[] {
  const lastYear = financialYearOf(today);
  return periodLattice(firstYear, lastYear)
    .filter((p) => p.from <= today)
    .sort((a, b) => (a.kind === b.kind ? b.from.localeCompare(a.from) : 0));
}

/** The default: the current financial year (so far) — what a steward reporting to a funder needs. */
export function defaultPeriodKey(today = todayDateOnly()): string {
  return `FY${financialYearOf(today)}`;
}

/** The day after a period (its end, exclusive). */
export function dayAfter(p: Period): string {
  return addDays(p.to, 1);
}
