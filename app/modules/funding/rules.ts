/**
 * The seed fund's pure rules: who may apply, whether an amount and its budget add up, who has a
 * conflict of interest, how far reviewers disagree, and what a panel's ranking funds. No database
 * here: the module loads the facts and asks these functions, so each rule is tested on its own.
 */

// ---------------------------------------------------------------- eligibility

export interface EligibilityQuestion {
  id: string;
  text: string;
  /** The answer that qualifies (yes → true). */
  qualifies: boolean;
  /** Shown, kindly, to anyone whose answer does not qualify — before they spend time applying. */
  explanation: string;
}

export type Screening =
  | { status: 'eligible' }
  | { status: 'incomplete'; unanswered: string[] }
  | { status: 'not-eligible'; reasons: { questionId: string; explanation: string }[] };

export function screen(questions: readonly EligibilityQuestion[], answers: Record<string, boolean | undefined>): Screening {
  const unanswered = questions.filter((q) => answers[q.id] === undefined).map((q) => q.id);
  const reasons = questions
    .filter((q) => answers[q.id] !== undefined && answers[q.id] !== q.qualifies)
    .map((q) => ({ questionId: q.id, explanation: q.explanation }));
  // A "no" already answered is worth telling at once, even if other questions are still open.
  if (reasons.length > 0) return { status: 'not-eligible', reasons };
  if (unanswered.length > 0) return { status: 'incomplete', unanswered };
  return { status: 'eligible' };
}

// ---------------------------------------------------------------- money

export interface RoundMoney {
  pot: number;
  minGrant: number;
  maxGrant: number;
}

export interface BudgetLine {
  label: string;
  amount: number;
}

export type MoneyError =
  | 'amount-not-whole'
  | 'amount-below-min'
  | 'amount-above-max'
  | 'amount-above-pot'
  | 'lines-missing'
  | 'lines-too-many'
  | 'line-not-whole'
  | 'line-label-missing'
  | 'lines-do-not-add-up';

export const MAX_BUDGET_LINES = 8;

/** Every reason the amount and budget lines are not acceptable, keyed by the field to show it next to. */
export function checkMoney(round: RoundMoney, amount: number, lines: readonly BudgetLine[]): { field: 'amount' | 'lines'; error: MoneyError }[] {
  const out: { field: 'amount' | 'lines'; error: MoneyError }[] = [];
  if (!Number.isSafeInteger(amount) || amount <= 0) out.push({ field: 'amount', error: 'amount-not-whole' });
  else if (amount > round.pot) out.push({ field: 'amount', error: 'amount-above-pot' });
  else if (amount > round.maxGrant) out.push({ field: 'amount', error: 'amount-above-max' });
  else if (amount < round.minGrant) out.push({ field: 'amount', error: 'amount-below-min' });
  if (lines.length === 0) out.push({ field: 'lines', error: 'lines-missing' });
  else if (lines.length > MAX_BUDGET_LINES) out.push({ field: 'lines', error: 'lines-too-many' });
  else if (lines.some((l) => l.label.trim() === '')) out.push({ field: 'lines', error: 'line-label-missing' });
  else if (lines.some((l) => !Number.isSafeInteger(l.amount) || l.amount <= 0)) out.push({ field: 'lines', error: 'line-not-whole' });
  else if (Number.isSafeInteger(amount) && lines.reduce((s, l) => s + l.amount, 0) !== amount) out.push({ field: 'lines', error: 'lines-do-not-add-up' });
  return out;
}

/** A round's own settings must make sense before it can open. */
export function checkRoundMoney(r: RoundMoney): ('min-above-max' | 'max-above-pot' | 'not-whole')[] {
  const out: ('min-above-max' | 'max-above-pot' | 'not-whole')[] = [];
  if (![r.pot, r.minGrant, r.maxGrant].every((x) => Number.isSafeInteger(x) && x > 0)) out.push('not-whole');
  if (r.minGrant > r.maxGrant) out.push('min-above-max');
  if (r.maxGrant > r.pot) out.push('max-above-pot');
  return out;
}

// ---------------------------------------------------------------- conflicts of interest

export type ConflictKind = 'applicant' | 'co-applicant' | 'mentoring' | 'bid-partner' | 'same-organisation' | 'host-organisation';

export interface ConflictFacts {
  /** The lead applicant and every co-applicant (member ids). */
  leadApplicantId: string;
  coApplicantIds: readonly string[];
  /** The applying organisation (if any) and the host organisation of an unincorporated group. */
  orgId: string | null;
  hostOrgId: string | null;
  /** Network data, already loaded. */
  mentorships: readonly { mentorId: string; menteeId: string; status: string }[];
  /** Each bid's partners: members and organisations on the same bid. */
  bidPartners: readonly { bidId: string; userId: string | null; orgId: string | null; status: string }[];
  orgMembers: readonly { orgId: string; userId: string }[];
}

export interface Conflict {
  kind: ConflictKind;
  /** Who or what the reviewer is linked to (a member or organisation id) — shown only to the panel. */
  withId: string;
}

/** Mentoring that was never accepted (requested or declined) is not a relationship. */
const LIVE_MENTORING = new Set(['active', 'paused', 'closed']);

/**
 * Every relationship in the network's own data that ties this reviewer to this application. The
 * reviewer then declares (removed from scoring it) or explains why it does not matter.
 */
