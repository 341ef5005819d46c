/**
 * The panel's side of a round: opening review (refused below the round's minimum of panel members
 * with lived experience of migration), the list of applications to review with the moderation view
 * (spread and outliers), the ranking by weighted score, and the stewards confirming it as awards.
 * Every function takes the actor and asks app/policies/funding.ts first.
 */
import { db } from '~db/connection';
import { authorize, type Actor } from '~/policies';
import type { FundReviewSubject } from '~/policies/funding';
import { audit } from '~/modules/network/settings.server';
import { notifyDecision } from './award-letter.server';
import { moderate, panelAwards, weightedScore, type Moderation } from './rules';
import { getRound, isOnPanel, isReviewOpen, livedExperience, type Round } from './rounds.server';
import { availablePot } from './money.server';
import { countingApplication } from './consent.server';
import { ensureReports } from './reports.server';

export async function reviewSubject(actor: Actor, round: Round): Promise<FundReviewSubject> {
  return { status: round.status, isPanel: await isOnPanel(round.id, actor.id), reviewOpen: isReviewOpen(round), method: round.decisionMethod, appliesInRound: await appliesIn(round.id, actor.id) };
}

/** Lead or (not declined) co-applicant of an application in the round that is in (not a draft, not withdrawn). */
export async function appliesIn(roundId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('fund_applications as a')
    .leftJoin('fund_co_applicants as c', (j) => j.onRef('c.application_id', '=', 'a.id').on('c.user_id', '=', userId).on('c.status', '!=', 'declined'))
    .select('a.id')
    .where('a.round_id', '=', roundId)
    .where('a.status', 'not in', ['draft', 'withdrawn'])
    .where((eb) => eb.or([eb('a.lead_id', '=', userId), eb('c.user_id', 'is not', null)]))
    .executeTakeFirst();
  return !!row;
}

async function requireRound(actor: Actor, roundId: string, now: number) {
  const round = await getRound(actor, roundId, now);
  if (!round) throw new Response('Not found', { status: 404 });
  return { round, subject: await reviewSubject(actor, round) };
}

export type OpenReviewResult = 'ok' | 'not-closed-yet' | 'not-enough-lived-experience';

/** Closes applications for good and lets the panel score — only with enough lived experience on it. */
export async function openReview(actor: Actor, roundId: string, now = Date.now()): Promise<OpenReviewResult> {
  const { round, subject } = await requireRound(actor, roundId, now);
  authorize(actor, 'fundRound.openReview', subject);
  if (now < round.closesAt) return 'not-closed-yet';
  if (!(await livedExperience(round)).met) return 'not-enough-lived-experience';
  await db.updateTable('fund_rounds').set({ status: 'closed', review_opened_at: now, updated_at: now }).where('id', '=', roundId).where('status', '=', 'open').execute();
  await audit({ actorId: actor.id, action: 'fund_round.review_opened', subjectType: 'fund_round', subjectId: roundId });
  return 'ok';
}

const REVIEWED = ['submitted', 'funded', 'not-funded'] as const;

/** Every reviewer's weighted total per application (declared conflicts have no scores: they are deleted). */
async function totalsByApplication(round: Round, appIds: string[]) {
  const rows = appIds.length
    ? await db.selectFrom('fund_scores').select(['application_id', 'reviewer_id', 'criterion_id', 'score']).where('application_id', 'in', appIds).execute()
    : [];
  const per = new Map<string, Map<string, Record<string, number>>>();
  for (const r of rows) {
    const byReviewer = per.get(r.application_id) ?? new Map<string, Record<string, number>>();
    const scores = byReviewer.get(r.reviewer_id) ?? {};
    scores[r.criterion_id] = r.score;
    byReviewer.set(r.reviewer_id, scores);
    per.set(r.application_id, byReviewer);
  }
  const out = new Map<string, { reviewerId: string; total: number }[]>();
  for (const id of appIds) {
    const list: { reviewerId: string; total: number }[] = [];
    for (const [reviewerId, scores] of per.get(id) ?? []) {
      const total = weightedScore(round.criteria, scores);
      if (total !== null) list.push({ reviewerId, total });
    }
    out.set(id, list);
  }
  return out;
}

export interface ReviewRow {
  id: string;
  title: string;
  amount: number | null;
  status: string;
  /** The actor's own state on it. */
  mine: 'to-do' | 'scored' | 'declared' | 'explained';
  scoredBy: number;
  declaredBy: number;
  /** Only once the actor has scored it (or as a steward): others' scores stay hidden until then. */
  moderation: Moderation | null;
}

