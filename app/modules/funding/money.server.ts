/**
 * Payments against awards and the pot that rolls over (issue 14 item 8). Recording a payment is
 * stewards' work ('fundAward.recordPayment'); the check against overpaying is made inside the insert
 * itself, so two stewards recording at once cannot pay an award more than it is worth.
 */
import { sql } from 'kysely';
import { db } from '~db/connection';
import { authorize, type Actor } from '~/policies';
import { newId } from '~/modules/auth/tokens.server';
import { audit } from '~/modules/network/settings.server';
import { checkPayment, committed, potLedger, type LedgerEntry, type PaymentInput, type PaymentProblem } from './money';
import { loadGrant } from './grants.server';
import { dayOf } from './report-rules';

export interface Payment {
  id: string;
  amount: number;
  paidOn: string;
  reference: string;
  paidTo: 'grantee' | 'host';
  hostName: string | null;
  recordedBy: string | null;
  recordedAt: number;
}

export async function paymentsOf(applicationId: string): Promise<Payment[]> {
  const rows = await db
    .selectFrom('fund_payments as p')
    .leftJoin('organisations as o', 'o.id', 'p.host_org_id')
    .leftJoin('users as u', 'u.id', 'p.recorded_by')
    .select(['p.id', 'p.amount', 'p.paid_on', 'p.reference', 'p.paid_to', 'o.name as hostName', 'u.name as recordedBy', 'p.recorded_at'])
    .where('p.application_id', '=', applicationId)
    .orderBy('p.paid_on')
    .orderBy('p.recorded_at')
    .execute();
  return rows.map((r) => ({ id: r.id, amount: r.amount, paidOn: r.paid_on, reference: r.reference, paidTo: r.paid_to, hostName: r.hostName, recordedBy: r.recordedBy, recordedAt: r.recorded_at }));
}

/**
 * Records money the network paid. Refused (nothing written) when it would pay more than is left of the
 * award: the message says how much is left. The guard is in the INSERT's WHERE, so it holds against a
 * concurrent payment recorded between our read and our write.
 */
export async function recordPayment(actor: Actor, applicationId: string, p: PaymentInput, now = Date.now()): Promise<{ ok: true } | { ok: false; problems: PaymentProblem[]; left: number }> {
  const { grant, subject } = await loadGrant(actor, applicationId);
  authorize(actor, 'fundAward.recordPayment', subject);
  const left = grant.awarded - grant.paid;
  const problems = checkPayment({ awarded: grant.awarded, paid: grant.paid, hasHost: grant.host !== null }, p, dayOf(now));
  if (problems.length) return { ok: false, problems, left };
  const id = newId();
  const res = await db
    .insertInto('fund_payments')
    .columns(['id', 'application_id', 'amount', 'paid_on', 'reference', 'paid_to', 'host_org_id', 'recorded_by', 'recorded_at'])
    .expression(
      db
        .selectFrom('fund_awards as w')
        .select([
          sql.lit(id).as('id'),
          'w.application_id',
          sql<number>`${p.amount}`.as('amount'),
          sql<string>`${p.paidOn}`.as('paid_on'),
          sql<string>`${p.reference.trim()}`.as('reference'),
          sql<string>`${p.paidTo}`.as('paid_to'),
          sql<string | null>`${p.paidTo === 'host' ? grant.host!.id : null}`.as('host_org_id'),
          sql<string>`${actor.id}`.as('recorded_by'),
          sql<number>`${now}`.as('recorded_at'),
        ])
        .where('w.application_id', '=', applicationId)
        .where(sql<boolean>`(SELECT COALESCE(SUM(amount), 0) FROM fund_payments WHERE application_id = ${applicationId}) + ${p.amount} <= w.amount`),
    )
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) {
    const now2 = (await loadGrant(actor, applicationId)).grant;
    return { ok: false, problems: [{ field: 'amount', error: 'overpaid' }], left: now2.awarded - now2.paid };
  }
  await audit({ actorId: actor.id, action: 'fund_payment.recorded', subjectType: 'fund_award', subjectId: applicationId, details: { amount: p.amount, paidOn: p.paidOn, paidTo: p.paidTo } });
  return { ok: true };
}

