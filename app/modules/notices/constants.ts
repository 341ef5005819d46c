import { CITIES } from '~/modules/members/reference';
import { THEMES } from '~/modules/directory/themes';
import { dateTimeFormat } from '~/utils/intl';

/**
 * Client-safe notice constants and time helpers (no zod), so route components can use them without
 * pulling zod into the browser bundle. notices.schema.ts re-exports everything here.
 */
export const NOTICE_TYPES = ['offer', 'request', 'opportunity', 'funding', 'event', 'resource'] as const;
export type NoticeTypeName = (typeof NOTICE_TYPES)[number];
export const NOTICE_CITIES = [...CITIES, 'online'] as const;
export const OPPORTUNITY_KINDS = ['job', 'training', 'volunteering'] as const;
export const RESPONSE_KINDS = ['help', 'interested', 'attend'] as const;
export type ResponseKindName = (typeof RESPONSE_KINDS)[number];
export const NOTICE_THEMES = THEMES;

/** Which typed responses each type offers. */
export const RESPONSES_FOR: Record<NoticeTypeName, ResponseKindName[]> = {
  offer: ['interested'],
  request: ['help'],
  opportunity: ['interested'],
  funding: ['interested'],
  event: ['attend', 'interested'],
  resource: ['interested'],
};

/** Types the author can renew (funding calls and events end with their own date). */
export function isRenewable(type: string): boolean {
  return type !== 'funding' && type !== 'event';
}

export const DAY = 24 * 60 * 60_000;
export const DEFAULT_LIFETIME = 30 * DAY;
export const MAX_LIFETIME = 365 * DAY;
export const TIME_ZONE = 'Europe/London';

/** Milliseconds for a wall-clock time in London ("2026-12-01T18:30" or "2026-12-01"). */
export function londonTime(value: string, endOfDay = false): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const h = m[4] !== undefined ? Number(m[4]) : endOfDay ? 23 : 0;
  const mi = m[5] !== undefined ? Number(m[5]) : endOfDay ? 59 : 0;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(asUtc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  // London is UTC or UTC+1: find the offset at that moment.
  const offset = londonOffset(asUtc);
  return asUtc - offset + (endOfDay && m[4] === undefined ? 59_999 : 0);
}

function londonOffset(utc: number): number {
  const parts = dateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(utc);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'));
  return local - Math.floor(utc / 60_000) * 60_000;
}

/** The London wall-clock value for a form field: "YYYY-MM-DD" or "YYYY-MM-DDTHH:mm". */
export function toLondonInput(ms: number, withTime: boolean): string {
  const parts = dateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  return withTime ? `${date}T${get('hour') === '24' ? '00' : get('hour')}:${get('minute')}` : date;
}

/** Only absolute http(s) links are accepted (no javascript:, data:, file: …). */
export function isSafeLink(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && Boolean(u.hostname);
  } catch {
    return false;
  }
}
