/**
 * A round's questions and answers (issue 14 item 2): members ask while the round takes applications; a
 * steward or panel member answers once; the answer is shown to every member on the round page, so
 * everyone applies knowing the same things. Who asked is never shown to anyone — not to the panel, not
 * to stewards — only the asker sees their own question while it waits. The answerer may rephrase the
 * question as published, to take out anything that would identify the asker.
 */
import type { Transaction } from 'kysely';
import { db } from '~db/connection';
import type { Database } from '~db/schema';
import { authorize, can, type Actor } from '~/policies';
import type { FundQuestionSubject } from '~/policies/funding';
import { newId } from '~/modules/auth/tokens.server';
import { audit } from '~/modules/network/settings.server';
import { getRound, isOnPanel, type Round } from './rounds.server';

export const QUESTION_MAX = 1000;
export const ANSWER_MAX = 3000;
/** A member may have this many unanswered questions on a round at once (keeps the queue readable). */
export const PENDING_MAX = 5;

export interface PublishedQuestion {
  id: string;
  question: string;
  answer: string;
  answeredAt: number;
}

export interface PendingQuestion {
  id: string;
  question: string;
  createdAt: number;
}

async function qaSubject(actor: Actor, round: Round, answered = false, now = Date.now()): Promise<FundQuestionSubject> {
  return { roundStatus: round.status, closesAt: round.closesAt, now, isPanel: await isOnPanel(round.id, actor.id), answered };
}

async function requireRound(actor: Actor, roundId: string): Promise<Round> {
  const round = await getRound(actor, roundId);
  if (!round) throw new Response('Not found', { status: 404 });
  return round;
}

/** Answered questions: what every member who can see the round sees. */
export async function publishedQuestions(roundId: string): Promise<PublishedQuestion[]> {
  const rows = await db
    .selectFrom('fund_round_questions')
    .select(['id', 'question', 'published_question', 'answer', 'answered_at'])
    .where('round_id', '=', roundId)
    .where('answered_at', 'is not', null)
    .orderBy('answered_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, question: r.published_question || r.question, answer: r.answer ?? '', answeredAt: r.answered_at! }));
}

/**
 * The Q&A page's view for this member: the published answers, their own questions still waiting, and —
 * for those who answer — every waiting question, without who asked.
 */
export async function questionsFor(actor: Actor, roundId: string, now = Date.now()) {
  const round = await requireRound(actor, roundId);
  const subject = await qaSubject(actor, round, false, now);
  const canAnswer = can(actor, 'fundQuestion.answer', subject);
  const waiting = await db
    .selectFrom('fund_round_questions')
    .select(['id', 'question', 'created_at', 'asker_id'])
    .where('round_id', '=', roundId)
    .where('answered_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const strip = (r: (typeof waiting)[number]): PendingQuestion => ({ id: r.id, question: r.question, createdAt: r.created_at });
  return {
    round,
    abilities: { 'fundRound.ask': can(actor, 'fundRound.ask', subject), 'fundQuestion.answer': canAnswer },
    published: await publishedQuestions(roundId),
    mine: waiting.filter((r) => r.asker_id === actor.id).map(strip),
    toAnswer: canAnswer ? waiting.map(strip) : [],
  };
}

export type AskResult = { ok: true } | { ok: false; error: 'too-many-pending' };

export async function askQuestion(actor: Actor, roundId: string, question: string, now = Date.now()): Promise<AskResult> {
  const round = await requireRound(actor, roundId);
  authorize(actor, 'fundRound.ask', await qaSubject(actor, round, false, now));
  const id = newId();
  const inserted = await db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom('fund_round_questions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('round_id', '=', roundId)
      .where('asker_id', '=', actor.id)
      .where('answered_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(pending.n) >= PENDING_MAX) return false;
    await trx.insertInto('fund_round_questions').values({ id, round_id: roundId, asker_id: actor.id, question, published_question: null, answer: null, answered_by: null, answered_at: null, created_at: now }).execute();
    return true;
  });
  if (!inserted) return { ok: false, error: 'too-many-pending' };
  // Those who can answer are told a question is waiting; never who asked it.
  const panel = await db.selectFrom('fund_panel').select('user_id').where('round_id', '=', roundId).execute();
  const stewards = await db.selectFrom('users').select('id').where('role', '=', 'steward').where('status', '=', 'active').execute();
  const answerers = [...panel.map((p) => p.user_id), ...stewards.map((u) => u.id)].filter((id) => id !== actor.id);
  const { notifyMany } = await import('~/modules/notifications/notifications.server');
  await notifyMany(answerers, { kind: 'funding.question_waiting', params: { round: round.name }, link: `/funds/${roundId}/questions` });
  return { ok: true };
}

export type AnswerResult = { ok: true } | { ok: false; error: 'already-answered' };

/** Answers once: a second answer (two stewards at the same moment) changes nothing. */
export async function answerQuestion(actor: Actor, roundId: string, questionId: string, input: { answer: string; publishedQuestion: string | null }, now = Date.now()): Promise<AnswerResult> {
  const round = await requireRound(actor, roundId);
  const row = await db.selectFrom('fund_round_questions').select(['id', 'answered_at', 'asker_id']).where('id', '=', questionId).where('round_id', '=', roundId).executeTakeFirst();
  if (!row) throw new Response('Not found', { status: 404 });
  authorize(actor, 'fundQuestion.answer', await qaSubject(actor, round, row.answered_at !== null, now));
  const res = await db
    .updateTable('fund_round_questions')
    .set({ answer: input.answer, published_question: input.publishedQuestion, answered_by: actor.id, answered_at: now })
    .where('id', '=', questionId)
    .where('answered_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) return { ok: false, error: 'already-answered' };
  await audit({ actorId: actor.id, action: 'fund_question.answered', subjectType: 'fund_round', subjectId: roundId, details: { question: questionId } });
  // The asker hears the answer is out (it is published to every applicant on the round's page).
  if (row.asker_id) {
    const { notify } = await import('~/modules/notifications/notifications.server');
    await notify({ userId: row.asker_id, kind: 'funding.question_answered', params: { round: round.name }, link: `/funds/${roundId}/questions` });
  }
  return { ok: true };
}

/** "Your data": the questions this member asked, with their answers. */
export async function questionsAskedBy(userId: string) {
  return db
    .selectFrom('fund_round_questions as q')
    .innerJoin('fund_rounds as r', 'r.id', 'q.round_id')
    .select(['r.name as round', 'q.question', 'q.published_question', 'q.answer', 'q.created_at', 'q.answered_at'])
    .where('q.asker_id', '=', userId)
    .orderBy('q.created_at')
    .execute();
}

/**
 * On deletion: a question still waiting goes; an answered one stays for every applicant (as published,
 * perhaps rephrased) but forgets who asked it and who answered it.
 */
export async function eraseQuestions(trx: Transaction<Database>, userId: string): Promise<void> {
  await trx.deleteFrom('fund_round_questions').where('asker_id', '=', userId).where('answered_at', 'is', null).execute();
  await trx.updateTable('fund_round_questions').set({ asker_id: null }).where('asker_id', '=', userId).execute();
  await trx.updateTable('fund_round_questions').set({ answered_by: null }).where('answered_by', '=', userId).execute();
}
