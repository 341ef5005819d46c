/**
 * Fund-audit: hand-made POSTs to the seed fund's routes — missing, duplicated and garbage fields, sent
 * by the member who is allowed to post there. Each must be a 4xx with nothing written (never a 500,
 * never a half-saved row). Actions are called as Remix calls them, with a real session cookie.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ActionFunctionArgs } from '@remix-run/node';
import { db } from '~db/connection';
import { createSessionCookie } from '~/modules/auth/session.server';
import { makeMember } from '../../../test/factories';
import { saveApplication, startApplication } from './applications.server';
import { createRound, openRound, type RoundInput } from './rounds.server';
import { openReview } from './panel.server';
import { decidedGrant } from './grants.test-helpers';
import { action as applicationAction } from '~/routes/funds.applications.$appId';
import { action as reviewAction } from '~/routes/funds.applications.$appId_.review';
import { action as roundAction } from '~/routes/funds.$id._index';
import { action as newRoundAction } from '~/routes/funds.new';
import { action as grantAction } from '~/routes/funds.grants.$appId';
import { action as reportAction } from '~/routes/funds.grants.$appId_.reports.$kind';
import { action as conversationsAction } from '~/routes/funds.$id.conversations';
import { action as voteAction } from '~/routes/funds.$id.vote';
import { action as pitchAction } from '~/routes/funds.$id.pitch';
import { action as questionsAction } from '~/routes/funds.$id.questions';

type Who = Awaited<ReturnType<typeof makeMember>>;
type Action = (args: ActionFunctionArgs) => Promise<unknown>;
const HOUR = 3_600_000;

async function post(action: Action, who: Who, params: Record<string, string>, fields: [string, string][]): Promise<number> {
  const headers = new Headers({ cookie: (await createSessionCookie(who.id)).split(';')[0]!, 'content-type': 'application/x-www-form-urlencoded' });
  const request = new Request('http://nomi.test/funds', { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
  try {
    const res = (await action({ request, params, context: { cspNonce: '' } as ActionFunctionArgs['context'] })) as Response;
    return res.status;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e; // what Remix would answer with a 500
  }
}

const FUND_TABLES = ['fund_rounds', 'fund_panel', 'fund_applications', 'fund_answers', 'fund_co_applicants', 'fund_conflicts', 'fund_scores', 'fund_awards', 'fund_payments', 'fund_reports', 'fund_report_files', 'fund_slots', 'fund_pitches', 'fund_pitch_scores', 'fund_votes', 'governance_proposals', 'governance_electorate', 'governance_voters', 'fund_vote_ballots', 'fund_round_questions', 'fund_round_evidence'];
async function fingerprint(): Promise<string> {
  const parts: string[] = [];
  for (const t of FUND_TABLES) parts.push(JSON.stringify((await sql`SELECT * FROM ${sql.table(t)} ORDER BY 1`.execute(db)).rows));
  return parts.join('\n');
}

const roundInput = (over: Partial<RoundInput>): RoundInput => ({
  name: 'Garbage round', description: 'd', pot: 5000, minGrant: 100, maxGrant: 3000, themes: [], cities: [], eligibility: [{ text: 'Based here?', qualifies: true, explanation: 'Sorry' }],
  questions: [{ text: 'What?', wordLimit: 50 }], criteria: [{ label: 'Need', weight: 1 }], decisionMethod: 'panel', allowPartial: false,
  minLivedExperience: 0, opensAt: Date.now() - HOUR, closesAt: Date.now() + 24 * HOUR, panel: [], ...over,
});

let steward: Who, lead: Who, rev: Who, grantee: Who;
let openRoundId = '';
let appId = '';
let reviewRoundId = '';
let reviewAppId = '';
let grantAppId = '';
let membersRoundId = '';

beforeAll(async () => {
  steward = await makeMember({ role: 'steward' });
  lead = await makeMember();
  rev = await makeMember();
  grantee = await makeMember();
  const r = await createRound(steward, roundInput({ panel: [rev.id] }));
  if (!('id' in r)) throw new Error();
  openRoundId = r.id;
  await openRound(steward, openRoundId);
  const s = await startApplication(lead, openRoundId, { e1: true });
  if (!('id' in s)) throw new Error();
  appId = s.id;
  // A round in review, with one submitted application for the reviewer.
  const T0 = Date.now();
  const rr = await createRound(steward, roundInput({ name: 'In review', panel: [rev.id], opensAt: T0 - HOUR, closesAt: T0 + HOUR }), T0 - HOUR);
  if (!('id' in rr)) throw new Error();
  reviewRoundId = rr.id;
  await openRound(steward, reviewRoundId, T0 - HOUR);
  const ra = await startApplication(lead, reviewRoundId, { e1: true }, T0);
  if (!('id' in ra)) throw new Error();
  reviewAppId = ra.id;
  await saveApplication(lead, reviewAppId, { title: 'T', summary: 'S', amount: 500, budgetLines: [{ label: 'All', amount: 500 }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: 'a' }, media: {}, removeMedia: [] }, { submit: true }, T0);
  // Applications close for good in the database's own time: review opens now.
  await db.updateTable('fund_rounds').set({ closes_at: Date.now() - 1000, opens_at: Date.now() - HOUR }).where('id', '=', reviewRoundId).execute();
  expect(await openReview(steward, reviewRoundId)).toBe('ok');
  grantAppId = (await decidedGrant({ steward, lead: grantee })).appId;
  // A members' round whose applications have closed: stewards may open its vote.
  const mr = await createRound(steward, roundInput({ name: 'Members', decisionMethod: 'members', opensAt: T0 - HOUR, closesAt: T0 + HOUR }), T0 - HOUR);
  if (!('id' in mr)) throw new Error();
  membersRoundId = mr.id;
  await openRound(steward, membersRoundId, T0 - HOUR);
  const ma = await startApplication(lead, membersRoundId, { e1: true }, T0);
  if (!('id' in ma)) throw new Error();
  await saveApplication(lead, ma.id, { title: 'M', summary: 'S', amount: 500, budgetLines: [{ label: 'All', amount: 500 }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: 'a' }, media: {}, removeMedia: [] }, { submit: true }, T0);
  await db.updateTable('fund_rounds').set({ closes_at: Date.now() - 1000, opens_at: Date.now() - HOUR }).where('id', '=', membersRoundId).execute();
});

const cases: { name: string; action: Action; who: () => Who; params: () => Record<string, string>; fields: [string, string][] }[] = [
  // The application form.
  { name: 'application: no intent', action: applicationAction, who: () => lead, params: () => ({ appId }), fields: [['title', 'x']] },
  { name: 'application: unknown intent', action: applicationAction, who: () => lead, params: () => ({ appId }), fields: [['intent', 'publish']] },
  { name: 'application: the title twice', action: applicationAction, who: () => lead, params: () => ({ appId }), fields: [['intent', 'save'], ['title', 'a'], ['title', 'b']] },
  { name: 'application: amount not a number', action: applicationAction, who: () => lead, params: () => ({ appId }), fields: [['intent', 'save'], ['amount', '12abc']] },
  { name: 'application: a negative budget line', action: applicationAction, who: () => lead, params: () => ({ appId }), fields: [['intent', 'save'], ['lines[0].label', 'x'], ['lines[0].amount', '-5']] },
  { name: 'application: an unknown kind', action: applicationAction, who: () => lead, params: () => ({ appId }), fields: [['intent', 'save'], ['kind', 'charity']] },
  { name: 'application: a co-applicant who is nobody', action: applicationAction, who: () => lead, params: () => ({ appId }), fields: [['intent', 'save'], ['coApplicantIds', 'ghost']] },
  { name: 'application: a host that does not exist', action: applicationAction, who: () => lead, params: () => ({ appId }), fields: [['intent', 'save'], ['kind', 'group'], ['hostOrgId', 'no-such-org']] },
  { name: 'application: a 10,000-character answer', action: applicationAction, who: () => lead, params: () => ({ appId }), fields: [['intent', 'save'], ['answers.q1', 'x'.repeat(10_000)]] },
  { name: 'application: submitting it empty', action: applicationAction, who: () => lead, params: () => ({ appId }), fields: [['intent', 'submit']] },
  // Eligibility on the round page.
  { name: 'round: eligibility answered "perhaps"', action: roundAction, who: () => rev, params: () => ({ id: openRoundId }), fields: [['intent', 'start'], ['answers.e1', 'perhaps']] },
  { name: 'round: unknown intent', action: roundAction, who: () => steward, params: () => ({ id: openRoundId }), fields: [['intent', 'delete']] },
  // A new round.
  { name: 'new round: nothing', action: newRoundAction, who: () => steward, params: () => ({}), fields: [] },
  {
    name: 'new round: 31 February',
    action: newRoundAction,
    who: () => steward,
    params: () => ({}),
    fields: [['name', 'R'], ['description', 'd'], ['pot', '5000'], ['minGrant', '100'], ['maxGrant', '1000'], ['opensOn', '2027-02-31'], ['closesOn', '2027-03-01'], ['decisionMethod', 'panel'], ['questions[0].text', 'Q'], ['criteria[0].label', 'C']],
  },
  {
    name: 'new round: an eligibility answer "maybe"',
    action: newRoundAction,
    who: () => steward,
    params: () => ({}),
    fields: [['name', 'R'], ['description', 'd'], ['pot', '5000'], ['minGrant', '100'], ['maxGrant', '1000'], ['opensOn', '2027-02-01'], ['closesOn', '2027-03-01'], ['decisionMethod', 'panel'], ['eligibility[0].text', 'E'], ['eligibility[0].qualifies', 'maybe']],
  },
  // Review.
  { name: 'review: score with nothing', action: reviewAction, who: () => rev, params: () => ({ appId: reviewAppId }), fields: [['intent', 'score']] },
  { name: 'review: a score of 1e3', action: reviewAction, who: () => rev, params: () => ({ appId: reviewAppId }), fields: [['intent', 'score'], ['score.c1', '1e3'], ['comment.c1', 'x']] },
  { name: 'review: explaining with nothing', action: reviewAction, who: () => rev, params: () => ({ appId: reviewAppId }), fields: [['intent', 'explain']] },
  { name: 'review: unknown intent', action: reviewAction, who: () => rev, params: () => ({ appId: reviewAppId }), fields: [['intent', 'approve']] },
  // Grants, payments, due dates, reports.
  { name: 'grant: a payment of "lots"', action: grantAction, who: () => steward, params: () => ({ appId: grantAppId }), fields: [['intent', 'pay'], ['amount', 'lots'], ['paidOn', '2026-01-01'], ['reference', 'r'], ['paidTo', 'grantee']] },
  { name: 'grant: paid on 2026-13-45', action: grantAction, who: () => steward, params: () => ({ appId: grantAppId }), fields: [['intent', 'pay'], ['amount', '10'], ['paidOn', '2026-13-45'], ['reference', 'r'], ['paidTo', 'grantee']] },
  { name: 'grant: paid to a host it does not have', action: grantAction, who: () => steward, params: () => ({ appId: grantAppId }), fields: [['intent', 'pay'], ['amount', '10'], ['paidOn', '2026-01-01'], ['reference', 'r'], ['paidTo', 'host']] },
  { name: 'grant: due on 2026-13-45', action: grantAction, who: () => steward, params: () => ({ appId: grantAppId }), fields: [['intent', 'dueDates'], ['mid', '2026-13-45'], ['end', '2027-02-30']] },
  { name: 'grant: removing no payment', action: grantAction, who: () => steward, params: () => ({ appId: grantAppId }), fields: [['intent', 'removePayment']] },
  { name: 'grant: unknown intent', action: grantAction, who: () => steward, params: () => ({ appId: grantAppId }), fields: [['intent', 'refund']] },
  { name: 'report: nothing', action: reportAction, who: () => grantee, params: () => ({ appId: grantAppId, kind: 'mid' }), fields: [] },
  { name: 'report: people reached "many"', action: reportAction, who: () => grantee, params: () => ({ appId: grantAppId, kind: 'mid' }), fields: [['intent', 'save'], ['peopleReached', 'many']] },
  { name: 'report: a third kind', action: reportAction, who: () => grantee, params: () => ({ appId: grantAppId, kind: 'final' }), fields: [['intent', 'save']] },
  // Conversations, vote, pitch day, Q&A.
  { name: 'conversations: a slot at 99:99 on 2026-99-99', action: conversationsAction, who: () => steward, params: () => ({ id: openRoundId }), fields: [['intent', 'offer'], ['startsAt', '2026-99-99T99:99'], ['minutes', '20'], ['mode', 'phone']] },
  { name: 'conversations: booking nothing', action: conversationsAction, who: () => lead, params: () => ({ id: openRoundId }), fields: [['intent', 'book']] },
  { name: 'conversations: cancelling a slot that does not exist', action: conversationsAction, who: () => lead, params: () => ({ id: openRoundId }), fields: [['intent', 'cancel'], ['slotId', 'nope']] },
  { name: 'vote: closing on 31 February', action: voteAction, who: () => steward, params: () => ({ id: membersRoundId }), fields: [['intent', 'open'], ['closes', '2027-02-31']] },
  { name: 'vote: closing in month 99', action: voteAction, who: () => steward, params: () => ({ id: membersRoundId }), fields: [['intent', 'open'], ['closes', '2027-99-99']] },
  { name: 'vote: a ballot with no token', action: voteAction, who: () => lead, params: () => ({ id: membersRoundId }), fields: [['intent', 'vote'], ['approve', 'x']] },
  { name: 'vote: a panel round has none', action: voteAction, who: () => lead, params: () => ({ id: openRoundId }), fields: [['intent', 'vote'], ['token', 'x'], ['approve', appId]] },
  { name: 'pitch: starting a pitch that does not exist', action: pitchAction, who: () => steward, params: () => ({ id: reviewRoundId }), fields: [['intent', 'start'], ['applicationId', 'nope']] },
  { name: 'questions: answering a question that does not exist', action: questionsAction, who: () => steward, params: () => ({ id: openRoundId }), fields: [['intent', 'answer'], ['questionId', 'nope'], ['answer', 'Yes']] },
  { name: 'questions: asking nothing', action: questionsAction, who: () => lead, params: () => ({ id: openRoundId }), fields: [['intent', 'ask']] },
];

describe('hand-made POSTs to the seed fund (fund-audit)', () => {
  for (const c of cases) {
    it(`${c.name}: 4xx, nothing written`, async () => {
      const before = await fingerprint();
      const status = await post(c.action, c.who(), c.params(), c.fields);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      expect(await fingerprint()).toBe(before);
    });
  }

  async function postMultipart(who: Who, params: Record<string, string>, body: FormData | string, contentType?: string): Promise<number> {
    const headers = new Headers({ cookie: (await createSessionCookie(who.id)).split(';')[0]! });
    if (contentType) headers.set('content-type', contentType);
    const request = new Request('http://nomi.test/funds', { method: 'POST', headers, body });
    try {
      return ((await applicationAction({ request, params, context: { cspNonce: '' } as ActionFunctionArgs['context'] })) as Response).status;
    } catch (e) {
      if (e instanceof Response) return e.status;
      throw e;
    }
  }

  it('multipart: a file in a field no question has, an empty recording, a broken body — 4xx or ignored, never 500', async () => {
    const before = await fingerprint();
    const unknown = new FormData();
    unknown.set('intent', 'save');
    unknown.set('title', 'x'.repeat(500));
    unknown.set('media.q9', new Blob([Buffer.from('MZ\x90\x00 not audio')], { type: 'audio/webm' }), 'a.webm');
    const s1 = await postMultipart(lead, { appId }, unknown);
    expect(s1 >= 400 && s1 < 500).toBe(true);
    const empty = new FormData();
    empty.set('intent', 'save');
    empty.set('title', 'x'.repeat(500));
    empty.set('media.q1', new Blob([]), 'empty.webm');
    const s2 = await postMultipart(lead, { appId }, empty);
    expect(s2 >= 400 && s2 < 500).toBe(true);
    const s3 = await postMultipart(lead, { appId }, '--nope\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave', 'multipart/form-data; boundary=elsewhere');
    expect(s3 >= 400 && s3 < 500).toBe(true);
    expect(await fingerprint()).toBe(before);
  });

  it('an application cannot be moved to another round by a posted round id', async () => {
    const status = await post(applicationAction, lead, { appId }, [['intent', 'save'], ['title', 'Moved?'], ['roundId', reviewRoundId], ['round_id', reviewRoundId]]);
    expect(status).toBe(302);
    expect((await db.selectFrom('fund_applications').select(['round_id', 'title']).where('id', '=', appId).executeTakeFirstOrThrow())).toEqual({ round_id: openRoundId, title: 'Moved?' });
  });
});
