/**
 * Light-touch grant reports, pure rules (issue 14 item 9). A mid-point and an end report per award:
 * what happened against the plan (written or recorded), people reached (breakdowns only where the
 * people counted agreed), one change and one quote, up to three consented photos, spend against the
 * budget lines with receipts, and what did not work. An end report may say the project stopped early:
 * then "what we learned" is what closes it — not a failure, so nothing else is demanded of it.
 */
import type { BudgetLine } from './rules';

export const MAX_PHOTOS = 3;
export const MAX_RECEIPTS = 10;
export const MAX_BREAKDOWN = 6;
export const REPORT_TEXT_MAX = 4000;
export const QUOTE_MAX = 500;
export const LABEL_MAX = 80;
/** Default reporting schedule from the decision: mid-point after three months, end after six. */
export const MID_AFTER_DAYS = 91;
export const END_AFTER_DAYS = 182;

export type ReportKind = 'mid' | 'end';

export interface ReportInput {
  stoppedEarly: boolean;
  happened: string;
  hasMedia: boolean;
  peopleReached: number | null;
  breakdown: { label: string; count: number }[];
  breakdownConsent: boolean;
  changeMade: string;
  quote: string;
  /** Spent per budget line, by the line's index in the application. */
  spend: { line: number; spent: number }[];
  didNotWork: string;
  learned: string;
}

export interface ReportContext {
  budgetLines: readonly BudgetLine[];
  awarded: number;
  paid: number;
  /** Photos and receipts the report will hold after this save (kept + new). */
  photos: number;
  receipts: number;
}

export type ReportError =
  | 'required'
  | 'whole'
  | 'unknown-line'
  | 'spend-over-award'
  | 'spend-not-matching'
  | 'spend-more-than-paid'
  | 'receipts-required'
  | 'too-many-receipts'
  | 'too-many-photos'
  | 'breakdown-consent'
  | 'breakdown-too-many'
  | 'breakdown-label'
  | 'not-end';

export interface ReportProblem {
  field: string;
  error: ReportError;
  /** Numbers for the message (e.g. what was paid and what the lines add up to). */
  values?: Record<string, number>;
}

export const totalSpent = (spend: readonly { spent: number }[]) => spend.reduce((s, x) => s + x.spent, 0);

/**
 * Problems that stop saving (`submit` false: a draft may be incomplete but never wrong) or submitting.
 * A draft is still refused what could never be right: an unknown budget line, a breakdown without the
 * people's consent, more than three photos.
 */
export function reportProblems(kind: ReportKind, r: ReportInput, ctx: ReportContext, submit: boolean): ReportProblem[] {
  const out: ReportProblem[] = [];
  if (r.stoppedEarly && kind !== 'end') out.push({ field: 'stoppedEarly', error: 'not-end' });
  const seen = new Set<number>();
  for (const s of r.spend) {
    if (!Number.isSafeInteger(s.line) || s.line < 0 || s.line >= ctx.budgetLines.length || seen.has(s.line)) out.push({ field: 'spend', error: 'unknown-line' });
    seen.add(s.line);
    if (!Number.isSafeInteger(s.spent) || s.spent < 0) out.push({ field: `spend.${s.line}`, error: 'whole' });
  }
  const spent = totalSpent(r.spend);
  if (spent > ctx.awarded) out.push({ field: 'spend', error: 'spend-over-award', values: { spent, awarded: ctx.awarded } });
  if (r.peopleReached !== null && (!Number.isSafeInteger(r.peopleReached) || r.peopleReached < 0)) out.push({ field: 'peopleReached', error: 'whole' });
  const breakdown = r.breakdown.filter((b) => b.label.trim() || b.count);
  if (breakdown.length) {
    if (!r.breakdownConsent) out.push({ field: 'breakdownConsent', error: 'breakdown-consent' });
    if (breakdown.some((b) => !b.label.trim())) out.push({ field: 'breakdown', error: 'breakdown-label' });
    if (breakdown.some((b) => !Number.isSafeInteger(b.count) || b.count < 0)) out.push({ field: 'breakdown', error: 'whole' });
    else if (r.peopleReached !== null && breakdown.reduce((s, b) => s + b.count, 0) > r.peopleReached) out.push({ field: 'breakdown', error: 'breakdown-too-many' });
  }
  if (ctx.photos > MAX_PHOTOS) out.push({ field: 'photos', error: 'too-many-photos', values: { max: MAX_PHOTOS } });
  if (ctx.receipts > MAX_RECEIPTS) out.push({ field: 'receipts', error: 'too-many-receipts', values: { max: MAX_RECEIPTS } });
  if (!submit) return out;

  if (r.stoppedEarly) {
    // Closing early: what we learned is the report; the money still has to be accounted for.
    if (!r.learned.trim()) out.push({ field: 'learned', error: 'required' });
    if (spent > ctx.paid) out.push({ field: 'spend', error: 'spend-more-than-paid', values: { spent, paid: ctx.paid } });
  } else {
    if (!r.happened.trim() && !r.hasMedia) out.push({ field: 'happened', error: 'required' });
    if (r.peopleReached === null) out.push({ field: 'peopleReached', error: 'required' });
    if (!r.changeMade.trim()) out.push({ field: 'changeMade', error: 'required' });
    if (kind === 'end' && !r.didNotWork.trim()) out.push({ field: 'didNotWork', error: 'required' });
    // The end report accounts for every pound paid; at mid-point only what has been received can be spent.
    if (kind === 'end' && spent !== ctx.paid) out.push({ field: 'spend', error: 'spend-not-matching', values: { spent, paid: ctx.paid } });
    if (kind === 'mid' && spent > ctx.paid) out.push({ field: 'spend', error: 'spend-more-than-paid', values: { spent, paid: ctx.paid } });
  }
  if (spent > 0 && ctx.receipts === 0) out.push({ field: 'receipts', error: 'receipts-required' });
  return out;
}

const DAY = 86_400_000;
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Reminders a week before the due date and on the day, at 08:00 UTC; none for a time already past. */
export function reminderTimes(dueOn: string, now: number): { stage: 'soon' | 'due'; at: number }[] {
  const due = Date.parse(`${dueOn}T08:00:00Z`);
  return [
    { stage: 'soon' as const, at: due - 7 * DAY },
    { stage: 'due' as const, at: due },
  ].filter((r) => r.at > now);
}
