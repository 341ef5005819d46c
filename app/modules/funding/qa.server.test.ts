/**
 * Round Q&A (issue 14 item 2): members ask, a steward or panel member answers once, the answer is shown to
 * every member, and who asked is never shown — not to the panel, not to stewards, not in the page data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { createRound, openRound } from './rounds.server';
import { answerQuestion, askQuestion, PENDING_MAX, publishedQuestions, questionsFor } from './qa.server';

const DAY = 86_400_000;
type A = { id: string; role: 'member' | 'steward' };
let steward: A, panel: A, asker: A, other: A;
let roundId: string;

async function newRound(opens: number, closes: number): Promise<string> {
  const r = await createRound(steward, {
    name: `Round ${Math.random()}`,
    description: 'Seed grants',
    pot: 5000,
    minGrant: 500,
    maxGrant: 2000,
    themes: [],
    cities: [],
    eligibility: [],
    questions: [{ text: 'What?', wordLimit: 100 }],
    criteria: [{ label: 'Need', weight: 1 }],
    decisionMethod: 'panel',
    allowPartial: false,
    minLivedExperience: 0,
    opensAt: opens,
    closesAt: closes,
    panel: [panel.id],
  }, opens - DAY);
  if (!('id' in r)) throw new Error(r.problems.join());
  await openRound(steward, r.id, opens);
  return r.id;
}

beforeAll(async () => {
  const s = await makeMember({ role: 'steward' });
  steward = { id: s.id, role: 'steward' };
  panel = { id: (await makeMember({ name: 'Panel Person' })).id, role: 'member' };
  asker = { id: (await makeMember({ name: 'Zainab Asker' })).id, role: 'member' };
  other = { id: (await makeMember({ name: 'Other Member' })).id, role: 'member' };
  roundId = await newRound(Date.now() - DAY, Date.now() + 10 * DAY);
});

const refused = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e instanceof Response ? e.status : String(e);
  }
  return 'allowed';
};

describe('round questions and answers', () => {
  it('keeps a waiting question to its asker and those who answer, never saying who asked', async () => {
    await askQuestion(asker, roundId, 'Can a group without a bank account apply?');
    const mine = await questionsFor(asker, roundId);
    expect(mine.mine.map((q) => q.question)).toEqual(['Can a group without a bank account apply?']);
    expect(mine.toAnswer).toEqual([]);
    const others = await questionsFor(other, roundId);
    expect(others.mine).toEqual([]);
    expect(JSON.stringify(others)).not.toContain('bank account');
    for (const who of [panel, steward]) {
      const view = await questionsFor(who, roundId);
      expect(view.toAnswer.map((q) => q.question)).toEqual(['Can a group without a bank account apply?']);
      expect(JSON.stringify(view)).not.toContain(asker.id);
      expect(JSON.stringify(view)).not.toContain('Zainab');
    }
  });

  it('publishes one answer, with the question as the answerer rephrased it, to every member', async () => {
    await askQuestion(asker, roundId, 'I am Zainab from Moseley, can I pay my cousin to cook?');
    const q = (await questionsFor(panel, roundId)).toAnswer.find((x) => x.question.includes('cousin'))!;
    expect(await answerQuestion(panel, roundId, q.id, { answer: 'Yes, if the budget shows it.', publishedQuestion: 'Can the grant pay a relative for work?' })).toEqual({ ok: true });
    // A second answer (another steward at the same moment) changes nothing: refused by the rule, or lost the race.
    expect(await refused(answerQuestion(steward, roundId, q.id, { answer: 'No.', publishedQuestion: 'x' }))).toBe(403);
    const published = await publishedQuestions(roundId);
    expect(published).toEqual([expect.objectContaining({ question: 'Can the grant pay a relative for work?', answer: 'Yes, if the budget shows it.' })]);
    expect(JSON.stringify((await questionsFor(other, roundId)).published)).not.toContain('Zainab');
    const row = await db.selectFrom('fund_round_questions').select(['answer']).where('id', '=', q.id).executeTakeFirstOrThrow();
    expect(row.answer).toBe('Yes, if the budget shows it.');
  });

  it('refuses a plain member answering (403, nothing written)', async () => {
    const q = (await questionsFor(steward, roundId)).toAnswer[0]!;
    expect(await refused(answerQuestion(other, roundId, q.id, { answer: 'Sure!', publishedQuestion: 'x' }))).toBe(403);
    const row = await db.selectFrom('fund_round_questions').select(['answer', 'answered_at']).where('id', '=', q.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ answer: null, answered_at: null });
  });

  it('refuses questions once the round has closed, and on a round that does not exist (404)', async () => {
    const closed = await newRound(Date.now() - 20 * DAY, Date.now() - DAY);
    expect(await refused(askQuestion(asker, closed, 'Too late?'))).toBe(403);
    expect(await refused(askQuestion(asker, 'no-such-round', 'Hello?'))).toBe(404);
    expect(await db.selectFrom('fund_round_questions').select('id').where('round_id', '=', closed).execute()).toEqual([]);
  });

  it('lets a member have at most a few questions waiting at once', async () => {
    const r = await newRound(Date.now() - DAY, Date.now() + DAY);
    for (let i = 0; i < PENDING_MAX; i++) expect(await askQuestion(other, r, `Question ${i}?`)).toEqual({ ok: true });
    expect(await askQuestion(other, r, 'One more?')).toEqual({ ok: false, error: 'too-many-pending' });
  });

  it('answers a question only within its own round', async () => {
    const r2 = await newRound(Date.now() - DAY, Date.now() + DAY);
    const q = (await questionsFor(steward, roundId)).toAnswer[0]!;
    expect(await refused(answerQuestion(steward, r2, q.id, { answer: 'A', publishedQuestion: 'Q' }))).toBe(404);
  });
});

describe('the member’s own data', () => {
  it('exports their questions, and on deletion drops a waiting one and forgets them on an answered one', async () => {
    const { fundingData, eraseFundingData } = await import('./my-data.server');
    const m = { id: (await makeMember({ name: 'Leaving Member' })).id, role: 'member' as const };
    await askQuestion(m, roundId, 'Waiting question from a leaver?');
    await askQuestion(m, roundId, 'Answered question from a leaver?');
    const q = (await questionsFor(steward, roundId)).toAnswer.find((x) => x.question === 'Answered question from a leaver?')!;
    await answerQuestion(steward, roundId, q.id, { answer: 'Yes.', publishedQuestion: 'Answered question from a leaver?' });
    const data = await fundingData(m.id);
    expect(data.roundQuestionsYouAsked.map((x) => x.question).sort()).toEqual(['Answered question from a leaver?', 'Waiting question from a leaver?']);
    await db.transaction().execute((trx) => eraseFundingData(trx, m.id));
    const left = await db.selectFrom('fund_round_questions').select(['question', 'asker_id']).where('question', 'like', '%from a leaver?').execute();
    expect(left).toEqual([{ question: 'Answered question from a leaver?', asker_id: null }]);
  });
});

describe('round questions: who is told', () => {
  it('tells the panel and stewards a question is waiting (never who asked), and the asker when it is answered', async () => {
    const before = await db.selectFrom('notifications').select('id').where('kind', 'in', ['funding.question_waiting', 'funding.question_answered']).execute();
    const seen = new Set(before.map((n) => n.id));
    await askQuestion(asker, roundId, 'Who should I talk to about a joint bid?');
    const waiting = (await db.selectFrom('notifications').select(['id', 'user_id', 'params', 'link']).where('kind', '=', 'funding.question_waiting').execute()).filter((n) => !seen.has(n.id));
    const told = waiting.map((n) => n.user_id);
    expect(told).toContain(panel.id);
    expect(told).toContain(steward.id);
    expect(told).not.toContain(asker.id);
    expect(told).not.toContain(other.id);
    for (const n of waiting) {
      expect(n.params).not.toContain(asker.id);
      expect(n.link).toBe(`/funds/${roundId}/questions`);
    }
    const q = (await questionsFor(panel, roundId)).toAnswer.find((x) => x.question.includes('joint bid'))!;
    await answerQuestion(panel, roundId, q.id, { answer: 'Any steward.', publishedQuestion: null });
    const answered = (await db.selectFrom('notifications').select(['id', 'user_id']).where('kind', '=', 'funding.question_answered').execute()).filter((n) => !seen.has(n.id));
    expect(answered.map((n) => n.user_id)).toEqual([asker.id]);
  });
});
