import { z } from 'zod';
import { optionalText, stringList, text } from '~/utils/validation';
import { DECISION_KINDS } from './tally';

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());
const int = (min: number, max: number, message: string) =>
  z.coerce.number({ invalid_type_error: message }).int(message).min(min, message).max(max, message);

export const ProposalSchema = z
  .object({
    title: text(200, 'governance.form.title.required'),
    body: text(10_000, 'governance.form.body.required'),
    kind: z.enum(DECISION_KINDS, { errorMap: () => ({ message: 'governance.form.kind.required' }) }),
    secret: checkbox,
    hideResults: checkbox,
    allowCloseEarly: checkbox,
    quorumPercent: int(0, 100, 'governance.form.quorum.invalid').default(0),
    writtenMajority: z.enum(['ordinary', 'special']).default('ordinary'),
    pollMode: z.enum(['single', 'multiple', 'score']).default('single'),
    pollBinding: checkbox,
    options: optionalText(2000),
    candidates: stringList(),
    seats: int(1, 20, 'governance.form.seats.invalid').default(1),
    startsInDays: int(0, 30, 'governance.form.startsIn.invalid').default(0),
    /** 'all' (every voting member) or a group id. */
    electorate: z.string().trim().max(40).default('all'),
    durationDays: int(1, 60, 'governance.form.duration.invalid'),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'poll') {
      const lines = (v.options ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
      if (lines.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'governance.form.options.tooFew' });
      if (lines.length > 20 || lines.some((l) => l.length > 200)) ctx.addIssue({ code: 'custom', path: ['options'], message: 'governance.form.options.tooMany' });
    }
    if (v.kind === 'election') {
      if (v.candidates.length < 1) ctx.addIssue({ code: 'custom', path: ['candidates'], message: 'governance.form.candidates.tooFew' });
      else if (v.seats > v.candidates.length) ctx.addIssue({ code: 'custom', path: ['seats'], message: 'governance.form.seats.moreThanCandidates' });
    }
    if (v.kind === 'written' && v.durationDays > 28) ctx.addIssue({ code: 'custom', path: ['durationDays'], message: 'governance.form.duration.written' });
  });

export const CommentSchema = z.object({
  intent: z.literal('comment'),
  body: text(4000, 'governance.comments.required'),
  parentId: z.string().max(40).optional(),
});

export const AmendSchema = z.object({
  intent: z.literal('amend'),
  title: text(200, 'governance.form.title.required'),
  body: text(10_000, 'governance.form.body.required'),
  note: optionalText(1000),
});

export const OutcomeSchema = z.object({
  intent: z.literal('outcome'),
  statement: text(5000, 'governance.outcome.statement.required'),
  reviewAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'governance.outcome.review.invalid')
    .optional(),
});

export const ExtendSchema = z.object({
  intent: z.literal('extend'),
  days: int(1, 28, 'governance.extend.invalid'),
});

export const GroupNameSchema = z.object({
  intent: z.enum(['create', 'rename']),
  name: text(80, 'governance.groups.name.required'),
});

export const GroupMemberSchema = z.object({
  intent: z.enum(['add', 'remove']),
  memberId: text(40, 'governance.groups.member.required'),
});

export const ReopenSchema = z.object({
  intent: z.literal('reopen'),
  title: text(200, 'governance.form.title.required'),
  body: text(10_000, 'governance.form.body.required'),
  note: optionalText(1000),
  days: int(1, 60, 'governance.form.duration.invalid'),
});

export const ProxySchema = z.object({
  intent: z.literal('appoint'),
  holderId: text(40, 'governance.proxies.holder.required'),
  proposalId: z.string().max(40).optional(),
});

export const CicStepSchema = z.object({
  intent: z.literal('step'),
  key: z.string().max(60),
  status: z.enum(['todo', 'in_progress', 'done']),
  ownerId: z.string().max(40).optional(),
  notes: optionalText(4000),
  proposalId: z.string().max(40).optional(),
  link: z
    .string()
    .trim()
    .max(500, 'common.validation.tooLong')
    .refine((v) => v.startsWith('/') || /^https:\/\//.test(v), 'governance.cic.link.invalid')
    .optional(),
});

export const DirectorSchema = z.object({
  intent: z.literal('director'),
  userId: text(40, 'governance.directors.member.required'),
  termStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'governance.directors.date.invalid'),
  termYears: int(1, 5, 'governance.directors.years.invalid'),
  proposalId: z.string().max(40).optional(),
});

export const RegisterSchema = z.object({
  intent: z.literal('dates'),
  memberId: z.string().max(40),
  joinedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'governance.register.date.invalid'),
  ceasedAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'governance.register.date.invalid')
    .optional(),
});

// Re-exported for server code; components import them from ./dates (zod-free).
export { dateInputToMs, msToDateInput } from './dates';
