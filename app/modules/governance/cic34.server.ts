import { db } from '~db/connection';
import { mentoringTotals } from '~/modules/mentoring/report.server';

/** Counts under this are shown as "<5", so no one can be picked out of a small group. */
export const SUPPRESS_BELOW = 5;
const suppress = (n: number): number | null => (n < SUPPRESS_BELOW ? null : n);

/**
 * Figures for a CIC34 draft for the financial year starting 1 April of `year`: members by city,
 * decisions taken and how members were consulted, and mentoring (from the mentoring area, already
 * suppressed there). Bids and notices figures are not included (see the governance report).
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
  const decisions = await db
    .selectFrom('governance_decisions')
    .select(['kind'])
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('turnout').as('turnout'), eb.fn.sum<number>('electorate').as('electorate')])
    .where('decided_at', '>=', from)
    .where('decided_at', '<', to)
    .where('corrects', 'is', null)
    .groupBy('kind')
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
  };
}
