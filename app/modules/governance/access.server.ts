import type { ProposalSubject } from '~/policies/governance';
import { abilitiesFor, authorize, type MaybeActor } from '~/policies';
import { db } from '~db/connection';
import type { Proposal } from './proposal-read.server';
import { lifecycleSubject } from './authorize.server';

/** What the governance policy needs to know about a proposal and the member asking (one query). */
export async function proposalSubject(p: Proposal, userId: string | null, now = Date.now()): Promise<ProposalSubject> {
  const inElectorate = userId
    ? !!(await db.selectFrom('governance_electorate').select('user_id').where('proposal_id', '=', p.id).where('user_id', '=', userId).executeTakeFirst())
    : false;
  return { ...lifecycleSubject(p, now), inElectorate };
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

/**
 * For routes: refuses (404/403 Response) unless the actor may read the proposal, and returns the
 * abilities the page shows buttons from. Kept in a .server module so the policy files stay out of the
 * browser bundle.
 */
export async function proposalAccess(actor: MaybeActor & { id: string }, p: Proposal, now = Date.now()) {
  const subject = await proposalSubject(p, actor.id, now);
  authorize(actor, 'proposal.read', subject);
  return { subject, abilities: abilitiesFor(actor, subject, PROPOSAL_ABILITIES) };
}

/** For resource routes: the published or live count only where `proposal.seeResults` allows it. */
export async function authorizeResults(actor: MaybeActor & { id: string }, p: Proposal): Promise<void> {
  const subject = await proposalSubject(p, actor.id);
  authorize(actor, 'proposal.read', subject);
  authorize(actor, 'proposal.seeResults', subject);
}

/** The area-wide abilities (no subject) the governance pages show buttons from. */
export const GOVERNANCE_ABILITIES = ['proposal.create', 'governanceGroup.manage', 'director.manage', 'decision.correct', 'memberRegister.edit'] as const;

export function governanceAbilities(actor: MaybeActor) {
  return abilitiesFor(actor, undefined, GOVERNANCE_ABILITIES);
}

/** For the record pages and exports (decision register, minutes, register of members, log): refuses unless allowed. */
export function authorizeRecords(actor: MaybeActor): void {
  authorize(actor, 'governanceRecord.read');
}

/**
 * For actions: refuses (403 Response) before the form is even read, so a member's hand-made POST is
 * told no rather than shown a validation message. The module function asks the same rule again.
 */
export function authorizeGovernanceAction(actor: MaybeActor, ability: (typeof GOVERNANCE_ABILITIES)[number]): void {
  authorize(actor, ability);
}
