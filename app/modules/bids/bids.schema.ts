import { z } from 'zod';
import { optionalText, stringList, text, V } from '~/utils/validation';
import { BASE_TAGS, THEMES } from '~/modules/directory/themes';
import { BID_ROLES, BID_STATUSES, CURRENCIES, OUTCOME_STATUSES, TEMPLATES, fromLondonInput, parseMoney } from './constants';
import { dateOnlyToMs } from '~/utils/date-only';

/** A calendar day (task due dates, outcome dates) through the app's one date-only helper, or null. */
function dayOrNull(value: string): number | null {
  const ms = dateOnlyToMs(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Zod schemas shared by the bids forms and actions. Messages are i18n keys. */
export const B = {
  deadlineInvalid: 'bids.validation.deadlineInvalid',
  deadlinePast: 'bids.validation.deadlinePast',
  amountInvalid: 'bids.validation.amountInvalid',
  linkInvalid: 'bids.validation.linkInvalid',
  wordLimit: 'bids.validation.wordLimit',
  dateInvalid: 'bids.validation.dateInvalid',
  dateFuture: 'bids.validation.dateFuture',
  choose: 'bids.validation.choose',
};

const id = z.string().trim().max(40).optional().transform((v) => (v ? v : undefined));

const money = z
  .string({ required_error: B.amountInvalid })
  .trim()
  .min(1, B.amountInvalid)
  .max(20, B.amountInvalid)
  .transform((v, ctx) => {
    const minor = parseMoney(v);
    if (minor === null) {
      ctx.addIssue({ code: 'custom', message: B.amountInvalid });
      return z.NEVER;
    }
    return minor;
  });

const optionalMoney = z
  .string()
  .trim()
  .max(20, B.amountInvalid)
  .optional()
  .transform((v, ctx) => {
    if (!v) return 0;
    const minor = parseMoney(v);
    if (minor === null) {
      ctx.addIssue({ code: 'custom', message: B.amountInvalid });
      return z.NEVER;
    }
    return minor;
  });

const link = z
  .string()
  .trim()
  .max(500, V.tooLong)
  .optional()
  .refine((v) => {
    if (!v) return true;
    try {
      const u = new URL(v);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, B.linkInvalid);

function deadline(opts: { future: boolean }) {
  return z
    .string({ required_error: B.deadlineInvalid })
    .trim()
    .max(30, B.deadlineInvalid)
    .transform((v, ctx) => {
      const ms = fromLondonInput(v);
      if (ms === null) {
        ctx.addIssue({ code: 'custom', message: B.deadlineInvalid });
        return z.NEVER;
      }
      if (opts.future && ms <= Date.now()) {
        ctx.addIssue({ code: 'custom', message: B.deadlinePast });
        return z.NEVER;
      }
      return ms;
    });
}

const bidFields = {
  title: text(200),
  funder: text(200),
  callName: optionalText(200),
  link,
  amount: money,
  currency: z.enum(CURRENCIES, { errorMap: () => ({ message: B.choose }) }),
  themes: stringList(THEMES),
  skillsNeeded: stringList(BASE_TAGS),
  leadOrgId: id,
  hostOrgId: id,
  hostOrgName: optionalText(200),
};

export const NewBidSchema = z.object({
  ...bidFields,
  deadline: deadline({ future: true }),
  template: z.enum(TEMPLATES.map((t) => t.id) as [string, ...string[]], { errorMap: () => ({ message: B.choose }) }),
  noticeId: id,
});

/** Linking an existing bid to a funding call notice: picked from the live ones, or a pasted link. */
export const LinkNoticeSchema = z.object({
  notice: id,
  noticeLink: z.string().trim().max(500, V.tooLong).optional(),
});

/** Editing: a deadline already in the past may be kept, but not newly set in the past (checked in the action). */
export const EditBidSchema = z.object({ ...bidFields, deadline: deadline({ future: false }) });

export const StatusSchema = z.object({
  status: z.enum(BID_STATUSES.filter((s) => !OUTCOME_STATUSES.includes(s)) as [string, ...string[]], {
    errorMap: () => ({ message: B.choose }),
  }),
});

export const OutcomeSchema = z
  .object({
    result: z.enum(['awarded', 'not_awarded'], { errorMap: () => ({ message: B.choose }) }),
    awardedAmount: optionalMoney,
    decidedOn: z
      .string({ required_error: B.dateInvalid })
      .trim()
      .max(20, B.dateInvalid)
      .transform((v, ctx) => {
        const ms = dayOrNull(v);
        if (ms === null || ms > Date.now() + 24 * 60 * 60_000) {
          ctx.addIssue({ code: 'custom', message: ms === null ? B.dateInvalid : B.dateFuture });
          return z.NEVER;
        }
        return ms;
      }),
    feedback: optionalText(5000),
  })
  .superRefine((v, ctx) => {
    if (v.result === 'awarded' && v.awardedAmount <= 0) {
      ctx.addIssue({ code: 'custom', path: ['awardedAmount'], message: B.amountInvalid });
    }
  });

const wordLimit = z
  .string()
  .trim()
  .max(7, B.wordLimit)
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    if (!/^-?\d+$/.test(v) || Number(v) <= 0 || Number(v) > 100_000) {
      ctx.addIssue({ code: 'custom', message: B.wordLimit });
      return z.NEVER;
    }
    return Number(v);
  });

export const SectionSchema = z.object({ title: text(200), wordLimit });

export const PartnerSchema = z.object({
  userId: z.string({ required_error: B.choose }).trim().min(1, B.choose).max(40, B.choose),
  orgId: id,
  role: z.enum(BID_ROLES, { errorMap: () => ({ message: B.choose }) }),
  budgetShare: optionalMoney,
  delivers: optionalText(1000),
});

export const PartnerEditSchema = z.object({
  partnerId: z.string().trim().min(1).max(40),
  role: z.enum(BID_ROLES, { errorMap: () => ({ message: B.choose }) }),
  delivers: optionalText(1000),
});

export const TaskSchema = z.object({
  title: text(300),
  assigneeId: id,
  dueOn: z
    .string()
    .trim()
    .max(20, B.dateInvalid)
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const ms = dayOrNull(v);
      if (ms === null) {
        ctx.addIssue({ code: 'custom', message: B.dateInvalid });
        return z.NEVER;
      }
      return ms;
    }),
});

/** Inviting an organisation from the directory as a partner. */
export const OrgPartnerSchema = z.object({
  orgId: z.string({ required_error: B.choose }).trim().min(1, B.choose).max(40, B.choose),
  role: z.enum(BID_ROLES, { errorMap: () => ({ message: B.choose }) }),
  budgetShare: optionalMoney,
  delivers: optionalText(1000),
});

/** An organisation's lead updates what the organisation will deliver. */
export const OrgEntrySchema = z.object({
  partnerId: z.string().trim().min(1).max(40),
  delivers: optionalText(1000),
});
