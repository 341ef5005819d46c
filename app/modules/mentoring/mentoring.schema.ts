import { z } from 'zod';
import { optionalText, stringList, text } from '~/utils/validation';
import { ACTION_OWNERS, ACTION_ROWS, FREQUENCIES, GOAL_STATUSES, MODES, TOPICS, todayISO } from './constants';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(message: string) {
  return z
    .string({ required_error: message, invalid_type_error: message })
    .trim()
    .regex(DAY, message)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), message);
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
  due: string;
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
      if (typeof due !== 'string' || !DAY.test(due) || Number.isNaN(Date.parse(`${due}T00:00:00Z`))) {
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
        actions.push({ title, owner: values[`action${i}Owner`] as ActionRow['owner'], due: values[`action${i}Due`] as string });
      }
    }
    return { heldOn: v.heldOn, duration: v.duration as number, mode: v.mode, topics: v.topics as string[], notes: v.notes ?? '', actions };
  });

/** Correcting a session: the same facts, without new actions. */
export const SessionEditSchema = z.object({ intent: z.literal('edit'), ...sessionCore });

export const ConfirmSchema = z.object({
  intent: z.literal('confirm'),
  rating: z.preprocess(
    (v) => (typeof v === 'string' && v !== '' ? Number(v) : v),
    z.number({ required_error: 'mentoring.validation.rating', invalid_type_error: 'mentoring.validation.rating' }).int().min(1, 'mentoring.validation.rating').max(5, 'mentoring.validation.rating'),
  ),
  reflection: optionalText(1000),
});

export const ActionSchema = z
  .object({
    intent: z.literal('add-action'),
    title: text(300, 'mentoring.validation.actionTitle'),
    owner: z.enum(ACTION_OWNERS as [string, ...string[]], { errorMap: () => ({ message: 'mentoring.validation.actionOwner' }) }),
    due: day('mentoring.validation.date'),
  });

export const PeriodSchema = z.object({
  from: z.string().regex(DAY).optional().catch(undefined),
  to: z.string().regex(DAY).optional().catch(undefined),
});
