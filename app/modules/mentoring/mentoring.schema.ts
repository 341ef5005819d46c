import { z } from 'zod';
import { optionalText, stringList, text } from '~/utils/validation';
import { isDateOnly } from '~/utils/date-only';
import { ACTION_OWNERS, ACTION_ROWS, FREQUENCIES, GOAL_STATUSES, MODES, TOPICS, todayISO } from './constants';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(message: string) {
  return z.string({ required_error: message, invalid_type_error: message }).trim().refine(isDateOnly, message);
}

/** An optional day: empty means "no date"; anything else must be a real day. */
function optionalDay(message: string) {
  return z
    .string({ invalid_type_error: message })
    .trim()
    .max(10, message)
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || isDateOnly(v), message);
}

const id = z.string().trim().min(1).max(40);
const mode = z.enum(MODES, { errorMap: () => ({ message: 'mentoring.validation.mode' }) });
const frequency = z.enum(FREQUENCIES, { errorMap: () => ({ message: 'mentoring.validation.frequency' }) });

const agreement = {
  goals: text(2000, 'mentoring.validation.goals'),
  frequency,
  mode,
  startOn: day('mentoring.validation.date'),
};

export const RequestSchema = z.object({
  mentor: id,
  ...agreement,
  message: optionalText(1000),
});

export const PairSchema = z
  .object({
    mentor: z.string({ required_error: 'mentoring.validation.person' }).trim().min(1, 'mentoring.validation.person').max(40),
    mentee: z.string({ required_error: 'mentoring.validation.person' }).trim().min(1, 'mentoring.validation.person').max(40),
    ...agreement,
    message: optionalText(1000),
  })
  .refine((v) => v.mentor !== v.mentee, { path: ['mentee'], message: 'mentoring.validation.samePerson' });

export const RespondSchema = z.object({
  intent: z.enum(['accept', 'decline']),
  message: optionalText(1000),
});

export const CloseSchema = z.object({
  intent: z.literal('close'),
  reflection: text(2000, 'mentoring.validation.reflection'),
});

export const ReflectionSchema = z.object({
  intent: z.literal('reflect'),
  reflection: text(2000, 'mentoring.validation.reflection'),
});

export const GoalSchema = z.object({
  intent: z.literal('add-goal'),
  title: text(300, 'mentoring.validation.goalTitle'),
});

export const GoalUpdateSchema = z.object({
  intent: z.literal('update-goal'),
  goalId: id,
  status: z.enum(GOAL_STATUSES as [string, ...string[]], { errorMap: () => ({ message: 'mentoring.validation.goalStatus' }) }),
  note: optionalText(1000),
});

const minutes = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
  z
    .number({ required_error: 'mentoring.validation.duration', invalid_type_error: 'mentoring.validation.duration' })
    .int('mentoring.validation.duration')
    .min(1, 'mentoring.validation.duration')
    .max(720, 'mentoring.validation.duration'),
);

const sessionCore = {
  heldOn: day('mentoring.validation.date').refine((v) => v <= todayISO(), 'mentoring.validation.future'),
  duration: minutes,
  mode,
  topics: stringList(TOPICS),
  notes: optionalText(5000),
};

function actionRowFields() {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (let i = 1; i <= ACTION_ROWS; i++) {
    shape[`action${i}Title`] = optionalText(300);
    shape[`action${i}Owner`] = z.enum(ACTION_OWNERS as [string, ...string[]]).optional();
    shape[`action${i}Due`] = z.string().trim().max(10).optional();
  }
  return shape;
}

export interface ActionRow {
  title: string;
  owner: 'mentor' | 'mentee' | 'both';
  /** "By when" is optional: undefined means no date (and no reminder). */
  due?: string;
}

/** A session with up to ACTION_ROWS agreed actions; a row counts once it has a title. */
export const SessionSchema = z
  .object({ ...sessionCore, ...actionRowFields() })
  .superRefine((v, ctx) => {
    const values = v as Record<string, unknown>;
    for (let i = 1; i <= ACTION_ROWS; i++) {
      const title = values[`action${i}Title`];
      const due = values[`action${i}Due`];
      if (!title) {
        if (due) ctx.addIssue({ code: 'custom', path: [`action${i}Title`], message: 'mentoring.validation.actionTitle' });
        continue;
      }
      if (!values[`action${i}Owner`]) ctx.addIssue({ code: 'custom', path: [`action${i}Owner`], message: 'mentoring.validation.actionOwner' });
      if (typeof due !== 'string' || !due) continue;
      if (!isDateOnly(due)) {
        ctx.addIssue({ code: 'custom', path: [`action${i}Due`], message: 'mentoring.validation.date' });
      } else if (typeof v.heldOn === 'string' && due < v.heldOn) {
        ctx.addIssue({ code: 'custom', path: [`action${i}Due`], message: 'mentoring.validation.dueBeforeSession' });
      }
    }
  })
  .transform((v) => {
    const values = v as Record<string, unknown>;
    const actions: ActionRow[] = [];
    for (let i = 1; i <= ACTION_ROWS; i++) {
      const title = values[`action${i}Title`];
      if (typeof title === 'string' && title) {
        const due = values[`action${i}Due`];
        actions.push({ title, owner: values[`action${i}Owner`] as ActionRow['owner'], due: typeof due === 'string' && due ? due : undefined });
      }
    }
    return { heldOn: v.heldOn, duration: v.duration as number, mode: v.mode, topics: v.topics as string[], notes: v.notes ?? '', actions };
  });

/** Correcting a session: the same facts, without new actions. */
export const SessionEditSchema = z.object({ intent: z.literal('edit'), ...sessionCore });

export const ConfirmSchema = z.object({
  intent: z.literal('confirm'),
  // Optional: confirming that a session happened must not depend on grading it.
  rating: z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v)) : v),
    z.number({ invalid_type_error: 'mentoring.validation.rating' }).int('mentoring.validation.rating').min(1, 'mentoring.validation.rating').max(5, 'mentoring.validation.rating').optional(),
  ),
  reflection: optionalText(1000),
});

export const ActionSchema = z
  .object({
    intent: z.literal('add-action'),
    title: text(300, 'mentoring.validation.actionTitle'),
    owner: z.enum(ACTION_OWNERS as [string, ...string[]], { errorMap: () => ({ message: 'mentoring.validation.actionOwner' }) }),
    due: optionalDay('mentoring.validation.date'),
  });

export const PeriodSchema = z.object({
  from: z.string().regex(DAY).optional().catch(undefined),
  to: z.string().regex(DAY).optional().catch(undefined),
});
