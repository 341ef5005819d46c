/**
 * The members' vote (issue 14 item 6): own projects refused, the electorate frozen at opening, one
 * ballot per member with a retried form answered the same, and a close that counts by the Method of
 * Equal Shares — checked against an independent recount of the published .pb file (a plain,
 * voter-by-voter implementation over fraction.js below, written from Peters & Skowron's definition and
 * equalshares.net's "add one" completion, sharing no code with ./mes.ts).
 */
import Fraction from 'fraction.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { saveApplication, startApplication, withdrawApplication } from './applications.server';
import { createRound, openRound } from './rounds.server';
import { parsePb } from './pabulib';
import { countVote } from './vote-count';
import { fundingData } from './my-data.server';
import { newFormToken, readBox } from '~/modules/governance/ballot-box.server';
import { ballotPage, ballotsFile, castFundVote, checkFundReceipt, closeFundVote, confirmVoteAwards, openVote, voteResult } from './vote.server';
import { addCorrection, listDecisions } from '~/modules/governance/records.server';
import { decisionsCsv, decisionsPdf } from '~/modules/governance/minutes.server';
import { cic34Figures } from '~/modules/governance/cic34.server';
import { fixedT } from '~/modules/i18n/i18next.server';

const HOUR = 3_600_000;
type Who = Awaited<ReturnType<typeof makeMember>>;
let steward: Who, ana: Who, bashir: Who, chidi: Who, dana: Who, eve: Who, farid: Who;
const app: Record<string, string> = {};
let roundId = '';
const T0 = Date.now();
const AFTER_CLOSE = T0 + 3 * HOUR;
const VOTE_CLOSES = AFTER_CLOSE + 48 * HOUR;
const AFTER_VOTE = VOTE_CLOSES + HOUR;

