import { dateTimeFormat } from '~/utils/intl';
/**
 * Calendar dates without a time of day ("2026-12-02": a session held on, an action due by, a deadline
 * day). One helper for the whole app, safe in the browser (no zod, no server imports).
 *
 * Stored as milliseconds at **UTC midnight** of that day, and always read and shown in UTC, so the day
 * never shifts with the reader's or the server's time zone. `msToDateOnly` also reads values stored at
 * noon UTC (governance and bids did that), so areas can switch to this helper without migrating data.
 * Shown in the reader's own calendar (Solar Hijri in Farsi) via Intl; `<input type="date">` is always
 * Gregorian, so forms echo the chosen day back in the reader's calendar (`DateOnlyField`).
 */

export type DateOnly = string;

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const DAY_MS = 24 * 60 * 60_000;
/** The network's own time zone: "today" is a London day. */
export const NETWORK_TIME_ZONE = 'Europe/London';

/** Whether a value is a real calendar day in YYYY-MM-DD form (2026-02-30 is not). */
export function isDateOnly(value: unknown): value is DateOnly {
  if (typeof value !== 'string') return false;
  const m = SHAPE.exec(value);
  if (!m) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** 'YYYY-MM-DD' → ms at UTC midnight; NaN when it is not a real day. */
export function dateOnlyToMs(day: string): number {
  return isDateOnly(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
}

/** ms (stored at UTC midnight or noon) → 'YYYY-MM-DD'. */
export function msToDateOnly(ms: number): DateOnly {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Today in the network's time zone, as 'YYYY-MM-DD'. */
export function todayDateOnly(now: number = Date.now(), timeZone: string = NETWORK_TIME_ZONE): DateOnly {
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(day: DateOnly, days: number): DateOnly {
  return msToDateOnly(dateOnlyToMs(day) + days * DAY_MS);
}

/** A day in the reader's language and calendar, without shifting it (read in UTC). */
export function formatDateOnly(day: DateOnly | number, locale: string, style: 'medium' | 'long' | 'full' = 'medium'): string {
  const ms = typeof day === 'number' ? day : dateOnlyToMs(day);
  if (Number.isNaN(ms)) return '';
  return dateTimeFormat(locale || 'en', { dateStyle: style, timeZone: 'UTC' }).format(ms);
}

/** Whether the reader's language shows dates in another calendar than the Gregorian date inputs use. */
export function usesOtherCalendar(locale: string): boolean {
  return dateTimeFormat(locale || 'en').resolvedOptions().calendar !== 'gregory';
}