/** A record made in error is removed (audited, with what it said), never edited in place. */
export async function removePayment(actor: Actor, applicationId: string, paymentId: string): Promise<boolean> {
  const { subject } = await loadGrant(actor, applicationId);
  authorize(actor, 'fundAward.recordPayment', subject);
  const row = await db.selectFrom('fund_payments').selectAll().where('id', '=', paymentId.slice(0, 60)).where('application_id', '=', applicationId).executeTakeFirst();
  if (!row) return false;
  await db.deleteFrom('fund_payments').where('id', '=', row.id).execute();
  await audit({ actorId: actor.id, action: 'fund_payment.removed', subjectType: 'fund_award', subjectId: applicationId, details: { amount: row.amount, paidOn: row.paid_on, reference: row.reference } });
  return true;
}

/** Every round's pot, what was carried in and what rolls on (see potLedger in ./money). */
export async function ledger(): Promise<Map<string, LedgerEntry>> {
  const [rounds, awards] = await Promise.all([
    db.selectFrom('fund_rounds').select(['id', 'name', 'pot', 'opens_at', 'created_at', 'status']).execute(),
    db
      .selectFrom('fund_awards as w')
      .leftJoin('fund_reports as e', (j) => j.onRef('e.application_id', '=', 'w.application_id').on('e.kind', '=', 'end').on('e.status', '=', 'submitted'))
      .select(['w.round_id', 'w.amount', 'e.stopped_early', (eb) => eb.selectFrom('fund_payments as p').whereRef('p.application_id', '=', 'w.application_id').select((e2) => e2.fn.coalesce(e2.fn.sum<number>('p.amount'), sql<number>`0`).as('s')).as('paid')])
      .execute(),
  ]);
  const byRound = new Map<string, number>();
  for (const a of awards) byRound.set(a.round_id, (byRound.get(a.round_id) ?? 0) + committed({ amount: a.amount, paid: Number(a.paid ?? 0), stoppedEarly: a.stopped_early === 1 }));
  return potLedger(rounds.map((r) => ({ id: r.id, name: r.name, pot: r.pot, opensAt: r.opens_at, createdAt: r.created_at, decided: r.status === 'decided', committed: byRound.get(r.id) ?? 0 })));
}

/** One round's money: own pot, carried in, what it can give, committed, left and where it goes. */
export async function roundMoney(roundId: string): Promise<LedgerEntry & { pot: number }> {
  const [l, round] = await Promise.all([ledger(), db.selectFrom('fund_rounds').select('pot').where('id', '=', roundId).executeTakeFirst()]);
  const e = l.get(roundId);
  return { pot: round?.pot ?? 0, ...(e ?? { carriedIn: null, available: round?.pot ?? 0, committed: 0, left: null, rollsTo: null }) };
}

/** The pot a round decides with: its own plus what the previous round left. */
export async function availablePot(roundId: string): Promise<number> {
  return (await roundMoney(roundId)).available;
}

/** Awards of a round with paid against awarded (stewards' overview on the round page). */
export async function roundGrants(roundId: string) {
  return db
    .selectFrom('fund_awards as w')
    .innerJoin('fund_applications as a', 'a.id', 'w.application_id')
    .leftJoin('fund_reports as e', (j) => j.onRef('e.application_id', '=', 'w.application_id').on('e.kind', '=', 'end').on('e.status', '=', 'submitted'))
    .select(['w.application_id as id', 'a.title', 'w.amount as awarded', 'e.stopped_early', 'e.id as endReport', (eb) => eb.selectFrom('fund_payments as p').whereRef('p.application_id', '=', 'w.application_id').select((e2) => e2.fn.coalesce(e2.fn.sum<number>('p.amount'), sql<number>`0`).as('s')).as('paid')])
    .where('w.round_id', '=', roundId)
    .orderBy('a.title')
    .execute()
    .then((rows) => rows.map((r) => ({ id: r.id, title: r.title, awarded: r.awarded, paid: Number(r.paid ?? 0), closed: r.endReport ? (r.stopped_early === 1 ? ('stopped-early' as const) : ('completed' as const)) : null })));
}
