import { z } from 'zod';
import { isDateOnly } from '~/utils/date-only';
import { THEMES } from '~/modules/directory/themes';
import { V, optionalText, stringList, text } from '~/utils/validation';
import { NOTICE_TYPES, NOTICE_CITIES, OPPORTUNITY_KINDS, DAY, MAX_LIFETIME, londonTime, isSafeLink } from './constants';

/** Zod schemas shared by the notice forms and actions; client-safe constants live in ./constants. */
export * from './constants';

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
  // A calendar day (the app's one date-only helper); it counts until the end of that day in London.
  .refine((v) => !v || isDateOnly(v), M.date);
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
    // A short description for the pictures added with this submission (alt text).
    imagesAlt: optionalText(200),
    // Ids of current files to remove (edit).
    removeFiles: stringList(),
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

/** A steward's decision in the moderation queue (/admin/reports). */
export const ModerateSchema = z.object({
  intent: z.enum(['hide', 'restore', 'dismiss']),
  subjectType: z.enum(['notice', 'comment']),
  subjectId: z.string().min(1).max(40),
  note: optionalText(1000),
});

export const DigestSchema = z.object({
  subscribe: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
  cities: stringList(NOTICE_CITIES),
  themes: stringList(THEMES),
});
