/**
 * Review by the panel: conflicts of interest found from the network's own data, declared or
 * explained; scores per criterion (1–5, with a required comment); others' scores hidden from a
 * reviewer until they have submitted their own; the spread per application for moderation.
 * Writes are authorised through app/policies/funding.ts ('fundApplication.score' is refused — 403,
 * nothing stored — to a reviewer who declared a conflict).
 */
import { db } from '~db/connection';
import { authorize, type Actor } from '~/policies';
import { detectConflicts, moderate, SCORE_MAX, SCORE_MIN, weightedScore, type Conflict } from './rules';
import { loadApplication, type Application } from './applications.server';

export const COMMENT_MAX = 1000;

/**
 * What the network's data says ties this reviewer to this application. A read: the review page calls
 * it on every GET, so it records nothing — the reviewer's declaration records what it showed.
 */
export async function conflictsFor(actor: Actor, applicationId: string, now = Date.now()): Promise<Conflict[]> {
  const { app, subject } = await loadApplication(actor, applicationId, now);
  authorize(actor, 'fundApplication.declareConflict', subject);
  return detectFor(actor, app);
}

async function detectFor(actor: Actor, app: Application): Promise<Conflict[]> {
  const people = [app.leadId, ...app.coApplicants.map((c) => c.userId), actor.id];
  const [mentorships, myBids, orgMembers] = await Promise.all([
    db.selectFrom('mentorships').select(['mentor_id', 'mentee_id', 'status']).where((eb) => eb.or([eb('mentor_id', '=', actor.id), eb('mentee_id', '=', actor.id)])).execute(),
    db.selectFrom('bid_partners').select('bid_id').where('user_id', '=', actor.id).execute(),
    db.selectFrom('organisation_members').select(['org_id', 'user_id']).where('user_id', 'in', people).execute(),
  ]);
  const bidPartners = myBids.length
    ? await db.selectFrom('bid_partners').select(['bid_id', 'user_id', 'org_id', 'status']).where('bid_id', 'in', myBids.map((b) => b.bid_id)).execute()
    : [];
  return detectConflicts(actor.id, {
    leadApplicantId: app.leadId,
    coApplicantIds: app.coApplicants.filter((c) => c.status !== 'declined').map((c) => c.userId),
    orgId: app.orgId,
    hostOrgId: app.hostOrgId,
    mentorships: mentorships.map((m) => ({ mentorId: m.mentor_id, menteeId: m.mentee_id, status: m.status })),
    bidPartners: bidPartners.map((p) => ({ bidId: p.bid_id, userId: p.user_id, orgId: p.org_id, status: p.status })),
    orgMembers: orgMembers.map((m) => ({ orgId: m.org_id, userId: m.user_id })),
  });
}

/** The reviewer declares a conflict (and stops scoring it) or explains why it does not matter. */
export async function decideConflict(actor: Actor, applicationId: string, decision: 'declared' | 'explained', explanation: string, now = Date.now()): Promise<'ok' | 'explanation-required'> {
  const { app, subject } = await loadApplication(actor, applicationId, now);
  authorize(actor, 'fundApplication.declareConflict', subject);
  if (decision === 'explained' && !explanation.trim()) return 'explanation-required';
  const detected = JSON.stringify(await detectFor(actor, app));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('fund_conflicts')
      .values({ application_id: applicationId, reviewer_id: actor.id, detected, decision, explanation: explanation.trim() || null, decided_at: now })
      .onConflict((oc) => oc.columns(['application_id', 'reviewer_id']).doUpdateSet({ detected, decision, explanation: explanation.trim() || null, decided_at: now }))
      .execute();
    // A declared conflict removes the reviewer from scoring it, including anything already scored —
    // written review and pitch day alike (pitch scores fed the pitch-day spread).
    if (decision === 'declared') {
      await trx.deleteFrom('fund_scores').where('application_id', '=', applicationId).where('reviewer_id', '=', actor.id).execute();
      await trx.deleteFrom('fund_pitch_scores').where('application_id', '=', applicationId).where('reviewer_id', '=', actor.id).execute();
    }
  });
  return 'ok';
}

export type ScoreProblem = { criterionId: string; error: 'score-range' | 'comment-required' | 'comment-too-long' | 'missing' };