/** The applications the panel reviews, without the actor's own (an applicant never reviews theirs). */
export async function reviewList(actor: Actor, roundId: string, now = Date.now()) {
  const { round, subject } = await requireRound(actor, roundId, now);
  authorize(actor, 'fundRound.review', subject);
  const apps = await db
    .selectFrom('fund_applications')
    .select(['id', 'title', 'amount', 'status', 'lead_id', 'submitted_at'])
    .where('round_id', '=', roundId)
    .where('status', 'in', [...REVIEWED])
    // Waiting for its host organisation or a co-applicant: not in front of the panel yet (fundslots).
    .where((eb) => eb.or([eb('status', '!=', 'submitted'), countingApplication(eb)]))
    .orderBy('submitted_at')
    .execute();
  const mineCo = await db.selectFrom('fund_co_applicants').select('application_id').where('user_id', '=', actor.id).where('status', '!=', 'declined').execute();
  const own = new Set([...apps.filter((a) => a.lead_id === actor.id).map((a) => a.id), ...mineCo.map((c) => c.application_id)]);
  const visible = apps.filter((a) => !own.has(a.id));
  const ids = visible.map((a) => a.id);
  const [totals, conflicts] = await Promise.all([
    totalsByApplication(round, ids),
    ids.length ? db.selectFrom('fund_conflicts').select(['application_id', 'reviewer_id', 'decision']).where('application_id', 'in', ids).execute() : [],
  ]);
  const steward = actor.role === 'steward';
  const rows: ReviewRow[] = visible.map((a) => {
    const t = totals.get(a.id) ?? [];
    const myConflict = conflicts.find((c) => c.application_id === a.id && c.reviewer_id === actor.id)?.decision;
    const scored = t.some((x) => x.reviewerId === actor.id);
    const mine: ReviewRow['mine'] = myConflict === 'declared' ? 'declared' : scored ? 'scored' : myConflict === 'explained' ? 'explained' : 'to-do';
    return {
      id: a.id,
      title: a.title,
      amount: a.amount,
      status: a.status,
      mine,
      scoredBy: t.length,
      declaredBy: conflicts.filter((c) => c.application_id === a.id && c.decision === 'declared').length,
      moderation: steward || scored ? moderate(t.map((x) => x.total)) : null,
    };
  });
  return { round, subject, rows };
}

export interface RankedRow {
  id: string;
  title: string;
  amount: number;
  score: number | null;
  scoredBy: number;
  award: number | null;
  partial: boolean;
}

/** The panel's ranking by mean weighted score, and what it funds from the pot (stewards only). */
export async function ranking(actor: Actor, roundId: string, now = Date.now()) {
  const { round, subject } = await requireRound(actor, roundId, now);
  authorize(actor, 'fundRound.decide', subject);
  return { round, rows: await computeRanking(round) };
}

async function computeRanking(round: Round): Promise<RankedRow[]> {
  const apps = await db
    .selectFrom('fund_applications')
    .select(['id', 'title', 'amount', 'submitted_at'])
    .where('round_id', '=', round.id)
    .where('status', '=', 'submitted')
    .where(countingApplication)
    .execute();
  const totals = await totalsByApplication(round, apps.map((a) => a.id));
  const items = apps.map((a) => {
    const t = (totals.get(a.id) ?? []).map((x) => x.total);
    return { id: a.id, title: a.title, amount: a.amount ?? 0, submittedAt: a.submitted_at ?? 0, scoredBy: t.length, score: t.length ? t.reduce((x, y) => x + y, 0) / t.length : null };
  });
  // The round's own pot plus what the previous decided round left (fundmoney: rollover).
  const pot = await availablePot(round.id);
  const awards = new Map(panelAwards(items, pot, { allowPartial: round.allowPartial, minGrant: round.minGrant }).map((a) => [a.id, a]));
  return items
    .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.submittedAt - b.submittedAt || a.id.localeCompare(b.id))
    .map((i) => ({ id: i.id, title: i.title, amount: i.amount, score: i.score, scoredBy: i.scoredBy, award: awards.get(i.id)?.award ?? null, partial: awards.get(i.id)?.partial ?? false }));
}

/**
 * The stewards confirm the ranking: awards recorded, every reviewed application marked funded or not
 * funded, the round decided — all in one transaction, and only once (a second confirm changes nothing).
 */
export async function confirmAwards(actor: Actor, roundId: string, now = Date.now()): Promise<'ok' | 'already-decided'> {
  const { round, subject } = await requireRound(actor, roundId, now);
  authorize(actor, 'fundRound.decide', subject);
  const rows = await computeRanking(round);
  const done = await db.transaction().execute(async (trx) => {
    const res = await trx.updateTable('fund_rounds').set({ status: 'decided', decided_at: now, updated_at: now }).where('id', '=', roundId).where('status', '=', 'closed').executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return false;
    for (const r of rows) {
      if (r.award !== null) {
        await trx.insertInto('fund_awards').values({ application_id: r.id, round_id: roundId, amount: r.award, partial: r.partial ? 1 : 0, confirmed_by: actor.id, confirmed_at: now }).execute();
      }
      await trx
        .updateTable('fund_applications')
        .set({ status: r.award !== null ? 'funded' : 'not-funded', updated_at: now })
        .where('id', '=', r.id)
        .where('status', '=', 'submitted')
        .execute();
    }
    return true;
  });
  if (!done) return 'already-decided';
  // Each award's mid-point and end reports (and reminders) exist from the decision, not from a first look.
  for (const r of rows) if (r.award !== null) await ensureReports({ applicationId: r.id, decidedAt: now }, now);
  await notifyDecision(roundId);
  await audit({ actorId: actor.id, action: 'fund_round.decided', subjectType: 'fund_round', subjectId: roundId, details: { awards: rows.filter((r) => r.award !== null).length } });
  return 'ok';
}

/**
 * What an applicant learns once the round is decided: the award (if any) and feedback built from the
 * reviewers' comments per criterion — never who wrote them (sorted by text, so not even the order
 * gives a reviewer away).
 */
export async function outcomeFor(applicationId: string, round: Pick<Round, 'criteria'>) {
  const [award, comments] = await Promise.all([
    db.selectFrom('fund_awards').select(['amount', 'partial']).where('application_id', '=', applicationId).executeTakeFirst(),
    db.selectFrom('fund_scores').select(['criterion_id', 'comment']).where('application_id', '=', applicationId).execute(),
  ]);
  const feedback = round.criteria.map((c) => ({
    criterion: c.label,
    comments: comments
      .filter((s) => s.criterion_id === c.id)
      .map((s) => s.comment)
      .sort((a, b) => a.localeCompare(b)),
  }));
  return { award: award ? { amount: award.amount, partial: award.partial === 1 } : null, feedback };
}
