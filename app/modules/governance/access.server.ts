import type { ProposalSubject } from '~/policies/governance';
import { db } from '~db/connection';
import type { Proposal } from './proposals.server';

/** What the governance policy needs to know about a proposal and the member asking (one query). */
export async function proposalSubject(p: Proposal, userId: string | null, now = Date.now()): Promise<ProposalSubject> {
  const inElectorate = userId
    ? !!(await db.selectFrom('governance_electorate').select('user_id').where('proposal_id', '=', p.id).where('user_id', '=', userId).executeTakeFirst())
    : false;
  return {
    proposerId: p.proposer_id,
    kind: p.kind,
    status: p.status,
    secret: p.secret === 1,
    hideResults: p.hide_results === 1,
    allowCloseEarly: p.allow_close_early === 1,
    closesAt: p.closes_at,
    hasStoredResult: p.result !== null,
    inElectorate,
    now,
  };
}

/** The abilities the proposal page shows buttons from. */
export const PROPOSAL_ABILITIES = [
  'proposal.vote',
  'proposal.comment',
  'proposal.seeResults',
  'proposal.seeTurnout',
  'proposal.close',
  'proposal.extend',
  'proposal.attach',
  'proposal.recordOutcome',
  'proposal.facilitate',
  'proposal.amend',
] as const;

/** How many members have voted (the "has voted" rows): all a secret ballot shows before close. */
export async function turnoutOf(proposalId: string): Promise<number> {
  const row = await db.selectFrom('governance_voters').select((eb) => eb.fn.countAll<number>().as('n')).where('proposal_id', '=', proposalId).executeTakeFirst();
  return Number(row?.n ?? 0);
}