/** What is wrong with a set of scores: every criterion 1–5 with a comment (written review and pitch day alike). */
export function scoreProblems(criteria: ReadonlyArray<{ id: string }>, scores: Record<string, { score: number; comment: string }>): ScoreProblem[] {
  const problems: ScoreProblem[] = [];
  for (const c of criteria) {
    const s = scores[c.id];
    if (!s) problems.push({ criterionId: c.id, error: 'missing' });
    else {
      if (!Number.isInteger(s.score) || s.score < SCORE_MIN || s.score > SCORE_MAX) problems.push({ criterionId: c.id, error: 'score-range' });
      if (!s.comment.trim()) problems.push({ criterionId: c.id, error: 'comment-required' });
      else if (s.comment.length > COMMENT_MAX) problems.push({ criterionId: c.id, error: 'comment-too-long' });
    }
  }
  return problems;
}

/** Scores for every criterion, each 1–5 with a comment; all stored together or none. */
export async function submitScores(actor: Actor, applicationId: string, scores: Record<string, { score: number; comment: string }>, now = Date.now()): Promise<{ ok: true } | { ok: false; problems: ScoreProblem[] }> {
  const { round, subject } = await loadApplication(actor, applicationId, now);
  authorize(actor, 'fundApplication.score', subject);
  const problems = scoreProblems(round.criteria, scores);
  if (problems.length) return { ok: false, problems };
  await db.transaction().execute(async (trx) => {
    for (const c of round.criteria) {
      const values = { score: scores[c.id].score, comment: scores[c.id].comment.trim(), submitted_at: now };
      await trx
        .insertInto('fund_scores')
        .values({ application_id: applicationId, reviewer_id: actor.id, criterion_id: c.id, ...values })
        .onConflict((oc) => oc.columns(['application_id', 'reviewer_id', 'criterion_id']).doUpdateSet(values))
        .execute();
    }
  });
  return { ok: true };
}

/**
 * The scores a reviewer may see: their own, and everyone's only once they have submitted theirs (or
 * as a steward). Names are included for the panel; applicants are refused by the policy.
 */
export async function reviewsFor(actor: Actor, applicationId: string, now = Date.now()) {
  const { round, subject } = await loadApplication(actor, applicationId, now);
  authorize(actor, 'fundApplication.seeReviews', subject);
  const rows = await db
    .selectFrom('fund_scores')
    .innerJoin('users', 'users.id', 'fund_scores.reviewer_id')
    .select(['fund_scores.reviewer_id', 'users.name', 'fund_scores.criterion_id', 'fund_scores.score', 'fund_scores.comment'])
    .where('application_id', '=', applicationId)
    .execute();
  const submitted = rows.some((r) => r.reviewer_id === actor.id);
  const visible = submitted || (actor.role === 'steward') ? rows : rows.filter((r) => r.reviewer_id === actor.id);
  const byReviewer = new Map<string, { name: string; scores: Record<string, number>; comments: Record<string, string> }>();
  for (const r of visible) {
    const e = byReviewer.get(r.reviewer_id) ?? { name: r.name, scores: {}, comments: {} };
    e.scores[r.criterion_id] = r.score;
    e.comments[r.criterion_id] = r.comment;
    byReviewer.set(r.reviewer_id, e);
  }
  const reviewers = [...byReviewer.entries()].map(([id, e]) => ({ id, ...e, total: weightedScore(round.criteria, e.scores) }));
  const totals = reviewers.map((r) => r.total).filter((t): t is number => t !== null);
  return { othersHidden: !submitted && !(actor.role === 'steward'), reviewers, moderation: submitted || (actor.role === 'steward') ? moderate(totals) : null };
}


/** The reviewer's own decision on a detected conflict (declared or explained), if any. */
export async function myConflict(reviewerId: string, applicationId: string) {
  const row = await db.selectFrom('fund_conflicts').select(['decision', 'explanation']).where('application_id', '=', applicationId).where('reviewer_id', '=', reviewerId).executeTakeFirst();
  return row?.decision ? { decision: row.decision, explanation: row.explanation } : null;
}

/** Names for the members and organisations a conflict points at (shown to the panel only). */
export async function whoIs(ids: string[]): Promise<Record<string, string>> {
  if (!ids.length) return {};
  const [users, orgs] = await Promise.all([
    db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute(),
    db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute(),
  ]);
  return Object.fromEntries([...users, ...orgs].map((x) => [x.id, x.name]));
}
