/**
 * A grant is an award seen after the decision: what was awarded, paid and reported. Loading one asks
 * app/policies/funding.ts ('fundAward.view'): stewards and the grantee (the lead and co-applicants who
 * did not decline) see it; for anyone else — the panel included — it does not exist (404).
 */
import { db } from '~db/connection';
import { authorize, type Actor } from '~/policies';
import type { FundGrantSubject } from '~/policies/funding';
import type { BudgetLine } from './rules';

export interface Grant {
  applicationId: string;
  roundId: string;
  roundName: string;
  title: string;
  leadId: string;
  leadName: string;
  awarded: number;
  partial: boolean;
  decidedAt: number;
  budgetLines: BudgetLine[];
  /** The host organisation that holds the money for an unincorporated group (only once it accepted). */
  host: { id: string; name: string } | null;
  granteeIds: string[];
  paid: number;
  /** The end report is in: completed, or closed early with what was learned. */
  closed: 'completed' | 'stopped-early' | null;
}

export const notFound = (): never => {
  throw new Response('Not found', { status: 404 });
};

/** The grant without any access check: for jobs and for the module's own use after authorizing. */
export async function grantRow(applicationId: string): Promise<Grant | null> {
  const row = await db
    .selectFrom('fund_awards as w')
    .innerJoin('fund_applications as a', 'a.id', 'w.application_id')
    .innerJoin('fund_rounds as r', 'r.id', 'w.round_id')
    .innerJoin('users as u', 'u.id', 'a.lead_id')
    .leftJoin('organisations as o', 'o.id', 'a.host_org_id')
    .select(['w.application_id', 'w.round_id', 'r.name as roundName', 'a.title', 'a.lead_id', 'u.name as leadName', 'w.amount', 'w.partial', 'w.confirmed_at', 'a.budget_lines', 'a.kind', 'a.host_status', 'o.id as hostId', 'o.name as hostName'])
    .where('w.application_id', '=', applicationId.slice(0, 60))
    .executeTakeFirst();
  if (!row) return null;
  const [co, paid, end] = await Promise.all([
    db.selectFrom('fund_co_applicants').select('user_id').where('application_id', '=', row.application_id).where('status', '!=', 'declined').execute(),
    db.selectFrom('fund_payments').select((eb) => eb.fn.sum<number>('amount').as('total')).where('application_id', '=', row.application_id).executeTakeFirst(),
    db.selectFrom('fund_reports').select(['status', 'stopped_early']).where('application_id', '=', row.application_id).where('kind', '=', 'end').executeTakeFirst(),
  ]);
  return {
    applicationId: row.application_id,
    roundId: row.round_id,
    roundName: row.roundName,
    title: row.title,
    leadId: row.lead_id,
    leadName: row.leadName,
    awarded: row.amount,
    partial: row.partial === 1,
    decidedAt: row.confirmed_at,
    budgetLines: JSON.parse(row.budget_lines) as BudgetLine[],
    host: row.kind === 'group' && row.host_status === 'accepted' && row.hostId ? { id: row.hostId, name: row.hostName ?? '' } : null,
    granteeIds: [row.lead_id, ...co.map((c) => c.user_id)],
    paid: Number(paid?.total ?? 0),
    closed: end?.status === 'submitted' ? (end.stopped_early === 1 ? 'stopped-early' : 'completed') : null,
  };
}

export function grantSubject(actor: Actor, grant: Grant): FundGrantSubject {
  return { isGrantee: grant.granteeIds.includes(actor.id), closed: grant.closed !== null };
}

/** The grant, or 404 for anyone who may not see it (same answer as for no such grant). */
export async function loadGrant(actor: Actor, applicationId: string) {
  const grant = await grantRow(applicationId);
  if (!grant) notFound();
  const subject = grantSubject(actor, grant!);
  authorize(actor, 'fundAward.view', subject);
  return { grant: grant!, subject };
}

/** Whether this member holds a grant for this application (for the link on the application page). */
export async function hasGrant(applicationId: string): Promise<boolean> {
  return !!(await db.selectFrom('fund_awards').select('application_id').where('application_id', '=', applicationId).executeTakeFirst());
}