async function status(fn: () => Promise<unknown>): Promise<number | 'ok'> {
  try {
    await fn();
    return 'ok';
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

// Ballots of an open vote wait in the encrypted box (vote-box.server.ts); counted ones are in the table.
const ballots = async () => (await db.selectFrom('fund_vote_ballots').select('approved').where('round_id', '=', roundId).execute()).length + readBox(`fund-vote-${roundId}`).length;
// Who has voted is governance's record since the vote became a proposal (fundgov).
const voters = async () =>
  (await db.selectFrom('governance_voters as g').innerJoin('fund_votes as v', 'v.proposal_id', 'g.proposal_id').select('g.user_id').where('v.round_id', '=', roundId).execute()).length;

async function submit(who: Who, title: string, amount: number, coApplicantIds: string[] = []) {
  const s = await startApplication(who, roundId, {}, T0);
  if (!('id' in s)) throw new Error('not started');
  const r = await saveApplication(
    who,
    s.id,
    { title, summary: `${title}: public summary`, amount, budgetLines: [{ label: 'All', amount }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds, answers: { q1: 'Private answer' }, media: {}, removeMedia: [] },
    { submit: true },
    T0,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return s.id;
}

beforeAll(async () => {
  steward = await makeMember({ role: 'steward' });
  ana = await makeMember({ name: 'Ana' });
  bashir = await makeMember({ name: 'Bashir' });
  chidi = await makeMember({ name: 'Chidi' });
  dana = await makeMember({ name: 'Dana' });
  eve = await makeMember({ name: 'Eve' });
  farid = await makeMember({ name: 'Farid' });
  const r = await createRound(
    steward,
    {
      name: 'Members round',
      description: 'd',
      pot: 3000,
      minGrant: 500,
      maxGrant: 2000,
      themes: [],
      cities: [],
      eligibility: [],
      questions: [{ text: 'What?', wordLimit: 50 }],
      criteria: [{ label: 'Need', weight: 1 }],
      decisionMethod: 'members',
      allowPartial: false,
      minLivedExperience: 0,
      opensAt: T0 - HOUR,
      closesAt: T0 + 2 * HOUR,
      panel: [],
    },
    T0 - HOUR,
  );
  if (!('id' in r)) throw new Error();
  roundId = r.id;
  await openRound(steward, roundId, T0 - HOUR);
  app.garden = await submit(ana, 'Community garden', 1200);
  app.school = await submit(bashir, 'Saturday school', 1500, [chidi.id]);
  await db.updateTable('fund_co_applicants').set({ status: 'accepted', responded_at: T0 }).where('application_id', '=', app.school).execute();
  app.radio = await submit(dana, 'Radio in Farsi', 1000);
  app.choir = await submit(eve, 'Choir', 800);
});

describe('opening the vote', () => {
  it('is refused while applications are open, and to members', async () => {
    expect(await status(() => openVote(steward, roundId, { closesAt: VOTE_CLOSES }, T0))).toBe(403);
    expect(await status(() => openVote(ana, roundId, { closesAt: VOTE_CLOSES }, AFTER_CLOSE))).toBe(403);
    expect(await db.selectFrom('fund_votes').selectAll().execute()).toHaveLength(0);
  });

  it('refuses a closing time in the past, keeping nothing', async () => {
    expect(await openVote(steward, roundId, { closesAt: AFTER_CLOSE - HOUR }, AFTER_CLOSE)).toEqual({ problems: ['closes-too-soon'] });
    expect(await db.selectFrom('fund_votes').selectAll().execute()).toHaveLength(0);
  });

  it('puts every eligible application to the vote and freezes the electorate', async () => {
    expect(await openVote(steward, roundId, { closesAt: VOTE_CLOSES }, AFTER_CLOSE)).toBe('ok');
    const vote = await db
      .selectFrom('fund_votes as v')
      .innerJoin('governance_proposals as p', 'p.id', 'v.proposal_id')
      .select(['v.shortlist', 'p.electorate_size'])
      .where('v.round_id', '=', roundId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(vote.shortlist).sort()).toEqual([app.garden, app.school, app.radio, app.choir].sort());
    // steward + six members (other test files have their own database)
    expect(vote.electorate_size).toBe(7);
    const round = await db.selectFrom('fund_rounds').select('status').where('id', '=', roundId).executeTakeFirstOrThrow();
    expect(round.status).toBe('closed');
    // Everyone who may vote is told, with a link to the ballot; nobody else.
    const told = await db.selectFrom('notifications').select(['user_id', 'link']).where('kind', '=', 'funding.vote_open').execute();
    expect(told.map((n) => n.user_id).sort()).toEqual([steward, ana, bashir, chidi, dana, eve, farid].map((w) => w.id).sort());
    expect(new Set(told.map((n) => n.link))).toEqual(new Set([`/funds/${roundId}/vote`]));
  });

  it('shows each project only by its public summary', async () => {
    const page = await ballotPage(farid, roundId, AFTER_CLOSE);
    expect(page.projects.map((p) => p.summary)).toContain('Community garden: public summary');
    expect(JSON.stringify(page)).not.toContain('Private answer');
    const mine = await ballotPage(chidi, roundId, AFTER_CLOSE);
    expect(mine.projects.find((p) => p.id === app.school)!.own).toBe(true);
  });
});

describe('the ballot', () => {
  // Ballot-position effects are measured in real elections: the first name listed gains votes (Miller &
  // Krosnick 1998, Public Opinion Quarterly 62(3); Koppell & Steen 2004, Journal of Politics 66(1)).
  // Participatory-budgeting ballots (Stanford's PB platform, Decidim) show projects in a random order for
  // each voter so that no project is always first. Here: each voter their own order, the same on every
  // visit, and the stored ballot keeps the shortlist's order (the display order must not mark a ballot).
  it("shows each voter the projects in their own order, the same on every visit", async () => {
    const orders = new Set<string>();
    for (const who of [steward, ana, bashir, chidi, dana, eve, farid]) {
      const first = (await ballotPage(who, roundId, AFTER_CLOSE)).projects.map((p) => p.id);
      const again = (await ballotPage(who, roundId, AFTER_CLOSE)).projects.map((p) => p.id);
      expect(again).toEqual(first);
      expect([...first].sort()).toEqual([app.garden, app.school, app.radio, app.choir].sort());
      orders.add(first.join());
    }
    // Four projects have 24 orders; seven voters all given the same one would be (1/24)^6.
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe('voting', () => {
  it('refuses a member approving their own project, storing nothing', async () => {
    const r = await castFundVote(ana, roundId, { approved: [app.garden, app.radio], token: newFormToken() }, AFTER_CLOSE);
    expect(r).toEqual({ ok: false, error: 'own-project', projects: ['Community garden'] });
    expect(await ballots()).toBe(0);
    expect(await voters()).toBe(0);
  });

  it('refuses a co-applicant approving the joint project', async () => {
    const r = await castFundVote(chidi, roundId, { approved: [app.school], token: newFormToken() }, AFTER_CLOSE);
    expect(r).toMatchObject({ ok: false, error: 'own-project' });
    expect(await ballots()).toBe(0);
  });

  it('refuses an empty ballot and a project not on the shortlist', async () => {
    expect(await castFundVote(farid, roundId, { approved: [], token: newFormToken() }, AFTER_CLOSE)).toEqual({ ok: false, error: 'empty' });
    expect(await castFundVote(farid, roundId, { approved: ['nope'], token: newFormToken() }, AFTER_CLOSE)).toEqual({ ok: false, error: 'unknown-project' });
    expect(await ballots()).toBe(0);
  });

  it('refuses a member who joined after the vote opened (electorate frozen at opening)', async () => {
    const late = await makeMember({ name: 'Late joiner' });
    expect(await status(() => castFundVote(late, roundId, { approved: [app.garden], token: newFormToken() }, AFTER_CLOSE))).toBe(403);
    expect(await ballots()).toBe(0);
  });

  it('answers a resent form with the same receipt, and refuses a second ballot', async () => {
    const token = newFormToken();
    const first = await castFundVote(farid, roundId, { approved: [app.garden, app.choir], token }, AFTER_CLOSE);
    expect(first).toMatchObject({ ok: true, repeated: false });
    const again = await castFundVote(farid, roundId, { approved: [app.garden, app.choir], token }, AFTER_CLOSE);
    expect(again).toEqual({ ok: true, receipt: (first as { receipt: string }).receipt, repeated: true });
    expect(await castFundVote(farid, roundId, { approved: [app.radio], token: newFormToken() }, AFTER_CLOSE)).toEqual({ ok: false, error: 'already-voted' });
    expect(await ballots()).toBe(1);
    expect(await checkFundReceipt(roundId, (first as { receipt: string }).receipt)).toMatchObject({ found: true });
    expect(await checkFundReceipt(roundId, 'AAAA-AAAA-AAAA-AAAA-AAAA')).toEqual({ found: false, publicId: null });
  });

  it('keeps no link between a ballot and its voter', async () => {
    const cols = (await db.selectFrom('fund_vote_ballots').selectAll().execute()).flatMap((b) => Object.values(b));
    expect(cols.join(' ')).not.toContain(farid.id);
  });

  it('counts the rest of the electorate', async () => {
    // A bloc of four (Ana, Dana, Eve, the steward) backs the school, radio and choir; three (Farid,
    // Chidi, Bashir) back the garden. Nobody approves their own.
    for (const [who, approved] of [
      [ana, [app.school, app.radio, app.choir]],
      [dana, [app.school, app.choir]],
      [eve, [app.school, app.radio]],
      [steward, [app.school, app.radio, app.choir]],
      [chidi, [app.garden]],
      [bashir, [app.garden]],
    ] as const) {
      expect(await castFundVote(who, roundId, { approved: [...approved], token: newFormToken() }, AFTER_CLOSE)).toMatchObject({ ok: true });
    }
    expect(await ballots()).toBe(7);
  });

  it('cannot be closed early or by a member, and its result is hidden until then', async () => {
    expect(await status(() => closeFundVote(steward, roundId, AFTER_CLOSE))).toBe(403);
    expect(await status(() => closeFundVote(ana, roundId, AFTER_VOTE))).toBe(403);
    expect(await status(() => voteResult(ana, roundId, AFTER_CLOSE))).toBe(403);
    expect(await status(() => ballotsFile(ana, roundId, AFTER_CLOSE))).toBe(403);
    expect(await status(() => castFundVote(ana, roundId, { approved: [app.choir], token: newFormToken() }, AFTER_VOTE))).toBe(403);
  });
});

// ------------------------------------------------------------------------------------- independent recount

type F = InstanceType<typeof Fraction>;

/** Plain MES for approval ballots, cost utility, one voter at a time; ties: cost, approvals, lot. */
function recountMes(budget: F, costs: Map<string, F>, votes: string[][], lot: string[], perVoter: F): string[] {
  const money = votes.map(() => perVoter);
  const left = new Set([...costs.keys()].filter((p) => votes.some((v) => v.includes(p))));
  const chosen: string[] = [];
  for (;;) {
    let best: { p: string; rho: F } | null = null;
    for (const p of [...left]) {
      const cost = costs.get(p)!;
      const sup = votes.map((v, i) => (v.includes(p) ? i : -1)).filter((i) => i >= 0);
      const total = sup.reduce((s, i) => s.add(money[i]!), new Fraction(0));
      if (total.compare(cost) < 0) {
        left.delete(p);
        continue;
      }
      const bs = sup.map((i) => money[i]!).sort((a, b) => a.compare(b));
      let paid = new Fraction(0);
      let k = bs.length;
      let pay: F | null = null;
      for (const b of bs) {
        const share = cost.sub(paid).div(k);
        if (share.compare(b) <= 0) {
          pay = share;
          break;
        }
        paid = paid.add(b);
        k -= 1;
      }
      const rho = pay!.div(cost);
      const n = (x: string) => votes.filter((v) => v.includes(x)).length;
      const better =
        !best ||
        rho.compare(best.rho) < 0 ||
        (rho.compare(best.rho) === 0 &&
          (cost.compare(costs.get(best.p)!) < 0 || (cost.equals(costs.get(best.p)!) && (n(p) > n(best.p) || (n(p) === n(best.p) && lot.indexOf(p) < lot.indexOf(best.p))))));
      if (better) best = { p, rho };
    }
    if (!best) return chosen;
    const cost = costs.get(best.p)!;
    const pay = best.rho.mul(cost);
    votes.forEach((v, i) => {
      if (v.includes(best!.p)) money[i] = money[i]!.compare(pay) < 0 ? new Fraction(0) : money[i]!.sub(pay);
    });
    chosen.push(best.p);
    left.delete(best.p);
  }
  void budget;
}

function recountPb(text: string): string[] {
  const pb = parsePb(text);
  const budget = new Fraction(pb.meta.budget!);
  const costs = new Map(pb.projects.map((p) => [p.project_id!, new Fraction(p.cost!)]));
  const votes = pb.votes.map((v) => v.vote!.split(',').filter(Boolean));
  const lot = (pb.meta.tie_break_lot ?? '').split(',');
  const spent = (sel: string[]) => sel.reduce((s, p) => s.add(costs.get(p)!), new Fraction(0));
  let share = budget.div(votes.length);
  let sel = recountMes(budget, costs, votes, lot, share);
  const supported = [...costs.keys()].filter((p) => votes.some((v) => v.includes(p))).length;
  // "Add one": raise every share by £1 while the outcome still fits the pot.
  while (sel.length < supported) {
    const next = recountMes(budget, costs, votes, lot, share.add(1));
    if (spent(next).compare(budget) > 0) break;
    sel = next;
    share = share.add(1);
  }
  return sel;
}

describe('closing and counting', () => {
  it('counts by MES, and the published .pb file recounts to the same awards', async () => {
    expect(await closeFundVote(steward, roundId, AFTER_VOTE)).toBe('ok');
    const { result, rows } = await voteResult(ana, roundId, AFTER_VOTE);
    expect(result.voters).toBe(7);
    const file = await ballotsFile(ana, roundId, AFTER_VOTE);
    expect(file.name).toMatch(/\.pb$/);
    const recount = recountPb(file.body);
    expect(new Set(result.selected)).toEqual(new Set(recount));
    expect(result.spent).toBeLessThanOrEqual(3000);
    // The .pb's own "selected" column says the same.
    const pb = parsePb(file.body);
    expect(pb.projects.filter((p) => p.selected === '1').map((p) => p.project_id).sort()).toEqual([...result.selected].sort());
    expect(pb.votes).toHaveLength(7);
    // Anonymous: no member id, no name, no private answer in the public file.
    for (const who of [ana, bashir, chidi, dana, eve, farid, steward]) {
      expect(file.body).not.toContain(who.id);
      expect(file.body).not.toContain(who.email);
    }
    expect(file.body).not.toContain('Private answer');
    // Every project has an outcome the page can explain.
    expect(rows).toHaveLength(4);
    for (const r of rows.filter((x) => !x.outcome.funded && x.outcome.approvals > 0)) expect(r.outcome.moneyLeftPence).toBeLessThan(r.amount * 100);
  });

  it('is proportional: a bloc cannot take the whole pot', async () => {
    const { result } = await voteResult(ana, roundId, AFTER_VOTE);
    // "Most votes wins" funds the school (4 approvals, £1,500) and the choir (4, £800), then nothing
    // else fits: the three garden voters get nothing. Their three shares of £3,000 ÷ 7 (£1,285) pay
    // for the garden (£1,200) under MES.
    expect(result.selected).toContain(app.garden);
    expect(result.spent).toBeLessThanOrEqual(3000);
  });

  it('stewards confirm once: awards, statuses, a decided round and one register entry', async () => {
    const before = await db.selectFrom('governance_decisions').selectAll().execute();
    expect(await status(() => confirmVoteAwards(ana, roundId, AFTER_VOTE))).toBe(403);
    expect(await confirmVoteAwards(steward, roundId, AFTER_VOTE)).toBe('ok');
    const after = await db.selectFrom('governance_decisions').selectAll().execute();
    expect(after.length - before.length).toBe(1);
    const entry = after.at(-1)!;
    expect(entry.title).toContain('Members round');
    // A binding allocation of money by the members' vote, not a poll: the register says what it was.
    expect(entry.kind).toBe('fund_vote');
    const { result } = await voteResult(ana, roundId, AFTER_VOTE);
    const titles = Object.fromEntries((await db.selectFrom('fund_applications').select(['id', 'title']).where('round_id', '=', roundId).execute()).map((a) => [a.id, a.title]));
    expect(JSON.parse(entry.tally)).toEqual({
      kind: 'fund_vote',
      outcome: 'passed',
      quorum: { percent: 0, required: 0, turnout: 7, electorate: 7, quorate: true },
      counts: Object.fromEntries(result.outcomes.map((o) => [titles[o.id], o.approvals])),
      funded: result.selected.map((id) => titles[id]),
    });
    const awards = await db.selectFrom('fund_awards').selectAll().where('round_id', '=', roundId).execute();
    expect(awards.map((a) => a.application_id).sort()).toEqual([...result.selected].sort());
    const apps = await db.selectFrom('fund_applications').select(['id', 'status']).where('round_id', '=', roundId).execute();
    for (const a of apps) expect(a.status).toBe(result.selected.includes(a.id) ? 'funded' : 'not-funded');
    // Every applicant is told, as after a panel decision: an award letter to accept, or feedback.
    const leads = await db.selectFrom('fund_applications').select(['id', 'lead_id']).where('round_id', '=', roundId).execute();
    for (const a of leads) {
      const kinds = (await db.selectFrom('notifications').select('kind').where('user_id', '=', a.lead_id).where('link', 'like', `%${a.id}%`).execute()).map((n) => n.kind);
      expect(kinds, a.id).toContain(result.selected.includes(a.id) ? 'funding.awarded' : 'funding.not_funded');
    }
    expect((await db.selectFrom('fund_rounds').select('status').where('id', '=', roundId).executeTakeFirstOrThrow()).status).toBe('decided');
    // A second confirm is refused and writes nothing.
    expect(await status(() => confirmVoteAwards(steward, roundId, AFTER_VOTE))).toBe(403);
    expect((await db.selectFrom('governance_decisions').selectAll().execute()).length).toBe(after.length);
  });

  /** What the register's list, CSV and PDF say of the entry numbered `number`. */
  async function registerSays(number: number) {
    const listed = (await listDecisions()).find((d) => d.number === number)!;
    const csvLine = (await decisionsCsv()).split('\r\n').find((l) => l.startsWith(`${number},`))!;
    const en = await fixedT('en');
    const printed: string[] = [];
    await decisionsPdf((key, options) => {
      const s = en(key, options);
      if (key.startsWith('governance.kinds.')) printed.push(s);
      return s;
    });
    return { listed, csvLine, printed };
  }

  it('the register calls the confirmed awards a seed-fund vote in its list, CSV and PDF, never a poll', async () => {
    const { decision_number } = await db.selectFrom('fund_votes').select('decision_number').where('round_id', '=', roundId).executeTakeFirstOrThrow();
    const { listed, csvLine, printed } = await registerSays(decision_number!);
    expect(listed.kind).toBe('fund_vote');
    expect(listed.fund_round_id).toBe(roundId);
    expect(listed.tally).toMatchObject({ kind: 'fund_vote', funded: expect.arrayContaining([expect.any(String)]) });
    expect(csvLine.split(',')[2]).toBe('fund_vote');
    expect(csvLine).toMatch(/approvals .*; funded /);
    expect(printed).toContain('Seed-fund vote (Method of Equal Shares)');
    expect(printed).not.toContain('Poll');
  });

  it("entries written before the fix as 'poll' read as seed-fund votes; the stored row is never changed", async () => {
    // What confirmVoteAwards wrote until now: kind 'poll' and a poll-shaped tally keyed by project title.
    const fundVote = await db.selectFrom('fund_votes').select('decision_number').where('round_id', '=', roundId).executeTakeFirstOrThrow();
    const current = await db.selectFrom('governance_decisions').selectAll().where('number', '=', fundVote.decision_number!).executeTakeFirstOrThrow();
    const { number: _n, ...rest } = current;
    const stored = JSON.parse(current.tally) as { counts: Record<string, number>; funded: string[]; quorum: unknown };
    const legacyTally = JSON.stringify({ kind: 'poll', outcome: 'passed', mode: 'multiple', quorum: stored.quorum, counts: stored.counts, leaders: stored.funded });
    const legacy = await db
      .insertInto('governance_decisions')
      .values({ ...rest, kind: 'poll', tally: legacyTally })
      .returning('number')
      .executeTakeFirstOrThrow();
    await db.updateTable('fund_votes').set({ decision_number: legacy.number }).where('round_id', '=', roundId).execute();
    try {
      const { listed, csvLine, printed } = await registerSays(legacy.number);
      expect(listed.kind).toBe('fund_vote');
      expect(listed.tally).toEqual({ kind: 'fund_vote', outcome: 'passed', quorum: stored.quorum, counts: stored.counts, funded: stored.funded });
      expect(csvLine.split(',')[2]).toBe('fund_vote');
      expect(printed).toEqual(expect.arrayContaining(['Seed-fund vote (Method of Equal Shares)']));
      expect(printed).not.toContain('Poll');
      // The CIC34 figures count it as what it was.
      const year = new Date(current.decided_at).getUTCMonth() >= 3 ? new Date(current.decided_at).getUTCFullYear() : new Date(current.decided_at).getUTCFullYear() - 1;
      const kinds = (await cic34Figures(year)).decisions.map((d) => d.kind);
      expect(kinds).toContain('fund_vote');
      expect(kinds).not.toContain('poll');
      // A correction of the old entry is written as a seed-fund vote, and the old entry stays as stored.
      const corr = await addCorrection(legacy.number, steward, 'The amounts were confirmed by the treasurer.');
      const written = await db.selectFrom('governance_decisions').selectAll().where('number', '=', corr).executeTakeFirstOrThrow();
      expect(written.kind).toBe('fund_vote');
      expect(JSON.parse(written.tally)).toMatchObject({ kind: 'fund_vote', funded: stored.funded });
      expect((await registerSays(corr)).listed.kind).toBe('fund_vote');
      expect(await db.selectFrom('governance_decisions').selectAll().where('number', '=', legacy.number).executeTakeFirstOrThrow()).toEqual({ ...rest, number: legacy.number, kind: 'poll', tally: legacyTally });
    } finally {
      await db.updateTable('fund_votes').set({ decision_number: fundVote.decision_number }).where('round_id', '=', roundId).execute();
    }
  });
});

describe('panel shortlists, members decide', () => {
  it('puts only the projects the panel passed to the vote, and a withdrawn one drops out', async () => {
    const r = await createRound(
      steward,
      { name: 'Shortlist round', description: 'd', pot: 1000, minGrant: 100, maxGrant: 1000, themes: [], cities: [], eligibility: [], questions: [{ text: 'What?', wordLimit: 50 }], criteria: [{ label: 'Need', weight: 1 }], decisionMethod: 'panel-then-members', allowPartial: false, minLivedExperience: 0, opensAt: T0 - HOUR, closesAt: T0 + 2 * HOUR, panel: [dana.id] },
      T0 - HOUR,
    );
    if (!('id' in r)) throw new Error();
    await openRound(steward, r.id, T0 - HOUR);
    const ids: string[] = [];
    for (const who of [ana, bashir, chidi]) {
      const s = await startApplication(who, r.id, {}, T0);
      if (!('id' in s)) throw new Error();
      await saveApplication(who, s.id, { title: `P ${who.name}`, summary: 's', amount: 400, budgetLines: [{ label: 'All', amount: 400 }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: 'a' }, media: {}, removeMedia: [] }, { submit: true }, T0);
      ids.push(s.id);
    }
    // Before the panel's review is open, the vote cannot open.
    expect(await status(() => openVote(steward, r.id, { closesAt: VOTE_CLOSES, shortlist: ids }, AFTER_CLOSE))).toBe(403);
    await db.updateTable('fund_rounds').set({ status: 'closed', review_opened_at: AFTER_CLOSE }).where('id', '=', r.id).execute();
    expect(await openVote(steward, r.id, { closesAt: VOTE_CLOSES, shortlist: [] }, AFTER_CLOSE)).toEqual({ problems: ['empty-shortlist'] });
    expect(await openVote(steward, r.id, { closesAt: VOTE_CLOSES, shortlist: [ids[0]!, ids[1]!] }, AFTER_CLOSE)).toBe('ok');
    await withdrawApplication(bashir, ids[1]!, AFTER_CLOSE);
    const page = await ballotPage(farid, r.id, AFTER_CLOSE);
    expect(page.projects.map((p) => p.id)).toEqual([ids[0]]);
  });
});

describe('counting when the pot covers everything asked for', () => {
  it('funds every approved project and stops completing at once (not after a million steps)', () => {
    const r = countVote({ pot: 3000, projects: [{ id: 'a', cost: 1000 }, { id: 'b', cost: 500 }, { id: 'z', cost: 700 }], ballots: [['a'], ['a', 'b'], ['b']], lot: ['z', 'b', 'a'] });
    expect(new Set(r.selected)).toEqual(new Set(['a', 'b']));
    expect(r.completionSteps).toBeLessThan(1000);
    expect(r.outcomes.find((o) => o.id === 'z')).toMatchObject({ funded: false, approvals: 0 });
  });
});

describe("the member's data", () => {
  it('says which votes the member voted in, never what they approved', async () => {
    const data = await fundingData(farid.id);
    expect(data.membersVotesYouVotedIn).toEqual([{ round: 'Members round' }]);
    expect(JSON.stringify(data)).not.toContain(app.garden);
  });
});

describe('ties', () => {
  it('go to the lower cost, then more approvals, then the lot recorded with the result', () => {
    // Two projects of equal cost, both approved by both voters: only one fits the pot.
    const input = { pot: 1000, projects: [{ id: 'x', cost: 1000 }, { id: 'y', cost: 1000 }], ballots: [['x', 'y'], ['x', 'y']] };
    const a = countVote({ ...input, lot: ['y', 'x'] });
    const b = countVote({ ...input, lot: ['x', 'y'] });
    expect(a.selected).toEqual(['y']);
    expect(b.selected).toEqual(['x']);
    expect(a.lot).toEqual(['y', 'x']);
    expect(a.outcomes.find((o) => o.id === 'y')!.tieBrokenBy).toBe('lot');
    // (Cost and approvals before the lot: see mes.test.ts, "ties".)
  });
});
