import { dateOnlyToMs, msToDateOnly } from '~/utils/date-only';
import { dateTimeFormat } from '~/utils/intl';

/**
 * Date fields in governance forms (review dates, directors' terms, the register of members) are the
 * app's one date-only helper (~/utils/date-only): stored at UTC midnight. Values stored earlier at
 * noon UTC read back as the same day, so nothing needed migrating. No zod: safe in route components.
 */
export const dateInputToMs = dateOnlyToMs;
export const msToDateInput = msToDateOnly;

const UK_DATE = dateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The calendar date (y, m 1–12, d) and time in the UK at an instant. */
function ukParts(ms: number): { y: number; m: number; d: number; h: number; min: number } {
  const parts = Object.fromEntries(UK_DATE.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day), h: Number(parts.hour), min: Number(parts.minute) };
}

/** The instant of 00:00 UK time (GMT or BST, whichever applies) at the start of a UK calendar day. */
export function ukMidnight(y: number, m: number, d: number): number {
  const utc = Date.UTC(y, m - 1, d);
  // UK midnight is 00:00 UTC in winter and 23:00 UTC the day before in summer.
  for (const candidate of [utc, utc - 60 * 60_000]) {
    const p = ukParts(candidate);
    if (p.h === 0 && p.min === 0 && p.d === new Date(utc).getUTCDate()) return candidate;
  }
  return utc;
}

/** Days a written resolution stays open at most (Companies Act 2006 s297(1)(b), when the articles set none). */
export const WRITTEN_LAPSE_DAYS = 28;

/**
 * When a written resolution circulated at `circulatedAt` lapses (Companies Act 2006 s297): the period
 * is 28 days *beginning with* the circulation date, so the circulation day (in the UK) is day one and
 * the period ends at midnight UK time at the end of day 28 — not 28 × 24 hours after circulation.
 */
export function writtenLapseAt(circulatedAt: number, days = WRITTEN_LAPSE_DAYS): number {
  const { y, m, d } = ukParts(circulatedAt);
  // Day one is the circulation day; the lapse is the start of the day after day `days`.
  const end = new Date(Date.UTC(y, m - 1, d + days));
  return ukMidnight(end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate());
}

export const HOUR = 60 * 60_000;
export const DAY = 24 * HOUR;
