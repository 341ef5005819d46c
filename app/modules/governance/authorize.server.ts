/**
 * How governance module writes ask the policy layer (~/policies) before changing anything.
 *
 * The rules live in app/policies/governance.ts; this only translates a refusal into the area's own
 * `GovernanceError` (403, or 404 where the rule says the subject's existence is private), which every
 * governance route already turns into the right response and message. Module functions call it first,
 * so a route that forgets to check cannot write on someone's behalf.
 */
import { can, policies, type Ability, type MaybeActor, type SubjectOf } from '~/policies';
import type { ProposalSubject } from '~/policies/governance';
import { GovernanceError } from './errors';
import type { Proposal } from './proposal-read.server';

export function authorizeGovernance<A extends Ability>(actor: MaybeActor, ability: A, ...subject: SubjectOf<A> extends undefined ? [] : [SubjectOf<A>]): void {
  if (can(actor, ability, ...subject)) return;
  throw policies[ability].deny === 'not-found' ? new GovernanceError('not_found', 404) : new GovernanceError('forbidden', 403);
}

/**
 * A proposal as the governance policy sees it, for lifecycle rules that do not depend on the actor's
 * place in the electorate (close, extend, attach, record the outcome). Voting and results go through
 * `proposalSubject` in ./access.server, which also looks up the electorate.
 */
export function lifecycleSubject(p: Proposal, now = Date.now()): ProposalSubject {
  return {
    proposerId: p.proposer_id,
    kind: p.kind,
    status: p.status,
    secret: p.secret === 1,
    hideResults: p.hide_results === 1,
    allowCloseEarly: p.allow_close_early === 1,
    closesAt: p.closes_at,
    hasStoredResult: p.result !== null,
    inElectorate: false,
    now,
  };
}