export function detectConflicts(reviewerId: string, f: ConflictFacts): Conflict[] {
  const out: Conflict[] = [];
  const people = [f.leadApplicantId, ...f.coApplicantIds];
  if (reviewerId === f.leadApplicantId) out.push({ kind: 'applicant', withId: reviewerId });
  if (f.coApplicantIds.includes(reviewerId)) out.push({ kind: 'co-applicant', withId: reviewerId });
  for (const m of f.mentorships) {
    if (!LIVE_MENTORING.has(m.status)) continue;
    if (m.mentorId === reviewerId && people.includes(m.menteeId)) out.push({ kind: 'mentoring', withId: m.menteeId });
    if (m.menteeId === reviewerId && people.includes(m.mentorId)) out.push({ kind: 'mentoring', withId: m.mentorId });
  }
  const applyingOrgs = new Set([f.orgId, ...f.orgMembers.filter((m) => people.includes(m.userId)).map((m) => m.orgId)].filter((x): x is string => !!x));
  const reviewerBids = new Set(f.bidPartners.filter((p) => p.userId === reviewerId && p.status !== 'declined').map((p) => p.bidId));
  const reviewerOrgs = new Set(f.orgMembers.filter((m) => m.userId === reviewerId).map((m) => m.orgId));
  for (const p of f.bidPartners) {
    if (!reviewerBids.has(p.bidId) || p.status === 'declined') continue;
    if (p.userId && p.userId !== reviewerId && people.includes(p.userId)) out.push({ kind: 'bid-partner', withId: p.userId });
    if (p.orgId && applyingOrgs.has(p.orgId)) out.push({ kind: 'bid-partner', withId: p.orgId });
  }
  for (const orgId of applyingOrgs) if (reviewerOrgs.has(orgId)) out.push({ kind: 'same-organisation', withId: orgId });
  if (f.hostOrgId && reviewerOrgs.has(f.hostOrgId)) out.push({ kind: 'host-organisation', withId: f.hostOrgId });
  // One line per relationship, even if two bids say the same thing.
  const seen = new Set<string>();
  return out.filter((c) => {
    const k = `${c.kind}:${c.withId}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---------------------------------------------------------------- scoring and moderation

export interface Criterion {
  id: string;
  weight: number;
}

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

/** A reviewer's weighted score for one application, on the same 1–5 scale as the criteria. */
export function weightedScore(criteria: readonly Criterion[], scores: Record<string, number>): number | null {
  let total = 0;
  let weights = 0;
  for (const c of criteria) {
    const s = scores[c.id];
    if (s === undefined) return null;
    total += s * c.weight;
    weights += c.weight;
  }
  return weights === 0 ? null : total / weights;
}

/** Disagreement this large (on a 1–5 scale) needs a conversation before the panel decides. */
export const SPREAD_FLAG = 2;
/** A reviewer this far from the others' median is an outlier (with three or more reviewers). */
export const OUTLIER_DISTANCE = 1.5;

export interface Moderation {
  count: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  spread: number | null;
  flagged: boolean;
  /** Indexes (into the given list) of the scores that stand apart from the rest. */
  outliers: number[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function moderate(totals: readonly number[]): Moderation {
  if (totals.length === 0) return { count: 0, mean: null, min: null, max: null, spread: null, flagged: false, outliers: [] };
  const min = Math.min(...totals);
  const max = Math.max(...totals);
  const mean = totals.reduce((a, b) => a + b, 0) / totals.length;
  const outliers: number[] = [];
  if (totals.length >= 3) {
    totals.forEach((t, i) => {
      const others = totals.filter((_, j) => j !== i);
      if (Math.abs(t - median(others)) >= OUTLIER_DISTANCE) outliers.push(i);
    });
  }
  const spread = max - min;
  return { count: totals.length, mean, min, max, spread, flagged: spread >= SPREAD_FLAG || outliers.length > 0, outliers };
}

// ---------------------------------------------------------------- panel decides

export interface Ranked {
  id: string;
  amount: number;
  score: number | null;
  /** Earlier submission wins a tie in score (recorded, not random). */
  submittedAt: number;
}

export interface PanelAward {
  id: string;
  award: number;
  partial: boolean;
}

/**
 * Fund in order of weighted score until the pot is spent. A project that no longer fits is offered
 * what is left as a partial grant when the round allows it and that is at least the minimum grant;
 * otherwise it is skipped and the next one that fits is funded (so money is not left on the table
 * because of one large request).
 */
export function panelAwards(items: readonly Ranked[], pot: number, opts: { allowPartial: boolean; minGrant: number }): PanelAward[] {
  const order = items
    .filter((i) => i.score !== null)
    .sort((a, b) => (b.score as number) - (a.score as number) || a.submittedAt - b.submittedAt || a.id.localeCompare(b.id));
  let left = pot;
  const out: PanelAward[] = [];
  for (const i of order) {
    if (left <= 0) break;
    if (i.amount <= left) {
      out.push({ id: i.id, award: i.amount, partial: false });
      left -= i.amount;
    } else if (opts.allowPartial && left >= opts.minGrant) {
      out.push({ id: i.id, award: left, partial: true });
      left = 0;
    }
  }
  return out;
}

// ---------------------------------------------------------------- members' vote

/** Nobody may approve their own project or one they co-apply for: returns the offending ids. */
export function ownProjects(voterId: string, approved: readonly string[], applicantsOf: ReadonlyMap<string, readonly string[]>): string[] {
  return approved.filter((id) => applicantsOf.get(id)?.includes(voterId));
}

// ---------------------------------------------------------------- reporting

export const SUPPRESS_BELOW = 5;
/** People counts under 5 are withheld in reports that leave the network (as in the mentoring report). */
export function suppress(n: number): number | null {
  return n > 0 && n < SUPPRESS_BELOW ? null : n;
}
