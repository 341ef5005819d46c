import { z } from 'zod';
import { CITIES } from '~/modules/members/reference';
import { THEMES } from '~/modules/directory/themes';
import { V, optionalText, stringList, text } from '~/utils/validation';

/** Client-safe constants, time helpers and the zod schemas shared by the notice forms and actions. */
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
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(utc);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'));
  return local - Math.floor(utc / 60_000) * 60_000;
}

/** The London wall-clock value for a form field: "YYYY-MM-DD" or "YYYY-MM-DDTHH:mm". */
export function toLondonInput(ms: number, withTime: boolean): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(ms);
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

const M = {
  link: 'notices.validation.link',
  date: 'notices.validation.date',
  past: 'notices.validation.past',
  tooFar: 'notices.validation.tooFar',
  endBeforeStart: 'notices.validation.endBeforeStart',
  placeOrLink: 'notices.validation.placeOrLink',
  fileOrLink: 'notices.validation.fileOrLink',
  amount: 'notices.validation.amount',
  amountOrder: 'notices.validation.amountOrder',
  afterDeadline: 'notices.validation.afterDeadline',
};
export const NOTICE_MESSAGES = M;

const link = z
  .string()
  .trim()
  .max(500, V.tooLong)
  .optional()
  .refine((v) => !v || isSafeLink(v), M.link);
const date = z
  .string()
  .trim()
  .max(10, M.date)
  .optional()
  .refine((v) => !v || londonTime(v) !== null, M.date);
const dateTime = z
  .string()
  .trim()
  .max(16, M.date)
  .optional()
  .refine((v) => !v || londonTime(v) !== null, M.date);
const amount = z
  .string()
  .trim()
  .max(12, M.amount)
  .optional()
  .refine((v) => !v || /^\d{1,9}$/.test(v.replace(/[,£\s]/g, '')), M.amount);

/** Every field any type can have; `superRefine` checks what each type needs. */
export const NoticeSchema = z
  .object({
    type: z.enum(NOTICE_TYPES, { errorMap: () => ({ message: V.required }) }),
    title: text(120),
    description: text(5000),
    city: z.enum(NOTICE_CITIES, { errorMap: () => ({ message: V.required }) }),
    themes: stringList(THEMES),
    expiresOn: date,
    isPublic: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
    // offer: until when; request: by when; opportunity: closing date
    untilDate: date,
    opportunityKind: z.enum(OPPORTUNITY_KINDS).optional(),
    funder: optionalText(120),
    amountMin: amount,
    amountMax: amount,
    deadline: date,
    eligibility: optionalText(1000),
    startsAt: dateTime,
    endsAt: dateTime,
    place: optionalText(200),
    link,
    // Set by the server from the upload handler, never by the person.
    attachment: z.string().max(400).optional(),
  })
  .superRefine((v, ctx) => {
    const need = (path: string, message: string = V.required) => ctx.addIssue({ code: 'custom', path: [path], message });
    const now = Date.now();
    const future = (field: 'untilDate' | 'deadline' | 'expiresOn' | 'endsAt', value: string | undefined) => {
      if (!value) return;
      const ms = londonTime(value, true);
      if (ms === null) return;
      if (ms <= now) need(field, M.past);
      else if (ms > now + MAX_LIFETIME * 2) need(field, M.tooFar);
    };
    future('expiresOn', v.expiresOn);
    if (v.type === 'offer' || v.type === 'request' || v.type === 'opportunity') future('untilDate', v.untilDate);
    if (v.type === 'opportunity' && !v.opportunityKind) need('opportunityKind');
    if (v.type === 'funding') {
      if (!v.funder) need('funder');
      if (!v.deadline) need('deadline');
      else future('deadline', v.deadline);
      if (!v.link) need('link');
      const min = v.amountMin ? Number(v.amountMin.replace(/[,£\s]/g, '')) : null;
      const max = v.amountMax ? Number(v.amountMax.replace(/[,£\s]/g, '')) : null;
      if (min !== null && max !== null && max < min) need('amountMax', M.amountOrder);
    }
    if (v.type === 'event') {
      if (!v.startsAt) need('startsAt');
      if (!v.endsAt) need('endsAt');
      const start = v.startsAt ? londonTime(v.startsAt) : null;
      const end = v.endsAt ? londonTime(v.endsAt) : null;
      if (start !== null && end !== null && end <= start) need('endsAt', M.endBeforeStart);
      if (end !== null && end <= now) need('endsAt', M.past);
      if (!v.place && !v.link) need('place', M.placeOrLink);
    }
    if (v.untilDate && v.expiresOn && (v.type === 'offer' || v.type === 'request')) {
      const until = londonTime(v.untilDate, true);
      const exp = londonTime(v.expiresOn, true);
      if (until !== null && exp !== null && exp > until + DAY * 365) need('expiresOn', M.tooFar);
    }
  });
export type NoticeInput = z.infer<typeof NoticeSchema>;

export const CommentSchema = z.object({
  body: text(2000),
  parentId: z.string().max(40).optional(),
});

export const ReportSchema = z.object({
  subjectType: z.enum(['notice', 'comment']),
  subjectId: z.string().min(1).max(40),
  reason: text(500),
});

export const ModerateSchema = z.object({
  note: optionalText(1000),
});

export const DigestSchema = z.object({
  subscribe: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
  cities: stringList(NOTICE_CITIES),
  themes: stringList(THEMES),
});
