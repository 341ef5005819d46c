import { z } from 'zod';
import { optionalText, stringList, V } from '~/utils/validation';
import { MAX_BUDGET_LINES } from './rules';
import { LABEL_MAX, MAX_BREAKDOWN, MAX_PHOTOS, QUOTE_MAX, REPORT_TEXT_MAX } from './report-rules';
import { REFERENCE_MAX } from './money';
import { isDateOnly } from '~/utils/date-only';

/**
 * Forms of the grant pages (payments, due dates, reports). Server only: messages are i18n keys.
 * Numbers are whole pounds or whole people; "£1,200" and "1 200" are read as 1200.
 */
const WHOLE = 'funding.errors.whole';
const DATE = 'funding.errors.date';
const count = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/[,£\s]/g, '') : v),
  z.string().max(9, WHOLE).regex(/^\d*$/, WHOLE).optional().transform((v) => (v ? Number(v) : null)),
);
// A real calendar day (fund-audit: "2026-13-45" passed the shape check and was stored as a due date).
const day = z.string({ required_error: V.required }).trim().min(1, V.required).regex(/^\d{4}-\d{2}-\d{2}$/, DATE).refine(isDateOnly, DATE);
const tick = z.preprocess((v) => v === 'on' || v === 'yes', z.boolean());

export const PaymentSchema = z.object({
  intent: z.literal('pay'),
  amount: z.preprocess((v) => (typeof v === 'string' ? v.replace(/[,£\s]/g, '') : v), z.string({ required_error: V.required }).min(1, V.required).max(9, WHOLE).regex(/^\d+$/, WHOLE).transform(Number)),
  paidOn: day,
  reference: z.string({ required_error: V.required }).trim().min(1, V.required).max(REFERENCE_MAX, V.tooLong),
  paidTo: z.enum(['grantee', 'host'], { errorMap: () => ({ message: V.required }) }),
});

export const RemovePaymentSchema = z.object({ intent: z.literal('removePayment'), paymentId: z.string().min(1).max(60) });

export const DueDatesSchema = z.object({ intent: z.literal('dueDates'), mid: day, end: day });

export const ReportSchema = z.object({
  intent: z.enum(['save', 'submit']),
  stoppedEarly: tick,
  happened: optionalText(REPORT_TEXT_MAX),
  removeMedia: tick,
  peopleReached: count,
  breakdown: z
    .array(z.object({ label: optionalText(LABEL_MAX), count }))
    .max(MAX_BREAKDOWN)
    .optional()
    .default([]),
  breakdownConsent: tick,
  changeMade: optionalText(1000),
  quote: optionalText(QUOTE_MAX),
  spend: z.array(count).max(MAX_BUDGET_LINES).optional().default([]),
  didNotWork: optionalText(REPORT_TEXT_MAX),
  learned: optionalText(REPORT_TEXT_MAX),
  caption: z.array(optionalText(200)).max(MAX_PHOTOS).optional().default([]),
  photoConsent: tick,
  removeFile: stringList(),
});
