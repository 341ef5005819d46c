/**
 * Pitch day (issue 14.5, optional per round, during review). A steward sets up the running order from
 * the applications that count, moves pitches up and down and starts each in turn; panel members score
 * the pitch being given (and earlier ones) from their phones with the review's criteria, 1–5 and a
 * comment; the steward's screen shows the running order and the spread of each pitch's scores.
 * Everything works as plain HTML (a refresh shows what changed). Pitch scores are kept apart from the
 * written review's scores.
 */
import { db } from '~db/connection';
import type { FundPitchState } from '~db/schema.fundslots';
import { abilitiesFor, authorize, type Actor } from '~/policies';
import type { FundPitchDaySubject, FundPitchSubject } from '~/policies/funding';
import { moderate, weightedScore } from './rules';
import { getRound, isOnPanel, isReviewOpen, type Round } from './rounds.server';
import { loadApplication } from './applications.server';
import { countingApplication } from './consent.server';
import { scoreProblems, type ScoreProblem } from './reviews.server';
import { appliesIn } from './panel.server';

async function dayFor(actor: Actor, roundId: string, now: number) {
  const round = await getRound(actor, roundId, now);
  if (!round) throw new Response('Not found', { status: 404 });
  const subject: FundPitchDaySubject = { isPanel: await isOnPanel(round.id, actor.id), reviewOpen: isReviewOpen(round), decided: round.status === 'decided', appliesInRound: await appliesIn(round.id, actor.id) };
  return { round, subject };
}

async function order(roundId: string) {
  return db
    .selectFrom('fund_pitches')
    .innerJoin('fund_applications', 'fund_applications.id', 'fund_pitches.application_id')
    .select(['fund_pitches.application_id as id', 'fund_pitches.position', 'fund_pitches.state', 'fund_pitches.started_at', 'fund_applications.title', 'fund_applications.lead_id'])
    .where('fund_pitches.round_id', '=', roundId)
    .orderBy('fund_pitches.position')
    .execute();
}

/** Each pitch's spread: one weighted total per panel member who scored it. */
async function spreads(round: Round, ids: string[]) {
  const rows = ids.length ? await db.selectFrom('fund_pitch_scores').select(['application_id', 'reviewer_id', 'criterion_id', 'score']).where('application_id', 'in', ids).execute() : [];
  const by = new Map<string, Map<string, Record<string, number>>>();
  for (const r of rows) {
    const m = by.get(r.application_id) ?? new Map<string, Record<string, number>>();
    m.set(r.reviewer_id, { ...(m.get(r.reviewer_id) ?? {}), [r.criterion_id]: r.score });
    by.set(r.application_id, m);
  }
  return new Map(ids.map((id) => [id, moderate([...(by.get(id)?.values() ?? [])].map((s) => weightedScore(round.criteria, s)).filter((t): t is number => t !== null))]));
}

const DAY_ABILITIES = ['fundPitch.run', 'fundPitch.screen', 'fundPitch.panel'] as const;

/** The pitch day as the actor may see it: the steward's screen, a panel member's scoring page, or 403. */
export async function pitchDay(actor: Actor, roundId: string, now = Date.now()) {
  const { round, subject } = await dayFor(actor, roundId, now);
  const abilities = abilitiesFor(actor, subject, DAY_ABILITIES);
  if (!abilities['fundPitch.screen'] && !abilities['fundPitch.panel']) authorize(actor, 'fundPitch.screen', subject);
  const rows = await order(roundId);
  const spread = abilities['fundPitch.screen'] ? await spreads(round, rows.map((r) => r.id)) : null;
  const mineScored = new Set(
    (await db.selectFrom('fund_pitch_scores').select('application_id').distinct().where('reviewer_id', '=', actor.id).where('application_id', 'in', rows.length ? rows.map((r) => r.id) : [''] ).execute()).map((r) => r.application_id),
  );
  const current = rows.find((r) => r.state === 'now') ?? null;
  return {
    round: { id: round.id, name: round.name, criteria: round.criteria },
    abilities,
    running: rows.map((r) => ({ id: r.id, position: r.position, state: r.state, title: r.title, scoredByMe: mineScored.has(r.id), spread: spread?.get(r.id) ?? null })),
    current: current ? { id: current.id, title: current.title } : null,
  };
}

