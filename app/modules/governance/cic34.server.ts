import { sql } from 'kysely';
import { db } from '~db/connection';
import type { RegisterKind } from './register-entry';
import { mentoringTotals } from '~/modules/mentoring/report.server';
import { seedFundYear } from '~/modules/funding/evidence.server';

/** Counts under this are shown as "<5", so no one can be picked out of a small group. */
export const SUPPRESS_BELOW = 5;
const suppress = (n: number): number | null => (n < SUPPRESS_BELOW ? null : n);

/**
 * Figures for a CIC34 draft for the financial year starting 1 April of `year`: members by city,
 * decisions taken and how members were consulted, mentoring (from the mentoring area, already
 * suppressed there), bids submitted and won with amounts, and notices shared and responded to.
 */
export async function cic34Figures(year: number) {
  const from = Date.UTC(year, 3, 1);
  const to = Date.UTC(year + 1, 3, 1);
  const members = await db
    .selectFrom('users')
    .select(['city'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('joined_at', '<', to)
    .where((eb) => eb.or([eb('ceased_at', 'is', null), eb('ceased_at', '>=', from)]))
    .groupBy('city')
    .execute();
  // The seed fund's awards were stored as polls before 2026-12-03; the register reads the entry the
  // fund names as its decision as the seed-fund vote it was (register-entry.ts), and so do these figures.
  const registerKind = sql<RegisterKind>`case when exists (select 1 from fund_votes where fund_votes.decision_number = governance_decisions.number) then 'fund_vote' else governance_decisions.kind end`;
  const decisions = await db
    .selectFrom('governance_decisions')
    .select(registerKind.as('kind'))
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('turnout').as('turnout'), eb.fn.sum<number>('electorate').as('electorate')])
    .where('decided_at', '>=', from)
    .where('decided_at', '<', to)
    .where('corrects', 'is', null)
    // A consent proposal re-opened after an objection counts once: its latest round's entry.
    .where((eb) => eb.not(eb.exists(eb.selectFrom('governance_decisions as later').select('later.number').whereRef('later.supersedes', '=', 'governance_decisions.number'))))
    .groupBy(registerKind)
    .execute();
  const consultations = await db
    .selectFrom('governance_proposals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', 'in', ['advice', 'poll'])
    .where('closed_at', '>=', from)
    .where('closed_at', '<', to)
    .executeTakeFirstOrThrow();
  const comments = await db
    .selectFrom('governance_comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .executeTakeFirstOrThrow();
  const mentoring = await mentoringTotals({ from, to: to - 1 });
  const bids = await bidFigures(from, to);
  const notices = await noticeFigures(from, to);
  return {
    year,
    from,
    to,
    membersByCity: members.map((m) => ({ city: m.city ?? 'unknown', members: suppress(Number(m.n)) })),
    decisions: decisions.map((d) => ({
      kind: d.kind,
      count: Number(d.n),
      turnoutPercent: Number(d.electorate) > 0 ? Math.round((Number(d.turnout) * 100) / Number(d.electorate)) : 0,
    })),
    consultations: Number(consultations.n),
    comments: Number(comments.n),
    mentoring: { sessions: mentoring.sessions, hours: mentoring.hours },
    bids,
    notices,
    // The seed fund's grants, from the fund's own evidence (same suppression as its round report).
    seedFund: await seedFundYear(from, to),
  };
}

type Money = { currency: string; amount: number };

function addMoney(list: Money[], currency: string, amount: number) {
  const m = list.find((x) => x.currency === currency);
  if (m) m.amount += amount;
  else list.push({ currency, amount });
}

/**
 * Bids submitted in the year (first moved to "submitted" then) with the amounts asked for, and bids
 * won in the year (moved to "awarded" then) with the amounts awarded. Bids are organisations' work,
 * not people's, so the counts are not suppressed. Amounts are in minor units (pence/cents).
 */
export async function bidFigures(from: number, to: number) {
  const changes = await db
    .selectFrom('bid_status_changes as c')
    .innerJoin('bids as b', 'b.id', 'c.bid_id')
    .select(['b.id', 'b.amount', 'b.awarded_amount', 'b.currency', 'c.status', 'c.changed_at'])
    .where('c.status', 'in', ['submitted', 'awarded'])
    .orderBy('c.changed_at')
    .execute();
  // A bid counts in the year of its first submission and of its (first) award.
  const firstOf = new Map<string, (typeof changes)[number]>();
  for (const c of changes) if (!firstOf.has(`${c.status}:${c.id}`)) firstOf.set(`${c.status}:${c.id}`, c);
  const submitted = { count: 0, amounts: [] as Money[] };
  const won = { count: 0, amounts: [] as Money[] };
  for (const c of firstOf.values()) {
    if (c.changed_at < from || c.changed_at >= to) continue;
    if (c.status === 'submitted') {
      submitted.count += 1;
      addMoney(submitted.amounts, c.currency, c.amount);
    } else {
      won.count += 1;
      addMoney(won.amounts, c.currency, c.awarded_amount ?? c.amount);
    }
  }
  return { submitted, won };
}

/**
 * Notices shared on the board in the year (not hidden by moderators), how many got a response,
 * and how many members shared and responded (people: suppressed under SUPPRESS_BELOW).
 */
export async function noticeFigures(from: number, to: number) {
  const shared = await db
    .selectFrom('notices')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('author_id').distinct().as('authors')])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .where('hidden', '=', 0)
    .executeTakeFirstOrThrow();
  const responses = await db
    .selectFrom('notice_responses as r')
    .innerJoin('notices as n', 'n.id', 'r.notice_id')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('r.notice_id').distinct().as('notices'), eb.fn.count<number>('r.user_id').distinct().as('people')])
    .where('r.created_at', '>=', from)
    .where('r.created_at', '<', to)
    .where('n.hidden', '=', 0)
    .executeTakeFirstOrThrow();
  return {
    shared: Number(shared.n),
    sharedBy: suppress(Number(shared.authors)),
    respondedTo: Number(responses.notices),
    responses: suppress(Number(responses.n)),
    respondents: suppress(Number(responses.people)),
  };
}
