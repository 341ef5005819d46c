import { z } from 'zod';
import { optionalText, stringList, text, V } from '~/utils/validation';
import { THEMES } from '~/modules/directory/themes';
import { CITIES } from '~/modules/members/reference';
import { MAX_BUDGET_LINES } from './rules';

/** Messages are i18n keys (app/locales/<lang>/funding.json). */
export const FM = {
  whole: 'funding.errors.whole',
  date: 'funding.errors.date',
};

const pounds = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/[,£\s]/g, '') : v),
  z.string({ required_error: V.required }).min(1, V.required).max(9, FM.whole).regex(/^\d+$/, FM.whole).transform(Number),
);
const optionalPounds = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/[,£\s]/g, '') : v),
  z.string().max(9, FM.whole).regex(/^\d*$/, FM.whole).optional().transform((v) => (v ? Number(v) : null)),
);
const dateText = z.string({ required_error: V.required }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, FM.date);

/** Fixed rows keep the form usable without JavaScript; empty rows are ignored. */
const row = <T extends z.ZodRawShape>(shape: T) => z.array(z.object(shape)).max(12).optional().default([]);

export const RoundSchema = z.object({
  name: text(120),
  description: text(3000),
  pot: pounds,
  minGrant: pounds,
  maxGrant: pounds,
  themes: stringList(THEMES),
  cities: stringList(CITIES),
  opensOn: dateText,
  closesOn: dateText,
  decisionMethod: z.enum(['panel', 'members', 'panel-then-members'], { errorMap: () => ({ message: V.required }) }),
  allowPartial: z.preprocess((v) => v === 'on', z.boolean()),
  minLivedExperience: z.preprocess((v) => (v === '' || v === undefined ? '1' : v), z.string().regex(/^\d{1,2}$/, FM.whole).transform(Number)),
  panel: stringList(),
  eligibility: row({ text: optionalText(300), qualifies: z.enum(['yes', 'no']).optional(), explanation: optionalText(600) }),
  questions: row({ text: optionalText(300), wordLimit: z.string().trim().max(5).regex(/^\d*$/, FM.whole).optional() }),
  criteria: row({ label: optionalText(120), weight: z.string().trim().max(2).regex(/^\d*$/, FM.whole).optional() }),
  // Award letters: the conditions every grant of the round comes with.
  conditions: optionalText(3000),
});

export const ApplicationSchema = z.object({
  intent: z.enum(['save', 'submit']),
  title: optionalText(120),
  summary: optionalText(600),
  amount: optionalPounds,
  lines: z
    .array(z.object({ label: optionalText(120), amount: optionalPounds }))
    .max(MAX_BUDGET_LINES)
    .optional()
    .default([]),
  themes: stringList(THEMES),
  kind: z.enum(['member', 'group', 'organisation']).default('member'),
  orgId: z.string().max(40).optional(),
  hostOrgId: z.string().max(40).optional(),
  coApplicantIds: stringList(),
  // Answers are limited by words per question in the module; this stops a 10,000-character paste here.
  answers: z.record(z.string().max(40), z.string().max(6000, V.tooLong)).optional().default({}),
  removeMedia: stringList(),
});

export const EligibilitySchema = z.object({ answers: z.record(z.string().max(10), z.enum(['yes', 'no'])).optional().default({}) });

/** Accepting an award letter: a button-only form (no Conform), still validated here; anything else is 400. */
export const AcceptAwardSchema = z.object({ intent: z.literal('accept') });