/** Puts every application that counts (and is not yet in it) at the end of the running order. */
export async function setUpPitchDay(actor: Actor, roundId: string, now = Date.now()): Promise<number> {
  const { subject } = await dayFor(actor, roundId, now);
  authorize(actor, 'fundPitch.run', subject);
  return db.transaction().execute(async (trx) => {
    const apps = await trx
      .selectFrom('fund_applications')
      .select('id')
      .where('round_id', '=', roundId)
      .where('status', '=', 'submitted')
      .where(countingApplication)
      .where('id', 'not in', trx.selectFrom('fund_pitches').select('application_id').where('round_id', '=', roundId))
      .orderBy('submitted_at')
      .execute();
    const last = await trx.selectFrom('fund_pitches').select((eb) => eb.fn.max('position').as('p')).where('round_id', '=', roundId).executeTakeFirst();
    let p = Number(last?.p ?? 0);
    for (const a of apps) await trx.insertInto('fund_pitches').values({ application_id: a.id, round_id: roundId, position: ++p, state: 'waiting', started_at: null }).execute();
    return apps.length;
  });
}

/** Swaps a pitch with its neighbour in the running order. */
export async function movePitch(actor: Actor, roundId: string, applicationId: string, direction: 'up' | 'down', now = Date.now()): Promise<void> {
  const { subject } = await dayFor(actor, roundId, now);
  authorize(actor, 'fundPitch.run', subject);
  await db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('fund_pitches').select(['application_id', 'position']).where('round_id', '=', roundId).orderBy('position').execute();
    const i = rows.findIndex((r) => r.application_id === applicationId);
    if (i < 0) throw new Response('Not found', { status: 404 });
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= rows.length) return;
    await trx.updateTable('fund_pitches').set({ position: rows[j]!.position }).where('application_id', '=', rows[i]!.application_id).execute();
    await trx.updateTable('fund_pitches').set({ position: rows[i]!.position }).where('application_id', '=', rows[j]!.application_id).execute();
  });
}

/** Starts a pitch: it is "now" and whichever was "now" is done. */
export async function startPitch(actor: Actor, roundId: string, applicationId: string, now = Date.now()): Promise<void> {
  const { subject } = await dayFor(actor, roundId, now);
  authorize(actor, 'fundPitch.run', subject);
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('fund_pitches').select('state').where('round_id', '=', roundId).where('application_id', '=', applicationId).executeTakeFirst();
    if (!row) throw new Response('Not found', { status: 404 });
    await trx.updateTable('fund_pitches').set({ state: 'done' }).where('round_id', '=', roundId).where('state', '=', 'now').execute();
    await trx.updateTable('fund_pitches').set({ state: 'now', started_at: now }).where('application_id', '=', applicationId).execute();
  });
}

async function pitchSubject(actor: Actor, applicationId: string, now: number) {
  const { app, round, subject } = await loadApplication(actor, applicationId, now);
  const pitch = await db.selectFrom('fund_pitches').select('state').where('application_id', '=', applicationId).executeTakeFirst();
  const s: FundPitchSubject = {
    isPanel: subject.isPanel,
    isApplicant: subject.isLead || subject.isCoApplicant,
    declaredConflict: subject.declaredConflict,
    reviewOpen: subject.reviewOpen,
    state: (pitch?.state as FundPitchState | undefined) ?? null,
    counts: subject.counts,
  };
  return { app, round, subject: s };
}

/** The scoring form for one pitch: the actor's own scores so far (never anyone else's). */
export async function myPitchScores(actor: Actor, applicationId: string, now = Date.now()) {
  const { app, round, subject } = await pitchSubject(actor, applicationId, now);
  authorize(actor, 'fundPitch.score', subject);
  const rows = await db.selectFrom('fund_pitch_scores').select(['criterion_id', 'score', 'comment']).where('application_id', '=', applicationId).where('reviewer_id', '=', actor.id).execute();
  return { app: { id: app.id, title: app.title, roundId: round.id }, criteria: round.criteria, mine: Object.fromEntries(rows.map((r) => [r.criterion_id, { score: r.score, comment: r.comment }])) };
}

/** A panel member's scores of a pitch: every criterion 1–5 with a comment, all stored or none. */
export async function scorePitch(actor: Actor, applicationId: string, scores: Record<string, { score: number; comment: string }>, now = Date.now()): Promise<{ ok: true } | { ok: false; problems: ScoreProblem[] }> {
  const { round, subject } = await pitchSubject(actor, applicationId, now);
  authorize(actor, 'fundPitch.score', subject);
  const problems = scoreProblems(round.criteria, scores);
  if (problems.length) return { ok: false, problems };
  await db.transaction().execute(async (trx) => {
    for (const c of round.criteria) {
      const values = { score: scores[c.id]!.score, comment: scores[c.id]!.comment.trim(), submitted_at: now };
      await trx
        .insertInto('fund_pitch_scores')
        .values({ application_id: applicationId, reviewer_id: actor.id, criterion_id: c.id, ...values })
        .onConflict((oc) => oc.columns(['application_id', 'reviewer_id', 'criterion_id']).doUpdateSet(values))
        .execute();
    }
  });
  return { ok: true };
}
